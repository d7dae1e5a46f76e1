import { expect, test } from 'vitest';
import type { Page } from 'playwright';
import { LESSONS, servedSite, panelsText, visit } from './browser';

// Django with its default settings (contract, section 1): SESSION_COOKIE_AGE 1209600, HttpOnly, Path=/,
// SameSite=Lax, a 32-character [a-z0-9] key; http.cookies writes the attributes in this order.
const setCookie = (expires: string) =>
  new RegExp(`^Set-Cookie: sessionid=([a-z0-9]{32}); expires=${expires}; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax$`, 'm');

const site = servedSite();

const network = (page: Page) => page.getByRole('region', { name: 'Network', exact: true });
const server = (page: Page) => page.getByRole('region', { name: 'Server', exact: true });
const browserPanel = (page: Page) => page.getByRole('region', { name: 'Browser', exact: true });
/** The wire as raw text, one header a line (the "Raw text" toggle on). */
const wire = (page: Page, part: 'Request' | 'Response') => network(page).getByRole('group', { name: part }).innerText();
const timelinePosition = (page: Page) => page.getByRole('navigation', { name: 'Timeline' }).locator('.timeline-position').textContent();
/** What a step shows, without what depends on how many steps the run has since grown (the request list, the timeline). */
const withoutRunLength = ({ browser, selectedExchange, server }: Awaited<ReturnType<typeof panelsText>>) => ({ browser, selectedExchange, server });
const lessonPosition = (page: Page) => page.locator('.lesson-position').textContent();

test('the landing page lists every lesson; a lesson runs step by step with predictions, and the keyboard moves every panel through its steps', async () => {
  expect(LESSONS).toHaveLength(17);
  const lesson = LESSONS[0];
  expect(lesson).toMatchObject({ slug: 'visit-counter', steps: 7 });

  const { context, page, errors } = await visit(site.browser, site.url);
  await page.getByRole('heading', { name: 'Learn how Django sessions really work' }).waitFor();
  const cards = page.locator('.lesson-cards > li');
  await expect.poll(() => cards.count()).toBe(LESSONS.length);
  expect(await cards.locator('.lesson-title').allTextContents()).toEqual(LESSONS.map((l) => l.title));
  expect(await cards.locator('.lesson-status').allTextContents()).toEqual(LESSONS.map(() => 'Progress: not started'));

  // Start the first lesson as a visitor would: click its card.
  await page.getByRole('link', { name: `1 ${lesson.title}`, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: lesson.title }).waitFor();
  expect(new URL(page.url()).hash).toBe(`#/lessons/${lesson.slug}`);
  await expect.poll(() => lessonPosition(page)).toBe(`${lesson.steps} steps`);
  expect(await page.locator('.lesson-crumbs').textContent()).toContain(`Lesson 1 of ${LESSONS.length}`);
  expect(await network(page).textContent()).toContain('No requests yet');

  // Step 1: GET / — the home page's view never touches the session.
  await page.getByRole('button', { name: 'Run Step 1' }).click();
  await expect.poll(() => lessonPosition(page)).toBe(`Step 1 of ${lesson.steps}`);
  expect(new URL(page.url()).hash).toBe(`#/lessons/${lesson.slug}/1`);
  await network(page).getByRole('button', { name: 'Raw text' }).click();
  expect(await wire(page, 'Request')).toMatch(/^GET \/ HTTP\/1\.1\nHost: shop\.example$/);
  const home = await wire(page, 'Response');
  expect(home).toMatch(/^HTTP\/1\.1 200 OK$/m);
  expect(home).toContain('{"page": "home"}');
  expect(home).not.toMatch(/Set-Cookie|Vary/);
  expect(await page.getByRole('list', { name: 'Checks' }).locator('li').allTextContents()).toEqual([
    expect.stringMatching(/^✓Passed: /),
    expect.stringMatching(/^✓Passed: /),
    expect.stringMatching(/^✓Passed: /),
  ]);
  expect(await server(page).textContent()).toContain('Request carried sessionid: none');

  // Step 2 asks for a prediction first: the step cannot run until it is answered.
  expect(await page.getByRole('button', { name: 'Answer, then run Step 2' }).isDisabled()).toBe(true);
  const runStep2 = page.getByRole('button', { name: 'Run Step 2', exact: true });
  await page.getByRole('radio', { name: 'No session cookie, because it has none yet' }).check();
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await page.getByText('Answer saved. Run Step 2 to see what really happens.').waitFor();
  await runStep2.click();
  await expect.poll(() => lessonPosition(page)).toBe(`Step 2 of ${lesson.steps}`);
  await page.locator('.lesson-step .verdict-right', { hasText: 'Right.' }).waitFor();
  const started = await wire(page, 'Response');
  expect(await wire(page, 'Request')).not.toContain('Cookie:');
  expect(started).toMatch(setCookie('Thu, 15 Jan 2026 00:00:00 GMT'));
  expect(started).toMatch(/^Vary: Cookie$/m);
  expect(started).toContain('{"visits": 1}');
  const key = setCookie('Thu, 15 Jan 2026 00:00:00 GMT').exec(started)![1];
  // The same key in the jar and as the row's session_key, which expires when the cookie does.
  expect(await browserPanel(page).locator(`[title="${key}"]`).count()).toBe(1);
  expect(await server(page).locator('[role="row"]', { has: page.locator(`[title="${key}"]`) }).textContent()).toContain('2026-01-15T00:00:00Z');
  const atStep2 = await panelsText(page);

  // Step 3 (a minute passes) has no prediction: the "n" shortcut runs it.
  await page.keyboard.press('n');
  await expect.poll(() => lessonPosition(page)).toBe(`Step 3 of ${lesson.steps}`);
  expect(await network(page).textContent()).toContain('The clock moved forward 1min');

  // Step 4: which panels change? All three.
  for (const panel of ['Browser', 'Network', 'Server']) await page.getByRole('checkbox', { name: panel }).check();
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await page.getByRole('button', { name: 'Run Step 4' }).click();
  await expect.poll(() => lessonPosition(page)).toBe(`Step 4 of ${lesson.steps}`);
  expect(await wire(page, 'Request')).toMatch(new RegExp(`^Cookie: sessionid=${key}$`, 'm'));
  const again = await wire(page, 'Response');
  // Saved again: the same key, a new expiry two weeks from now (a minute later).
  expect(setCookie('Thu, 15 Jan 2026 00:01:00 GMT').exec(again)?.[1]).toBe(key);
  expect(again).toContain('{"visits": 2}');
  const atStep4 = await panelsText(page);

  // Time travel with the keyboard: every panel and the narration follow the selected step; the lesson stays at step 4.
  await page.keyboard.press('Home');
  await expect.poll(() => timelinePosition(page)).toBe('start · 4 steps');
  expect(await network(page).getByRole('heading', { level: 3 }).first().textContent()).toBe('Start');
  expect(await browserPanel(page).textContent()).toContain('No cookies in the jar of default.');
  expect(await server(page).textContent()).toContain('Start of the run: no request has reached the server yet.');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => timelinePosition(page)).toBe('step 1 of 4');
  expect(await network(page).getByRole('heading', { level: 3 }).first().textContent()).toBe('Step 1: GET / → 200');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => timelinePosition(page)).toBe('step 2 of 4');
  expect(withoutRunLength(await panelsText(page))).toEqual(withoutRunLength(atStep2));
  await page.keyboard.press('End');
  await expect.poll(() => timelinePosition(page)).toBe('step 4 of 4');
  expect(withoutRunLength(await panelsText(page))).toEqual(withoutRunLength(atStep4));
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => timelinePosition(page)).toBe('step 3 of 4');
  expect(await network(page).getByRole('heading', { level: 3 }).first().textContent()).toBe('Step 3: clock +1min');
  expect(await lessonPosition(page)).toBe(`Step 3 of ${lesson.steps}`);
  expect(await page.getByRole('status').filter({ hasText: 're-reading' }).textContent()).toContain('The lesson is at Step 4.');
  expect(new URL(page.url()).hash).toBe(`#/lessons/${lesson.slug}/4`);

  // The landing page remembers how far the lesson went, also after a reload.
  await page.getByRole('link', { name: 'All lessons' }).click();
  await expect.poll(() => cards.first().locator('.lesson-status').textContent()).toBe(`Progress: step 4 of ${lesson.steps}`);
  await page.reload();
  await expect.poll(() => cards.first().locator('.lesson-status').textContent()).toBe(`Progress: step 4 of ${lesson.steps}`);
  expect(await cards.nth(1).locator('.lesson-status').textContent()).toBe('Progress: not started');

  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await context.cookies()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
