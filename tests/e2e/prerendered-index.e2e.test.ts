import { expect, test } from 'vitest';
import type { BrowserContext } from 'playwright';
import { LESSONS, ready, servedSite, visit } from './browser';
import { BASE } from './serve-build';

const site = servedSite();

const HEADING = 'Learn how Django sessions really work';
const LOADING = 'Loading the simulated browser and Django server…';

/** Holds the app's entry script back until `release()`: meanwhile the page is what index.html alone paints. */
async function holdEntryScript(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('with JavaScript off, the served index.html already shows the lessons index, its links and assets under the base path', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url);
  expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(HEADING);
  const cards = page.locator('.lesson-cards > li');
  expect(await cards.locator('.lesson-title').allTextContents()).toEqual(LESSONS.map((l) => l.title));
  expect(await cards.locator('.lesson-status').allTextContents()).toEqual(LESSONS.map(() => 'Progress: not started'));
  expect(await cards.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).toEqual(
    LESSONS.map((l) => `${site.url}#/lessons/${l.slug}`),
  );
  expect(await page.getByRole('link', { name: 'Open the free playground' }).evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${site.url}#/playground`);
  // Every link, script, stylesheet and icon of the page, resolved as the browser does.
  const urls = await page.locator('[href], [src]').evaluateAll((elements) =>
    elements.map((e) => new URL(e.getAttribute('href') ?? e.getAttribute('src')!, document.baseURI).href),
  );
  expect(urls.length).toBeGreaterThan(LESSONS.length);
  expect(urls.filter((url) => !url.startsWith(`${new URL(site.url).origin}${BASE}`))).toEqual([]);
  // Nothing of the loading frame other routes open with.
  expect(await page.getByText(LOADING).isVisible()).toBe(false);
  await context.close();
});

test("with JavaScript on, the app takes the prerendered index over as it is and shows the learner's saved progress; its links work", async () => {
  const [first, second] = LESSONS;
  const saved = { version: 1, lessons: { [first.slug]: { step: 3, answers: {}, done: false }, [second.slug]: { step: second.steps, answers: {}, done: true } } };
  let release!: () => void;
  const { context, page, errors } = await visit(site.browser, site.url, {
    waitUntil: 'commit',
    prepare: async (context) => {
      // Saved before the site's page runs (not on the about:blank page the context opens with).
      await context.addInitScript(({ origin, text }) => {
        if (location.origin === origin) localStorage.setItem('django-session-playground:progress', text);
      }, { origin: new URL(site.url).origin, text: JSON.stringify(saved) });
      release = await holdEntryScript(context);
    },
  });
  const status = page.locator('.lesson-cards > li .lesson-status');
  // Before any script of the app: the markup the build rendered, which knows no progress.
  const heading = await page.getByRole('heading', { name: HEADING }).elementHandle();
  await status.last().waitFor();
  expect(await status.allTextContents()).toEqual(LESSONS.map(() => 'Progress: not started'));

  release();
  await expect.poll(() => status.nth(0).textContent()).toBe(`Progress: step 3 of ${first.steps}`);
  expect(await status.nth(1).textContent()).toBe('Progress: done');
  expect(await status.nth(2).textContent()).toBe('Progress: not started');
  const resume = page.getByRole('link', { name: `Continue lesson 1: ${first.title}` });
  expect(await resume.getAttribute('href')).toBe(`#/lessons/${first.slug}/3`);
  // Hydrated, not rendered again: the page keeps the very nodes it painted, and React found them as it expected.
  expect(await heading!.evaluate((h) => h.isConnected)).toBe(true);
  expect(errors).toEqual([]);

  await resume.click();
  await page.getByRole('heading', { level: 2, name: first.title }).waitFor();
  expect(new URL(page.url()).hash).toBe(`#/lessons/${first.slug}/3`);
  await page.goBack();
  await page.getByRole('link', { name: 'Open the free playground' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
  expect(await page.getByRole('heading', { name: HEADING }).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a first visit shows nothing moving from the first paint to the running app', async () => {
  const { context, page, errors } = await visit(site.browser, site.url, { viewport: { width: 375, height: 812 } });
  await page.waitForLoadState('networkidle');
  const shifts = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().map((e) => (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
        // No entry at all: the observer is not called.
        setTimeout(() => resolve([]), 500);
      }),
  );
  expect(shifts).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test.each(['#/playground', `#/lessons/${LESSONS[0].slug}`])('a page opened at %s paints the loading frame, never the lessons index, then its route', async (hash) => {
  let release!: () => void;
  const { context, page, errors } = await visit(site.browser, `${site.url}${hash}`, {
    waitUntil: 'commit',
    prepare: async (context) => {
      release = await holdEntryScript(context);
    },
  });
  await expect.poll(() => page.getByRole('status').textContent()).toBe(LOADING);
  expect(await page.getByRole('heading', { name: HEADING }).isVisible()).toBe(false);

  release();
  await ready(page);
  expect(await page.getByRole('heading', { name: HEADING }).count()).toBe(0);
  expect(await page.getByText(LOADING).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
