import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

// serviceWorker writes dist/sw.js from the built bundle. At install it
// keeps the shell (index.html, the entry script and what it imports, the
// styles, the manifest and the icon): what a first visit needs to sign in.
// Once signed in, the app asks it to keep the screens of the person's
// roles for a meeting without signal (ROLES): a member's phone never
// downloads the meeting screen, and no phone the partner's or the admin's
// screens. Its version is a hash of the names kept, so every build that
// changes them changes the worker and the browser installs it.
function serviceWorker(): Plugin {
  return {
    name: 'lumbung-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The screens kept per role, by chunk name. A loan application needs
      // the server (its schedule comes from it), so it is not kept.
      const roleScreens: Record<string, string[]> = {
        treasurer: ['home', 'members', 'loans', 'loan', 'meeting', 'outbox'],
        member: ['member'],
      };
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      // closure: the chunks' files and every file they import statically.
      const closure = (roots: string[]) => {
        const out = new Set<string>();
        const add = (fileName: string) => {
          if (out.has(fileName)) return;
          out.add(fileName);
          const c = bundle[fileName];
          if (c?.type === 'chunk') c.imports.forEach(add);
        };
        roots.forEach(add);
        return out;
      };
      const shellFiles = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      const shell: string[] = ['/', '/manifest.webmanifest', '/icon.svg', ...[...shellFiles].map((f) => '/' + f)];
      for (const [fileName, out] of Object.entries(bundle)) {
        if (out.type === 'asset' && fileName.endsWith('.css')) shell.push('/' + fileName);
      }
      const roles: Record<string, string[]> = {};
      for (const [role, names] of Object.entries(roleScreens)) {
        const roots = chunks.filter((c) => c.isDynamicEntry && names.includes(c.name)).map((c) => c.fileName);
        if (roots.length !== names.length) this.error(`screens of ${role}: found ${roots.length} of ${names.join(', ')}`);
        roles[role] = [...closure(roots)].filter((f) => !shellFiles.has(f)).map((f) => '/' + f).sort();
      }
      shell.sort();
      const version = createHash('sha256').update(shell.join('\n') + JSON.stringify(roles)).digest('hex').slice(0, 12);
      const source = `// Lumbung's service worker, written by vite.config.ts at build time.
const VERSION = ${JSON.stringify(version)};
const SHELL = ${JSON.stringify(shell)};
const ROLES = ${JSON.stringify(roles)};
const CACHE = 'lumbung-' + VERSION;
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lumbung-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
// The app names the signed-in person's roles; their screens are kept.
self.addEventListener('message', (event) => {
  const keep = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
  const urls = [...new Set(keep.flatMap((role) => ROLES[role] || []))];
  if (urls.length) event.waitUntil(caches.open(CACHE).then((c) => c.addAll(urls)).catch(() => undefined));
});
const API = /^\\/(v1|healthz|readyz|metrics)(\\/|$)/;
self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || API.test(url.pathname)) return;
  if (req.mode === 'navigate') {
    // The shell from the phone first: the app then reads what it can.
    event.respondWith(caches.match('/', { cacheName: CACHE }).then((hit) => hit || fetch(req)));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change meaning: keep whatever was fetched.
    event.respondWith(caches.open(CACHE).then((c) => c.match(req).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) c.put(req, res.clone());
      return res;
    }))));
    return;
  }
  event.respondWith(caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
});
`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [serviceWorker()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    // npm run dev: the app from Vite, the API from a running lumbung serve.
    proxy: Object.fromEntries(
      ['/v1', '/healthz', '/readyz'].map((p) => [p, process.env.LUMBUNG_API ?? 'http://127.0.0.1:8080']),
    ),
  },
});
