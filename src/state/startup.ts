import { pageTransport, startWorker, type WorkerConnection } from '../msw/start';
import { directTransport, type Transport } from '../sim/world';
import { persistRun, restoreRun } from './bootstrap';
import { EMPTY_RUN, provideTransport, usePlayground } from './playground';
import { useRoute } from './route';
import { siteStorage } from './storage';

/**
 * The composition root of the simulation, started once per page by main.tsx
 * when a route first needs it: the transport, then whatever the route needs.
 * The free playground shows the shared or saved run (and saves it as it
 * changes); a lesson loads its own steps and leaves the saved run alone.
 */
let started: Promise<void> | null = null;

export function startSimulation(): Promise<void> {
  started ??= start();
  return started;
}

async function start(): Promise<void> {
  const onPlayground = () => useRoute.getState().route.kind === 'playground';
  // The comparison replays the playground's run: it shows the saved run too (and changes nothing in it).
  const onSavedRun = () => onPlayground() || useRoute.getState().route.kind === 'compare';
  // Nothing can be clicked before the run is restored: an early step would be replaced by it.
  if (onSavedRun()) usePlayground.setState({ restoring: true });
  provideTransport(connect());
  const storage = siteStorage();
  let wasOnSavedRun = false;
  const follow = async () => {
    if (!onSavedRun()) {
      wasOnSavedRun = false;
      return;
    }
    if (wasOnSavedRun) return;
    wasOnSavedRun = true;
    usePlayground.setState({ restoring: true });
    try {
      // A constant, valid as written (a test parses it): nothing to check before the saved run is.
      await usePlayground.getState().load(EMPTY_RUN, { validated: true });
      await restoreRun(storage, window.location.hash, Date.now());
    } finally {
      usePlayground.setState({ restoring: false });
    }
  };
  await follow();
  useRoute.subscribe(() => void follow());
  persistRun(storage, onPlayground);
}

/**
 * Usable at once: until MSW has loaded (off the critical path), a request
 * goes straight to the site, as replays do; then through MSW's handlers in
 * the page; and through MSW's worker while that worker serves this page, so
 * the page switches back and forth as the worker comes, goes or is replaced.
 * All of them answer the same.
 */
function connect(): Transport {
  let inPage: Transport = directTransport;
  let worker: WorkerConnection | null = null;
  void pageTransport()
    .then((transport) => {
      inPage = transport;
      return startWorker();
    })
    .then((connection) => (worker = connection))
    // MSW could not load (e.g. the network went away): the site is still reached directly.
    .catch(() => undefined);
  return (request, site) => (worker?.servesThisPage() ? worker.transport : inPage)(request, site);
}
