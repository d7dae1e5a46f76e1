import type { Transport } from '../sim/world';

/**
 * Brings up the transport after first paint (MSW is kept off the critical
 * path): MSW's service worker where one can run, else MSW's handlers called
 * in the page. Either way every request goes through the same handlers.
 */
export async function startTransport(): Promise<{ transport: Transport; mode: 'worker' | 'page' }> {
  const { handlers, handlerTransport, workerTransport } = await import('./transport');
  if ('serviceWorker' in navigator && window.isSecureContext) {
    try {
      const { setupWorker } = await import('msw/browser');
      const base = import.meta.env.BASE_URL;
      await setupWorker(...handlers).start({
        // The built site's worker adds an offline cache in front of MSW's (src/offline).
        serviceWorker: { url: `${base}${import.meta.env.PROD ? 'sw.js' : 'mockServiceWorker.js'}`, options: { scope: base } },
        onUnhandledRequest: 'bypass',
        quiet: true,
      });
      return { transport: workerTransport, mode: 'worker' };
    } catch {
      // e.g. a private window or a host that serves no worker file: fall back below.
    }
  }
  return { transport: handlerTransport, mode: 'page' };
}
