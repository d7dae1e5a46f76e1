import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright';
import { launch, serve, visit } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('the built site loads under its sub-path, its worker takes over, and it works offline after one visit', async () => {
  const site = await serve(inject('buildDir'));
  const { context, page, errors } = await visit(browser, `${site.url}#/playground`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Django Session Playground');
  await page.getByRole('button', { name: '+1 hour' }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/django-sessions/');

  await site.close(); // the host is gone: only the worker's cache can answer now
  await page.reload();
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect.poll(() => page.getByRole('group', { name: 'Virtual clock' }).locator('time').textContent()).toContain('01:00:00');
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(errors).toEqual([]);
  await context.close();
});
