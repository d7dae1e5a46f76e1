import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { collectErrors, LESSON_COUNT, ready, serve, servedSite, visit } from './browser';

const STORAGE_KEY = 'django-session-playground:run';
const SET_ASIDE = 'django-session-playground:set-aside:';
const NOTHING_REMEMBERED = /^Nothing will be remembered after this page closes \(your run, your lesson progress\): the browser blocks storage for this site \(SecurityError\)\. Everything else works\.$/;

const site = servedSite();

const notices = (page: Page) => page.locator('.banner-notice[role="status"] > span').allTextContents();
const position = (page: Page) => page.getByRole('navigation', { name: 'Timeline' }).locator('.timeline-position').textContent();
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true }).click();
const network = (page: Page) => page.getByRole('region', { name: 'Network', exact: true }).locator('.selected-step').textContent();

/** A context whose pages find site storage blocked the way `how` says, before any script of the page runs. */
async function blockedContext(how: 'localStorage throws' | 'getItem throws'): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await site.browser.newContext();
  context.setDefaultTimeout(10_000);
  await context.addInitScript((kind) => {
    const refuse = () => {
      // What Chrome throws when the visitor blocks site data.
      throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
    };
    if (kind === 'localStorage throws') Object.defineProperty(window, 'localStorage', { get: refuse, configurable: true });
    else Storage.prototype.getItem = refuse;
  }, how);
  const errors: string[] = [];
  context.on('page', (page) => collectErrors(page, errors));
  return { context, errors };
}

test.each(['localStorage throws', 'getItem throws'] as const)('when %s, the lessons index and the playground work and say that nothing will be remembered', async (how) => {
  const { context, errors } = await blockedContext(how);
  const page = await context.newPage();
  await page.goto(`${site.url}#/`);
  await expect.poll(() => page.locator('.lesson-cards > li').count()).toBe(LESSON_COUNT);
  await expect.poll(() => notices(page)).toEqual([expect.stringMatching(NOTHING_REMEMBERED)]);

  await page.getByRole('link', { name: 'Playground', exact: true }).click();
  await send(page);
  await expect.poll(() => position(page)).toBe('step 1 of 1');
  expect(await network(page)).toContain('{"visits": 1}');
  expect(await notices(page)).toEqual([expect.stringMatching(NOTHING_REMEMBERED)]);
  expect(errors).toEqual([]);
  await context.close();
});

test("opening a share link keeps the learner's own run aside and says so; their first Send does not lose it", async () => {
  // A friend's run, shared as a link: the clock moved one hour.
  const friend = await visit(site.browser, `${site.url}#/playground`);
  await ready(friend.page);
  await friend.page.getByRole('button', { name: '+1 hour' }).click();
  await expect.poll(() => position(friend.page)).toBe('step 1 of 1');
  await friend.page.getByRole('button', { name: 'Share' }).click();
  await friend.page.getByText(/^Link (copied|in the address bar)$/).waitFor();
  const link = friend.page.url();
  await friend.context.close();

  // The learner's own run: two requests, saved.
  const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`);
  await ready(page);
  await send(page);
  await send(page);
  await expect.poll(() => position(page)).toBe('step 2 of 2');
  const own = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  expect(own).toContain('"steps":[{"request"');

  await page.goto(link);
  await page.reload(); // a link opened in this tab: the page starts from it
  await ready(page);
  await expect.poll(() => position(page)).toBe('step 1 of 1');
  const [message] = await notices(page);
  const found = /^You opened a shared run; from your first change on it is saved in place of your own run\. Your own run was kept in localStorage as "([^"]+)"\.$/.exec(message ?? '');
  expect(found, message).not.toBeNull();
  expect(found![1].startsWith(SET_ASIDE)).toBe(true);

  await send(page);
  await expect.poll(() => position(page)).toBe('step 2 of 2');
  expect(await page.evaluate((key) => localStorage.getItem(key), found![1])).toBe(own);
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('"advance_seconds":3600');
  expect(errors).toEqual([]);
  await context.close();
});

test('a save that fails because storage is full says that the run could not be saved and why', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`);
  await ready(page);
  await send(page);
  await expect.poll(() => position(page)).toBe('step 1 of 1');
  // Fill the site's storage to the last character.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler-${n++}`, 'x'.repeat(size));
        } catch {
          break;
        }
      }
    }
  });
  await send(page);
  await expect.poll(() => position(page)).toBe('step 2 of 2');
  await expect.poll(() => notices(page)).toEqual([
    "Your run could not be saved: the browser's storage for this site is full (QuotaExceededError). It keeps working on this page, but a reload will show the run as it was last saved.",
  ]);
  expect(await network(page)).toContain('{"visits": 2}');
  expect(errors).toEqual([]);
  await context.close();
});

test('after the service worker is unregistered from another tab, a reloaded page that it no longer controls still sends', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`);
  await ready(page);
  const other = await context.newPage();
  await other.goto(`${site.url}#/playground`);
  await ready(other);
  expect(await other.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.unregister())).toBe(true);

  await page.reload();
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  await send(page);
  await expect.poll(() => network(page)).toContain('{"visits": 1}');
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('offline, the update MSW asks of its worker fails, and that is no page error', async () => {
  const own = await serve(inject('buildDir'));
  const { context, page, errors } = await visit(site.browser, `${own.url}#/playground`);
  await ready(page);
  await own.close(); // offline: the worker's script cannot be fetched to check for an update
  for (const hash of ['#/playground', '#/lessons/visit-counter']) {
    await page.goto(`${own.url}${hash}`);
    await page.reload();
    await ready(page);
  }
  await page.getByRole('link', { name: 'Playground', exact: true }).click();
  await send(page);
  await expect.poll(() => network(page)).toContain('{"visits": 1}');
  // The update's failure arrives after the page is up: give it time to surface.
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())!.update().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  expect(errors).toEqual([]);
  await context.close();
});

test("the build ships _headers with the page's Content Security Policy, plus frame-ancestors 'none'", () => {
  const dir = inject('buildDir');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'));
  expect(meta).not.toBeNull();
  const policy = meta![1].replaceAll('&#39;', "'");
  expect(policy).toContain("script-src 'self'");
  expect(readFileSync(join(dir, '_headers'), 'utf8')).toBe(`/django-sessions/*\n  Content-Security-Policy: ${policy}; frame-ancestors 'none'\n`);
});
