import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { collectErrors, launch, ready, serve, visit } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const clock = (page: Page) => page.getByRole('group', { name: 'Virtual clock' }).locator('time').textContent();

test('the built site loads under its sub-path, its worker takes over, and it works offline after one visit', async () => {
  const site = await serve(inject('buildDir'));
  const { context, page, errors } = await visit(browser, `${site.url}#/playground`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Django Session Playground');
  await ready(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/django-sessions/');

  await site.close(); // the host is gone: only the worker's cache can answer now
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect.poll(() => clock(page)).toContain('01:00:00');

  // The visitor closes the tab and comes back later, still offline: the worker
  // (and its cache) must outlive its last page.
  // runBeforeUnload: a real tab close runs the page's beforeunload handlers (MSW's among them).
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => context.pages().length).toBe(0);
  const again = await context.newPage();
  await again.goto(`${site.url}#/playground`);
  await ready(again);
  await again.getByRole('button', { name: '+1 day' }).click();
  // The run was saved: 1 hour, then 1 day.
  await expect.poll(() => clock(again)).toBe('Fri, 02 Jan 2026 01:00:00 UTC');
  expect(await again.evaluate(() => document.cookie)).toBe('');
  expect(errors).toEqual([]);
  await context.close();
});

test('where no service worker can run, the playground calls the same handlers in the page and still works', async () => {
  const site = await serve(inject('buildDir'));
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  collectErrors(page, errors);
  await page.goto(`${site.url}#/playground`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const timeline = page.getByRole('navigation', { name: 'Timeline' });
  await expect.poll(() => timeline.locator('.timeline-position').textContent()).toBe('step 1 of 1');
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
  const network = await page.getByRole('region', { name: 'Network', exact: true }).innerText();
  // Django's answer to a first visit (contract section 1): the counter, and a session cookie.
  expect(network).toContain('{"visits": 1}');
  expect(network).toMatch(/Set-Cookie: sessionid=/);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(errors).toEqual([]);
  await context.close();
  await site.close();
});

// At the root too, where the prerendered lessons index is painted first: its links would lead nowhere.
test.each(['#/playground', '#/'])('when the app\'s own code cannot be fetched, the first frame at %s says so instead of loading for ever', async (hash) => {
  const site = await serve(inject('buildDir'));
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // Every chunk but the entry (the network went away after the page arrived).
  await page.route(/\/assets\/(?!index-).*\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`${site.url}${hash}`);
  await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^The playground could not load \(.+\)\. Reload the page to try again\.$/);
  expect(await page.getByRole('heading', { name: 'Learn how Django sessions really work' }).count()).toBe(0);
  await context.close();
  await site.close();
});
