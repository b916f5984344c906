// Lumbung's service worker, written by vite.config.ts at build time.
const VERSION = "a5406b20bb97";
const SHELL = ["/","/assets/index-B7aVndAM.css","/assets/index-BYvkpmYp.js","/icon.svg","/manifest.webmanifest"];
const ROLES = {"treasurer":["/assets/approvals-BbJcarwD.js","/assets/four-eyes-J0fKsqMG.js","/assets/home-BCeCpeQ_.js","/assets/loan-CHAydVPq.js","/assets/loans-C5meVGb5.js","/assets/meeting-AlL9FJMe.js","/assets/members-BZE6H1ql.js","/assets/outbox-DdZS65OD.js","/assets/savings-words-BamU1end.js","/assets/schedule-D7xVSKuY.js","/assets/words-GXC6vd24.js"],"member":["/assets/member-geROlCkT.js","/assets/savings-words-BamU1end.js","/assets/schedule-D7xVSKuY.js","/assets/words-jf3nG7Pt.js"]};
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
