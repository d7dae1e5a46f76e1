/**
 * The playground's own path in a real browser: a real fetch from the page,
 * answered by MSW's service worker (public/mockServiceWorker.js), which hands
 * it to the MSW handlers in this page, which run the simulated site.
 *
 * Vitest's browser mode serves the project's public/ at the root of the test
 * page's origin (a secure context: localhost), so the worker registers as
 * /mockServiceWorker.js with scope / and, as it calls clients.claim(), takes
 * control of this test frame at once. Cross-origin requests to
 * https://shop.example need no CORS headers: a response the worker makes
 * itself reaches the page without a preflight or a CORS check, its X-Sim-*
 * headers readable.
 */
import { http, HttpResponse } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handlers, workerTransport } from '../../src/msw/transport';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { diffTranscripts } from '../support/compare-transcripts';
import { contractTest } from '../support/pending-contract';

const scenarios = import.meta.glob('../contract/scenarios/*.json', { eager: true, import: 'default' });
const goldens = import.meta.glob('../contract/golden/*.json', { eager: true, import: 'default' });
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const golden = new Map(Object.entries(goldens).map(([path, data]) => [fileName(path), data as Transcript]));

/**
 * Where msw 2.15 keeps the cookies of mocked responses (lib/core/utils/cookieStore.mjs):
 * a tough-cookie jar in memory, loaded from and saved whole to this localStorage key.
 */
const MSW_COOKIE_STORE = '__msw-cookie-store__';

let worker: SetupWorker;
/** Every request MSW's worker forwarded to this page, as "METHOD url". */
const forwarded: string[] = [];

beforeAll(async () => {
  worker = setupWorker(...handlers);
  worker.events.on('request:start', ({ request }) => forwarded.push(`${request.method} ${request.url}`));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
});

afterAll(async () => {
  worker.stop();
  // Leave the browser as found: the registration would outlive this page.
  await (await navigator.serviceWorker.getRegistration('/'))?.unregister();
});

test('MSW\'s service worker controls this page, and fetch is the browser\'s own (no in-page interception)', () => {
  expect(navigator.serviceWorker.controller?.scriptURL).toBe(new URL('/mockServiceWorker.js', location.origin).href);
  expect(Function.prototype.toString.call(fetch)).toContain('[native code]');
});

describe('contract scenarios through the service worker match real Django', () => {
  for (const [path, raw] of Object.entries(scenarios)) {
    const name = fileName(path);
    contractTest(name, async () => {
      const parsed = parseScenario(raw, name);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      forwarded.length = 0;
      const { transcript } = await runScenario(parsed.scenario, workerTransport);
      expect(diffTranscripts(golden.get(name) as Transcript, transcript)).toEqual([]);
      // Every request went through the worker, once.
      const requests = parsed.scenario.steps.flatMap((s) => ('request' in s ? [`${s.request.method} ${new URL(s.request.url).href}`] : []));
      expect(forwarded).toEqual(requests);
      // The simulated cookies never became real ones: not in the page, not in MSW's cookie store.
      expect(document.cookie).toBe('');
      expect(localStorage.getItem(MSW_COOKIE_STORE) ?? '[]').toBe('[]');
    });
  }
});

// Last: it leaves a cookie in this page's MSW module, which the requests above must not carry.
test('those cookie checks would notice: a real Set-Cookie from a handler lands in document.cookie and in MSW\'s store', async () => {
  worker.use(http.get('https://shop.example/probe/', () => HttpResponse.text('ok', { headers: { 'Set-Cookie': 'probe=1; Path=/' } })));
  try {
    await fetch('https://shop.example/probe/');
    expect(document.cookie).toContain('probe=1');
    expect(localStorage.getItem(MSW_COOKIE_STORE)).toContain('probe');
  } finally {
    worker.resetHandlers();
    document.cookie = 'probe=; Max-Age=0; Path=/';
    localStorage.removeItem(MSW_COOKIE_STORE);
  }
});
