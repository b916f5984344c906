// Lumbung's service worker, written by vite.config.ts at build time.
const VERSION = "73d422de2b61";
const SHELL = ["/","/assets/home-Dg3dYtiH.js","/assets/index-Bn7vJV4H.css","/assets/index-CCgtmoDK.js","/assets/loans-DV09XqlS.js","/assets/meeting-Br8nPzYR.js","/assets/member-orpwHU5S.js","/assets/members-DzIRWAyG.js","/assets/outbox-xDuEaxEM.js","/icon.svg","/manifest.webmanifest"];
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
const API = /^\/(v1|healthz|readyz|metrics)(\/|$)/;
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
