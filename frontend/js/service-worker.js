// The app's service worker (Workbox): after the first visit the app starts with no connection
// at all. Every file of the build is precached (the list and revisions are written in at build
// time by scripts/build-service-worker.mjs); any page of the app is the app shell; reads of the
// API go to the network first and fall back to their last answer, so the visit a monitor was
// working on opens offline. Writes are never cached: the answer queue keeps them.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

// The cache of API reads; the app empties it when someone signs in or out.
const API_CACHE = 'ims-api';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {
  denylist: [/^\/api\//],
}));

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/')
    && !url.pathname.startsWith('/api/testing/'),
  new NetworkFirst({ cacheName: API_CACHE, networkTimeoutSeconds: 8 }),
);

// A new version waits until the user chooses to reload (the app tells them it is ready), so
// that a page is never served files of two versions.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// The first version takes charge of the open page at once, so the first visit is cached.
clientsClaim();
