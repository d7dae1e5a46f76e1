import type { Browser, Page } from 'playwright';
import type { Step } from '../../src/sim/scenario/schema';
import { shareHash } from '../../src/state/persist';
import { probeReport } from './load';
import { mixedSteps } from './runner';

/**
 * Long runs in the production build: share links of many steps (time to
 * their last step painted, the heap), a settings change on a 100-step run,
 * and stepping with the keyboard through 10,000 steps and through a run that
 * creates 100,000 sessions.
 */
const VIEWPORT = { width: 1440, height: 900 };
const TIMEOUT = 300_000;
const ORIGIN = 'https://shop.example';

const definition = (steps: Step[]) => ({ name: 'Benchmark', start: '2026-01-01T00:00:00Z', settings: {}, steps, seed: 1 });
const position = (cursor: number, total: number) => (cursor === 0 ? `start · ${total} step${total === 1 ? '' : 's'}` : `step ${cursor} of ${total}`);

/** The same GET /visits/ by one browser, `count` times. */
export const visits = (count: number): Step[] => Array.from({ length: count }, () => ({ request: { method: 'GET', url: `${ORIGIN}/visits/` } }));

/** `count` visitors who send no cookies (fetch with credentials "omit"): every request creates a session. */
export const newSessions = (count: number): Step[] =>
  Array.from({ length: count }, () => ({ request: { method: 'GET', url: `${ORIGIN}/visits/`, kind: 'fetch', credentials: 'omit' } }));

interface InPage {
  benchWait?: Promise<unknown>;
}

/**
 * Opens the share link of `steps` at `cursor` in a fresh context; resolves
 * with the page and the ms from navigation start to the frame painted after
 * the timeline first showed that position.
 */
async function openRun(browser: Browser, url: string, steps: Step[], cursor: number): Promise<{ page: Page; shownMs: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript((text: string) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('.timeline-position')?.textContent !== text) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => console.debug(`bench-shown:${performance.now()}`);
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, position(cursor, steps.length));
  const page = await context.newPage();
  const shown = probeReport<number>(page, 'bench-shown:', TIMEOUT);
  await page.goto(url + shareHash({ run: definition(steps), cursor }));
  const shownMs = await shown;
  return { page, shownMs, close: () => context.close() };
}

/** The JS heap in use after a full garbage collection, bytes. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** ms from navigation start to the last step painted, for share links of 1 and of `long` steps, `runs` times each, alternately. */
export async function replayLoads(browser: Browser, url: string, long: number, runs: number): Promise<{ short: number[]; long: number[] }> {
  const result = { short: [] as number[], long: [] as number[] };
  for (let run = 0; run < runs; run++) {
    for (const [key, count] of [['short', 1], ['long', long]] as const) {
      const opened = await openRun(browser, url, visits(count), count);
      result[key].push(opened.shownMs);
      await opened.close();
    }
  }
  return result;
}

export interface SettingsChange {
  /** ms the replay under the new settings took (the "playground:replay" measure). */
  work: number;
  /** ms from the end of that work to the frame painted with every panel updated. */
  update: number;
}

/** On a `steps`-step run, the engine switched to cache and back, `runs` times. */
export async function settingsChanges(browser: Browser, url: string, steps: number, runs: number): Promise<SettingsChange[]> {
  const opened = await openRun(browser, url, mixedSteps(steps), steps);
  const { page } = opened;
  const results: SettingsChange[] = [];
  for (let run = 0; run < runs; run++) {
    const engine = run % 2 === 0 ? 'django.contrib.sessions.backends.cache' : 'django.contrib.sessions.backends.db';
    await page.evaluate(() => void ((window as InPage).benchWait = new Promise<number>((resolve) => {
      // The Server panel says "Applied" once the replay is shown: the last panel to change.
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.server-status')?.textContent?.startsWith('Applied')) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    })));
    await page.locator('.engine-select select').selectOption(engine);
    const paintedAt = (await page.evaluate(() => (window as InPage).benchWait)) as number;
    const measure = await page.evaluate(() => {
      const entries = performance.getEntriesByName('playground:replay');
      const last = entries[entries.length - 1];
      return { start: last.startTime, duration: last.duration };
    });
    results.push({ work: measure.duration, update: paintedAt - (measure.start + measure.duration) });
    await page.locator('.server-status').filter({ hasText: 'Applied' }).waitFor();
    await page.evaluate(() => (document.querySelector('.server-status')!.textContent = ''));
  }
  await opened.close();
  return results;
}

export interface StepTiming {
  /** ms from keydown to the timeline's position text changed (every panel committed). */
  updated: number;
  /** ms from keydown to the frame painted. */
  painted: number;
}

/** Presses `key` `presses` times, each after the last was painted. */
async function pressSteps(page: Page, key: 'ArrowRight' | 'ArrowLeft', presses: number): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  for (let i = 0; i < presses; i++) {
    await page.evaluate((k) => void ((window as InPage).benchWait = new Promise<StepTiming>((resolve) => {
      const element = document.querySelector('.timeline-position')!;
      const before = element.textContent;
      let start = 0;
      addEventListener('keydown', (event) => {
        if (event.key === k) start = performance.now();
      }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (element.textContent === before) return;
        observer.disconnect();
        const updated = performance.now() - start;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ updated, painted: performance.now() - start });
          channel.port2.postMessage(null);
        });
      });
      observer.observe(element, { childList: true, subtree: true, characterData: true });
    })), key);
    await page.keyboard.press(key);
    timings.push((await page.evaluate(() => (window as InPage).benchWait)) as StepTiming);
  }
  return timings;
}

/** Scrolls the request list from top to bottom in `jumps` jumps, each painted before the next. */
async function scrollRequests(page: Page, jumps: number): Promise<void> {
  await page.evaluate(async (n) => {
    const list = document.querySelector('.exchange-scroller')!;
    for (let i = 0; i <= n; i++) {
      list.scrollTop = (list.scrollHeight * i) / n;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  }, jumps);
}

export interface LongRun {
  steps: number;
  /** ms from navigation start to the selected step painted. */
  loadMs: number;
  /** JS heap after loading, stepping and scrolling, bytes. */
  heapBytes: number;
  /** → pressed from the selected step. */
  stepping: StepTiming[];
}

/** A `steps.length`-step run opened at step `cursor`, stepped forward `presses` times and its request list scrolled. */
export async function longRun(browser: Browser, url: string, steps: Step[], cursor: number, presses: number): Promise<LongRun> {
  const opened = await openRun(browser, url, steps, cursor);
  const stepping = await pressSteps(opened.page, 'ArrowRight', presses);
  await scrollRequests(opened.page, 20);
  const heapBytes = await heapAfterGc(opened.page);
  await opened.close();
  return { steps: steps.length, loadMs: opened.shownMs, heapBytes, stepping };
}
