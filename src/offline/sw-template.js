/* The playground's service worker, built into dist/sw.js: an offline cache of
 * the app's own files in front of MSW's worker (the simulated Django site).
 * One worker, because a page is controlled by one worker per scope. */
const CACHE = 'playground-__BUILD_ID__';
const PRECACHE = __PRECACHE__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('playground-') && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

// Registered before MSW's listener: the app's own files are answered here and
// never reach MSW; the simulated site lives on other origins and goes on to MSW.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.stopImmediatePropagation();
  event.respondWith(fromNetworkOrCache(event.request));
});

/** Network first, so a new build is picked up; the cache when offline. */
async function fromNetworkOrCache(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    // ignoreVary: a module script asks with an Origin header the precache request did not have.
    const cached = (await cache.match(request, { ignoreVary: true, ignoreSearch: request.mode === 'navigate' })) ||
      (request.mode === 'navigate' ? await cache.match(self.registration.scope, { ignoreVary: true }) : undefined);
    if (cached) return cached;
    throw error;
  }
}

// MSW's worker unregisters itself when its last page goes away (closing the
// tab, and even a reload): the offline cache would go with it, and a reload
// could race the unregistration and reach the dead host. This worker stays
// registered; MSW still forgets the closed page and passes its requests through.
self.registration.unregister = () => Promise.resolve(false);

importScripts('./mockServiceWorker.js');
