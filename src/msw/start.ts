import type { Transport } from '../sim/world';

/**
 * The simulated site's transports. The page transport works at once (MSW's
 * handlers called in the page); MSW's service worker serves the page once it
 * runs, where one can run at all. Either way every request goes through the
 * same handlers.
 */
export async function pageTransport(): Promise<Transport> {
  return (await import('./transport')).handlerTransport;
}

export interface WorkerConnection {
  transport: Transport;
  /**
   * Whether MSW's worker serves this page now: it controls the page and is
   * the worker MSW activated for it. A page stops being served when the
   * worker is unregistered (from another tab) or replaced by an update.
   */
  servesThisPage(): boolean;
}

/** Starts MSW's worker; how to reach it once it runs, or null where no worker can run. */
export async function startWorker(): Promise<WorkerConnection | null> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
  // MSW asks a worker it finds registered to update, without waiting for the answer: offline that
  // update fails, and its rejection would surface as an uncaught error of the page.
  window.addEventListener('unhandledrejection', ignoreFailedWorkerUpdate);
  try {
    const [{ handlers, workerTransport }, { setupWorker }] = await Promise.all([import('./transport'), import('msw/browser')]);
    const base = import.meta.env.BASE_URL;
    const registration = await setupWorker(...handlers).start({
      // The built site's worker adds an offline cache in front of MSW's (src/offline).
      serviceWorker: { url: `${base}${import.meta.env.PROD ? 'sw.js' : 'mockServiceWorker.js'}`, options: { scope: base } },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
    const mocking = registration?.active ?? null;
    return { transport: workerTransport, servesThisPage: () => mocking !== null && navigator.serviceWorker.controller === mocking };
  } catch {
    // e.g. a private window or a host that serves no worker file: the page transport stays.
    return null;
  }
}

function ignoreFailedWorkerUpdate(event: PromiseRejectionEvent): void {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.message.startsWith('Failed to update a ServiceWorker')) event.preventDefault();
}
