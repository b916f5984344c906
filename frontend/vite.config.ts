import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

// serviceWorker writes dist/sw.js from the built bundle: it precaches the
// shell (index.html, the scripts, the styles, the manifest and the icon)
// but not the partner's and the admin's screens, so that a member's or a
// treasurer's phone never downloads them. Its
// version is a hash of the precached names, so every build that changes
// the shell changes the worker and the browser installs it.
function serviceWorker(): Plugin {
  return {
    name: 'lumbung-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // A loan application needs the server (its schedule comes from it),
      // so it is not kept for a meeting without signal either.
      const notOnPhones = new Set(['partner', 'admin', 'apply']);
      const shell: string[] = ['/', '/manifest.webmanifest', '/icon.svg'];
      for (const [fileName, out] of Object.entries(bundle)) {
        if (out.type === 'chunk' && !(out.isDynamicEntry && notOnPhones.has(out.name))) shell.push('/' + fileName);
        if (out.type === 'asset' && fileName.endsWith('.css')) shell.push('/' + fileName);
      }
      shell.sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = `// Lumbung's service worker, written by vite.config.ts at build time.
const VERSION = ${JSON.stringify(version)};
const SHELL = ${JSON.stringify(shell)};
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
