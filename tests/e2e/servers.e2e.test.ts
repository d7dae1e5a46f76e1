/**
 * Several workers, a restart and a deploy, as a visitor plays them in the
 * built playground. Expected behaviour: the contract's section 2 (round
 * robin) and golden 27 (a login in worker a's cache is unknown to worker b),
 * golden 32 (a rotated SECRET_KEY without fallbacks: the user is logged out,
 * the key and row survive).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { panelsText, ready, servedSite, visit, type Visit } from './browser';

const site = servedSite();

const region = (page: Page, name: 'Browser' | 'Network' | 'Server') => page.getByRole('region', { name, exact: true });
const position = (page: Page) => page.getByRole('navigation', { name: 'Timeline' }).locator('.timeline-position').textContent();
/** The timeline's list of steps, opened (it draws its steps only while open). */
async function stepList(page: Page): Promise<string | null> {
  const list = page.getByRole('navigation', { name: 'Timeline' }).locator('details.timeline-list');
  if (!(await list.evaluate((details) => (details as HTMLDetailsElement).open))) await list.locator('summary').click();
  return page.getByLabel('Steps', { exact: true }).textContent();
}
const strip = (page: Page) => region(page, 'Server').getByRole('group', { name: /^Servers/ });
const worker = (page: Page, name: string) => strip(page).getByRole('listitem').filter({ hasText: `worker ${name}` });
const responseBody = async (page: Page) => (await region(page, 'Network').getByRole('group', { name: 'Response' }).innerText()).trim().split('\n').at(-1);

/** Chooses a route in the composer (its method follows) and sends it. */
async function sendRoute(page: Page, path: string) {
  const browser = region(page, 'Browser');
  await browser.getByRole('combobox', { name: 'Route' }).selectOption(path);
  if (path === '/login/') await browser.getByRole('button', { name: 'Fill alice / wonderland' }).click();
  await browser.getByRole('button', { name: 'Send', exact: true }).click();
}

describe.sequential('a visitor runs the shop on two workers, restarts one and deploys a new SECRET_KEY', () => {
  let visitor: Visit;
  let page: Page;
  beforeAll(async () => {
    visitor = await visit(site.browser, `${site.url}#/playground`);
    page = visitor.page;
    await ready(page);
  });
  afterAll(async () => {
    await visitor?.context.close();
  });

  test('two workers with a cache each: the second request lands on worker b, which does not know the session', async () => {
    const server = region(page, 'Server');
    await server.getByLabel('SESSION_ENGINE').selectOption('cache');
    await server.getByText('Workers and what they share (for the whole run)').click();
    await server.getByLabel('Workers', { exact: true }).selectOption('2');
    await server.getByRole('button', { name: 'Replay the run on these servers' }).click();
    await expect.poll(() => strip(page).locator('h3').textContent()).toContain('2 workers · cache per worker');

    await page.keyboard.press('s'); // GET /visits/: round robin, worker a
    await expect.poll(() => position(page)).toBe('step 1 of 1');
    await expect.poll(() => worker(page, 'a').textContent()).toContain('served this step');
    expect(await responseBody(page)).toBe('{"visits": 1}');

    await page.keyboard.press('s'); // worker b: its own cache lacks the key, so the count starts again
    await expect.poll(() => position(page)).toBe('step 2 of 2');
    await expect.poll(() => worker(page, 'b').textContent()).toContain('served this step');
    expect(await responseBody(page)).toBe('{"visits": 1}');
    expect(await region(page, 'Server').textContent()).toContain('Worker b has no such key in its cache');
    const requests = region(page, 'Network').getByRole('list', { name: 'Requests' });
    await requests.getByRole('button', { name: '1 GET /visits/ 200 default worker a', exact: true }).waitFor();
    await requests.getByRole('button', { name: '2 GET /visits/ 200 default worker b', exact: true }).waitFor();
    expect(visitor.errors).toEqual([]);
  });

  test('Restart worker a is a step in the timeline, and says what the worker lost', async () => {
    await worker(page, 'a').getByRole('button', { name: 'Restart worker a' }).click();
    await expect.poll(() => position(page)).toBe('step 3 of 3');
    expect(await region(page, 'Network').textContent()).toContain('Worker a restarted: its local-memory cache is empty');
    expect(await stepList(page)).toContain('restart worker a');
  });

  test('a deploy with a new SECRET_KEY is the next step; Back across it restores every panel exactly', async () => {
    // Back on the db engine, with a login to lose.
    const server = region(page, 'Server');
    await server.getByLabel('SESSION_ENGINE').selectOption('db');
    await expect.poll(() => position(page)).toBe('step 3 of 3');
    await sendRoute(page, '/login/');
    await expect.poll(() => position(page)).toBe('step 4 of 4');
    expect(await responseBody(page)).toBe('{"user": "alice"}');
    // What the step shows: the jar, the exchange and the server (the composer holds the next request's draft).
    const shown = async () => ({ ...(await panelsText(page)), jar: await region(page, 'Browser').getByRole('region', { name: 'Cookies of default' }).textContent() });
    const beforeDeploy = await shown();

    await server.getByText(/^Settings( · .*)?$/).click();
    await server.getByLabel('SECRET_KEY', { exact: true }).fill('playground-rotated-secret-key-2026-05');
    await expect.poll(() => server.locator('.settings-diff').textContent()).toBe('Changed against the release in force: SECRET_KEY.');
    await server.getByRole('button', { name: 'Deploy as the next step' }).click();
    await expect.poll(() => position(page)).toBe('step 5 of 5');
    expect(await stepList(page)).toContain('deploy: SECRET_KEY');

    await sendRoute(page, '/me/');
    await expect.poll(() => position(page)).toBe('step 6 of 6');
    // Golden 32: the row no longer verifies under the new key, so alice is anonymous; nothing deleted, no Set-Cookie.
    expect(await responseBody(page)).toBe('{"user": null}');
    const wire = await region(page, 'Network').getByRole('group', { name: 'Response' }).innerText();
    expect(wire).not.toContain('Set-Cookie');
    const afterDeploy = await shown();

    // Back twice: the step before the deploy, exactly as it was shown then.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => position(page)).toBe('step 4 of 6');
    const back = await shown();
    for (const part of ['jar', 'selectedExchange', 'server'] as const) expect(back[part]).toBe(beforeDeploy[part]);
    expect(await server.getByLabel('SECRET_KEY', { exact: true }).inputValue()).toBe('playground-insecure-secret-key-0123456789');

    await page.keyboard.press('End');
    await expect.poll(() => position(page)).toBe('step 6 of 6');
    const forward = await shown();
    for (const part of ['jar', 'selectedExchange', 'server'] as const) expect(forward[part]).toBe(afterDeploy[part]);
    expect(visitor.errors).toEqual([]);
  });
});
