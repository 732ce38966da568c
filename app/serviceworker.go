//go:build !wasm

package app

// serviceWorkerJS replaces go-app's default app-worker.js, for three reasons:
//   - install/activate wrap their work in event.waitUntil, so the browser
//     does not consider the worker installed before every app file is cached
//     (go-app's default awaits inside a plain listener);
//   - activation deletes only older app caches ("app-*"), never the cache
//     holding the trust bundle, which must survive app updates;
//   - no clients.claim(): the first visit is not an update, and go-app
//     would announce one if a worker took control of an open page; the
//     next start is served by the worker, which is all offline use needs;
//   - fetch answers from this version's app cache only and never touches
//     /trust/ (the page manages the bundle itself, with If-None-Match), and a
//     navigation that misses the cache (e.g. "/?lang=ko" offline) gets "/".
const serviceWorkerJS = `const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys
      .filter((k) => k.startsWith("app-") && k !== cacheName)
      .map((k) => caches.delete(k)));
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") {
    return;
  }
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/trust/")) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    const hit = await cache.match(req);
    if (hit) {
      return hit;
    }
    try {
      return await fetch(req);
    } catch (err) {
      if (req.mode === "navigate") {
        const root = await cache.match("/");
        if (root) {
          return root;
        }
      }
      throw err;
    }
  })());
});
`
