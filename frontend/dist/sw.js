// Lumbung's service worker, written by vite.config.ts at build time.
const VERSION = "b1a67fa2a05c";
const SHELL = ["/","/assets/index-CN_am61H.css","/assets/index-qQpieEjE.js","/icon.svg","/manifest.webmanifest"];
const ROLES = {"treasurer":["/assets/approvals-Jelo02Al.js","/assets/four-eyes-CvvobR-I.js","/assets/home-DANd77KD.js","/assets/loan-DWrI2wiQ.js","/assets/loans-Bnha4BcQ.js","/assets/meeting-B3KR9iiS.js","/assets/members-Dxda8beL.js","/assets/outbox-DU5CzKcD.js","/assets/savings-words-DsssX4_h.js","/assets/schedule-Bj_iTKbZ.js","/assets/words-TO9UeG8z.js"],"member":["/assets/member-BtN6lzjN.js","/assets/savings-words-DsssX4_h.js","/assets/schedule-Bj_iTKbZ.js","/assets/words-D6zKgFIo.js"]};
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
