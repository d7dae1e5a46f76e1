import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright';
import { parseScenario, type Step } from '../../src/sim/scenario/schema';
import { shareHash } from '../../src/state/persist';

const VIEWPORT = { width: 1440, height: 900 };
const COLD_PROBE = fileURLToPath(new URL('./probe-cold-load.js', import.meta.url));
const STEP_PROBE = fileURLToPath(new URL('./probe-step.js', import.meta.url));
const TIMEOUT = 30_000;

/** What the step probe records in the page. */
interface Probes {
  stepLatencies: StepLatency[];
}

/**
 * What a probe reports from the page as a console message `<prefix><JSON>`, awaited from the
 * moment this is called. Waiting on a page function instead would make Playwright compile its
 * injected script on the page's main thread in the middle of the load (20–35 ms on a 2-core
 * machine), which no visitor's load pays.
 */
export async function probeReport<T>(page: Page, prefix: string, timeout: number): Promise<T> {
  const message = await page.waitForEvent('console', { predicate: (m) => m.text().startsWith(prefix), timeout });
  return JSON.parse(message.text().slice(prefix.length)) as T;
}

export interface ColdLoad {
  /** ms from navigation start to the Send button painted. */
  sendShown: number;
  /** ms from navigation start to the answer painted, for a Send clicked as soon as the button was painted. */
  answered: number;
}

/** Cold loads of `url`#/playground, each in a fresh browser context (empty cache, no service worker yet). */
export async function coldLoads(browser: Browser, url: string, runs: number): Promise<ColdLoad[]> {
  const results: ColdLoad[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ path: COLD_PROBE });
    const page = await context.newPage();
    const report = probeReport<ColdLoad>(page, 'cold-load:', TIMEOUT);
    await page.goto(`${url}#/playground`);
    results.push(await report);
    await context.close();
  }
  return results;
}

const ORIGIN = 'https://shop.example';
const get = (path: string, browser: string): Step => ({ request: { method: 'GET', url: ORIGIN + path, browser } });
const post = (path: string, browser: string, form: Record<string, string> = {}): Step => ({ request: { method: 'POST', url: ORIGIN + path, browser, form } });

/** Twenty steps of every kind, on the default engine (db): two browsers, a login, a stolen cookie, clock jumps, clearsessions. */
const STEPS: Step[] = [
  get('/visits/', 'laptop'),
  get('/visits/', 'laptop'),
  post('/cart/add/', 'laptop', { item: 'kettle' }),
  post('/login/', 'laptop', { username: 'alice', password: 'wonderland' }),
  get('/me/', 'laptop'),
  get('/visits/', 'phone'),
  { copy_cookie: { from: 'laptop', to: 'phone', name: 'sessionid' } },
  get('/me/', 'phone'),
  { advance_seconds: 3600 },
  post('/cart/add/', 'phone', { item: 'teapot' }),
  post('/logout/', 'laptop'),
  get('/peek/', 'phone'),
  { close_browser: 'laptop' },
  get('/visits/', 'laptop'),
  { set_cookie_by_hand: { browser: 'laptop', name: 'sessionid', value: 'madeupkey0000000000000000000000' } },
  get('/visits/', 'laptop'),
  { advance_seconds: 1_209_601 },
  get('/peek/', 'phone'),
  { clearsessions: true },
  get('/no-such-page/', 'laptop'),
];

export interface StepLatency {
  /** The timeline's position text after the step, e.g. "step 3 of 20". */
  position: string;
  /** ms from keydown to every panel committed. */
  updated: number;
  /** ms from keydown to the frame that shows it rendered. */
  painted: number;
}

/** The twenty-step run opened from a share link at its start, then → pressed to its end. */
export async function stepLatencies(browser: Browser, url: string): Promise<StepLatency[]> {
  const scenario = { name: 'Benchmark: twenty steps', start: '2026-01-01T00:00:00Z', settings: {}, steps: STEPS };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`the benchmark's scenario is invalid: ${JSON.stringify(parsed.errors)}`);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ path: STEP_PROBE });
  const page = await context.newPage();
  await page.goto(url + shareHash({ run: { ...parsed.scenario, seed: 1 }, cursor: 0 }));
  const position = page.locator('.timeline-position');
  await position.filter({ hasText: `start · ${STEPS.length} steps` }).waitFor({ timeout: TIMEOUT });
  for (let step = 1; step <= STEPS.length; step++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => (window as unknown as Probes).stepLatencies.length >= n, step, { timeout: TIMEOUT });
  }
  const latencies = await page.evaluate(() => (window as unknown as Probes).stepLatencies);
  await context.close();
  const wrong = latencies.find((l, i) => l.position !== `step ${i + 1} of ${STEPS.length}`);
  if (wrong) throw new Error(`stepping went wrong: the timeline showed "${wrong.position}"`);
  return latencies;
}
