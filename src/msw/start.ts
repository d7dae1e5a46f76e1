import type { Transport } from '../sim/world';

/**
 * The simulated site's transports. The page transport works at once (MSW's
 * handlers called in the page); MSW's service worker takes over once it is
 * running, where one can run at all. Either way every request goes through
 * the same handlers.
 */
export async function pageTransport(): Promise<Transport> {
  return (await import('./transport')).handlerTransport;
}

/** Starts MSW's worker; its transport once it serves the page, or null where no worker can run. */
export async function startWorker(): Promise<Transport | null> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
  try {
    const [{ handlers, workerTransport }, { setupWorker }] = await Promise.all([import('./transport'), import('msw/browser')]);
    const base = import.meta.env.BASE_URL;
    await setupWorker(...handlers).start({
      // The built site's worker adds an offline cache in front of MSW's (src/offline).
      serviceWorker: { url: `${base}${import.meta.env.PROD ? 'sw.js' : 'mockServiceWorker.js'}`, options: { scope: base } },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
    return workerTransport;
  } catch {
    // e.g. a private window or a host that serves no worker file: the page transport stays.
    return null;
  }
}
