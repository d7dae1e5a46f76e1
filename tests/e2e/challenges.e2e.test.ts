import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { ready, seriousViolations, servedSite, visit, type VisitOptions } from './browser';

const site = servedSite();

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const checks = (page: Page) => page.getByRole('list', { name: 'Checks' }).locator('li');
const checkStates = (page: Page) => checks(page).evaluateAll((items) => items.map((li) => li.className));
const moves = (page: Page) => page.locator('.narration .lesson-position').textContent();

async function sendAs(page: Page, profile: string, route: string): Promise<void> {
  await region(page, 'Browser').getByRole('combobox', { name: /^Profile/ }).selectOption(profile);
  await region(page, 'Browser').getByRole('combobox', { name: /^Route/ }).selectOption(route);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test('a visitor solves a challenge: a hint, a wrong attempt, then solved, and it is remembered', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/`);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Challenges' }).click();
  await page.getByRole('heading', { level: 2, name: 'Challenges' }).waitFor();
  expect(await page.locator('.lesson-card').count()).toBeGreaterThanOrEqual(12);
  await page.getByRole('link', { name: '2 Be alice without her password', exact: true }).click();
  expect(new URL(page.url()).hash).toBe('#/challenges/hijack-copied-cookie');
  await ready(page);
  await page.getByRole('heading', { level: 2, name: 'Be alice without her password' }).waitFor();

  // The start state: alice logged in, the attacker on the home page; nothing solved yet.
  await expect.poll(() => moves(page)).toBe('0 moves so far');
  expect(await page.locator('.timeline-position').textContent()).toBe('step 2 of 2');
  expect(await checkStates(page)).toEqual(['check-fail', 'check-fail', 'check-fail']);

  // A hint, revealed one at a time.
  await page.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  expect(await page.locator('.challenge-hints li').allTextContents()).toEqual(['The server knows a logged-in browser only by the session key in its cookie.']);
  await page.getByRole('button', { name: 'Show hint 2 of 3' }).waitFor();

  // A wrong attempt: the attacker asks /me/ with a cookie of their own, and Django answers nobody.
  await sendAs(page, 'attacker', '/me/');
  await expect.poll(() => moves(page)).toBe('1 move so far');
  expect(await checkStates(page)).toEqual(['check-fail', 'check-pass', 'check-fail']);
  expect(await checks(page).nth(2).textContent()).toContain('(now: body {"user":null})');
  expect(await page.getByRole('status', { name: 'Solved' }).count()).toBe(0);

  // Then the theft: copy alice's sessionid into the attacker's jar, and ask again.
  await region(page, 'Browser').getByRole('combobox', { name: /^Profile/ }).selectOption('alice');
  await region(page, 'Browser').getByRole('button', { name: 'Copy sessionid to…' }).click();
  await region(page, 'Browser').getByRole('form', { name: 'Copy sessionid to another profile' }).getByRole('combobox').selectOption('attacker');
  await region(page, 'Browser').getByRole('button', { name: 'Copy', exact: true }).click();
  await expect.poll(() => moves(page)).toBe('2 moves so far');
  await sendAs(page, 'attacker', '/me/');
  const solved = page.getByRole('status', { name: 'Solved' });
  await solved.waitFor();
  expect(await solved.locator('p').first().textContent()).toBe('Solved in 3 moves. The reference solution takes 2.');
  expect(await checkStates(page)).toEqual(['check-pass', 'check-pass', 'check-pass']);

  // A reload keeps the attempt and the verdict; the index says it is solved.
  await page.reload();
  await ready(page);
  await page.getByRole('status', { name: 'Solved' }).waitFor();
  expect(await page.locator('.challenge-hints li').count()).toBe(1);
  await page.getByRole('link', { name: 'All challenges' }).click();
  await expect.poll(() => page.locator('.lesson-card').nth(1).locator('.lesson-status').textContent()).toBe('Status: solved in 3 moves (reference: 2)');

  expect(errors).toEqual([]);
  await context.close();
});

test('"Show solution" replays the reference step by step; a shared attempt opens from its link', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/challenges/two-items-in-place`);
  await ready(page);
  await expect.poll(() => moves(page)).toBe('0 moves so far');
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('heading', { name: 'Reference solution (2 moves)' }).waitFor();
  // The solution changes one setting, then takes one step.
  await expect.poll(() => moves(page)).toBe('1 move so far (1 changed setting included)');
  await page.getByRole('button', { name: 'Run solution step 1 of 1' }).click();
  await expect.poll(() => checkStates(page)).toEqual(['check-pass']);
  expect(await page.locator('.challenge-solution li').allTextContents()).toEqual([
    'Settings: SESSION_SAVE_EVERY_REQUEST = true ',
    expect.stringMatching(/^POST \/cart\/add-inplace\/ → 200: The append is still unnoticed/),
  ]);
  // Watching the solution does not count as solving it.
  expect(await page.getByRole('status', { name: 'Solved' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Back to my attempt' }).click();
  await expect.poll(() => moves(page)).toBe('0 moves so far');

  // An attempt of two in-place adds (not solved: the second is never saved), shared by link.
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => moves(page)).toBe('1 move so far');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Share this attempt' }).click();
  await expect.poll(() => page.locator('.challenge-actions .share-status').textContent()).toMatch(/^Link (copied|in the address bar)$/);
  const link = await page.evaluate(async () => {
    try {
      return await navigator.clipboard.readText();
    } catch {
      return window.location.href;
    }
  });
  expect(link).toMatch(/#\/challenges\/two-items-in-place\/[A-Za-z0-9_-]+$/);

  const other = await visit(site.browser, link);
  await ready(other.page);
  await expect.poll(() => moves(other.page)).toBe('1 move so far');
  expect(await other.page.locator('.timeline-position').textContent()).toBe('step 2 of 2');
  // A damaged link says so, and the challenge opens at its start.
  await other.page.goto(`${site.url}#/challenges/two-items-in-place/AAAA`);
  await other.page.reload();
  await ready(other.page);
  await expect.poll(() => other.page.locator('.banner-notice').textContent()).toContain('The shared attempt could not be opened: the link is damaged or incomplete');
  expect(other.errors).toEqual([]);
  await other.context.close();
  expect(errors).toEqual([]);
  await context.close();
});

const CONFIGS: [string, VisitOptions][] = [
  ['light, 1440 px', { colorScheme: 'light' }],
  ['dark, 1440 px', { colorScheme: 'dark' }],
  ['light, 375 px', { colorScheme: 'light', viewport: { width: 375, height: 812 } }],
  ['dark, 375 px', { colorScheme: 'dark', viewport: { width: 375, height: 812 } }],
];

describe.each(CONFIGS)('axe finds no serious or critical violation on the challenges, nothing scrolls sideways (%s)', (_, options) => {
  test('the index, a challenge with a hint and a broken rule, a solved one, an interview round', async () => {
    const { context, page, errors } = await visit(site.browser, `${site.url}#/challenges`, { ...options, bypassCSP: true });
    const report: Record<string, unknown> = {};
    const check = async (view: string) => {
      const violations = await seriousViolations(page);
      if (violations.length) report[view] = violations;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) report[`${view}: page scrolls sideways by ${overflow} px`] = true;
    };
    await page.getByRole('heading', { level: 2, name: 'Challenges' }).waitFor();
    await check('index');

    await page.getByRole('link', { name: '12 Empty the session table without a request', exact: true }).click();
    await ready(page);
    await expect.poll(() => moves(page)).toBe('0 moves so far');
    await page.getByRole('button', { name: 'Show hint 1 of 3' }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Not allowed in this challenge' }).waitFor();
    await check('challenge with a broken rule');

    await page.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => moves(page)).toBe('0 moves so far');
    await page.getByRole('button', { name: '+2 weeks' }).click();
    await page.getByRole('button', { name: '+1 day' }).click();
    await page.getByRole('group', { name: 'Server commands' }).getByRole('button', { name: 'Run manage.py clearsessions' }).click();
    await page.getByRole('status', { name: 'Solved' }).waitFor();
    await check('solved challenge');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Interview' }).click();
    await page.getByRole('button', { name: 'Start a round' }).click();
    await page.getByRole('timer', { name: 'Time left' }).waitFor();
    await check('interview round');

    expect(report).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('interview mode: a timed round, each answer followed by the live step, a score with the lessons to go over', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/`);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Interview' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Start a round' }).click();
  await expect.poll(() => page.locator('.narration .lesson-position').textContent()).toMatch(/^Question 1 of 6 · [56]:\d\d left · 0 right so far$/);
  const stepsBefore = await page.locator('.timeline-position').textContent();

  // Answer with the first option: the step runs live in the panels, then the verdict shows.
  await page.locator('.question input').first().check();
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect.poll(() => page.locator('.question-result strong').textContent()).toMatch(/^(Right\.|Not quite\.)$/);
  expect(await page.locator('.timeline-position').textContent()).not.toBe(stepsBefore);
  const first = (await page.locator('.question-result strong').textContent()) === 'Right.' ? 1 : 0;
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect.poll(() => page.locator('.narration .lesson-position').textContent()).toContain(`Question 2 of 6`);

  await page.getByRole('button', { name: 'End the round' }).click();
  expect(await page.getByRole('status').filter({ hasText: 'right' }).textContent()).toBe(`${first} of 6 right (5 not answered).`);
  // Every missed point links to the lesson that teaches it.
  const links = page.locator('.narration .challenge-facts a');
  expect(await links.count()).toBe(6 - first);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^#\/lessons\/[a-z0-9-]+$/);
  // The round is drawn at random: a question's live step may be one the simulated site answers
  // with a 4xx or 5xx (lesson 13's /boom/), which Chrome logs as a failed resource. Nothing else may.
  expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of [45]\d\d/.test(e))).toEqual([]);
  await context.close();
});

test('a release deployed from the Server panel\'s settings solves "log every user out"', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/challenges/log-everyone-out`);
  await ready(page);
  await expect.poll(() => moves(page)).toBe('0 moves so far');
  await region(page, 'Server').locator('.server-settings > summary').click();
  await region(page, 'Server').getByLabel('SECRET_KEY', { exact: true }).fill('a-key-nobody-has-seen');
  await region(page, 'Server').getByRole('button', { name: 'Deploy as the next step' }).click();
  await page.getByRole('status', { name: 'Solved' }).waitFor();
  expect(await page.getByRole('status', { name: 'Solved' }).locator('p').first().textContent()).toBe('Solved in 1 move. The reference solution takes 1.');
  expect(await checkStates(page)).toEqual(['check-pass', 'check-pass', 'check-pass']);
  expect(errors).toEqual([]);
  await context.close();
});
