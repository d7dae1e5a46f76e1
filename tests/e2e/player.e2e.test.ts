import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Locator, Page } from 'playwright';
import { parse } from 'yaml';
import { ready, servedSite, visit } from './browser';

/** Each lesson's card as its file states it (lessons/NN-slug.md front matter). */
const CARDS = readdirSync('lessons')
  .filter((name) => /^\d\d-[a-z0-9-]+\.md$/.test(name))
  .sort()
  .map((name) => {
    const front = parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(`lessons/${name}`, 'utf8'))![1]) as { title: string; summary: string; minutes: number };
    return { slug: name.slice(3, -3), title: front.title, summary: front.summary, minutes: front.minutes };
  });

const site = servedSite();

const stepBar = (page: Page) => page.getByRole('navigation', { name: 'Lesson steps' });
const narration = (page: Page) => page.getByRole('complementary');
const stepHeading = (page: Page) => narration(page).locator('#lesson-step-title');
const panel = (page: Page, name: 'Browser' | 'Network' | 'Server') => page.getByRole('region', { name, exact: true });
const timelinePosition = (page: Page) => page.getByRole('navigation', { name: 'Timeline' }).locator('.timeline-position').textContent();

async function answer(page: Page, option: string | RegExp) {
  await narration(page).locator('.lesson-next').getByLabel(option).check();
  await narration(page).locator('.lesson-next').getByRole('button', { name: /^Answer/ }).click();
}

async function run(page: Page, step: number) {
  await stepBar(page).getByRole('button', { name: `Run Step ${step}`, exact: true }).click();
  await expect.poll(() => stepHeading(page).textContent()).toMatch(new RegExp(`^Step ${step}:`));
}

/** The element's box lies inside the viewport. */
async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize()!;
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 40) <= viewport.height;
}

test('the landing page leads to the first unfinished lesson; cards have a summary and a time and resume at the saved step', async () => {
  const { context, page, errors } = await visit(site.browser, site.url);
  const cards = page.locator('.lesson-cards > li');
  await expect.poll(() => cards.count()).toBe(CARDS.length);
  expect(await cards.locator('.lesson-summary').allTextContents()).toEqual(CARDS.map((c) => c.summary));
  expect(await cards.locator('.lesson-minutes').allTextContents()).toEqual(CARDS.map((c) => `about ${c.minutes} min`));

  // The first call to action, before the playground's, is the first lesson.
  const actions = page.locator('.lessons-actions a');
  expect(await actions.first().textContent()).toBe(`Start with lesson 1: ${CARDS[0].title}`);
  await actions.first().click();
  await run(page, 1);
  await answer(page, 'No session cookie, because it has none yet');
  await run(page, 2);

  await page.getByRole('link', { name: 'All lessons' }).click();
  expect(await actions.first().textContent()).toBe(`Continue lesson 1: ${CARDS[0].title}`);
  expect(await cards.first().getByRole('link').getAttribute('href')).toBe('#/lessons/visit-counter/2');
  await cards.first().getByRole('link').click();
  await expect.poll(() => stepBar(page).locator('.lesson-position').textContent()).toBe('Step 2 of 7');
  expect(await stepHeading(page).textContent()).toBe('Step 2: The counter page starts a session');
  expect(errors).toEqual([]);
  await context.close();
});

test('a lesson played through: Back re-reads earlier steps, feedback for the option chosen, the recap after the quiz, a first-try score and a retry', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/lessons/visit-counter`);
  const bar = stepBar(page);

  // Run Step is the one primary action, in the step bar; the composer waits behind a detour.
  const run1 = bar.getByRole('button', { name: 'Run Step 1', exact: true });
  expect(await run1.getAttribute('class')).toContain('primary');
  expect(await page.locator('button.primary:visible').count()).toBe(1);
  const detour = panel(page, 'Browser').locator('details.detour');
  expect(await detour.locator('summary').textContent()).toBe('Detour: send a request of your own');
  expect(await panel(page, 'Browser').getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(false);
  await run(page, 1);

  // The button says what happens; a wrong answer gets the feedback written for it.
  expect(await bar.getByRole('button', { name: 'Answer, then run Step 2' }).isDisabled()).toBe(true);
  expect(await narration(page).locator('.lesson-hint').textContent()).toContain('Answer the question above, then run the step');
  await answer(page, 'The `sessionid` cookie the home page gave it'.replace(/`/g, ''));
  await run(page, 2);
  const result2 = narration(page).locator('.question-result');
  expect(await result2.locator('strong').textContent()).toBe('Not quite.');
  expect(await result2.locator('.question-feedback').textContent()).toContain('never touched request.session');

  await page.keyboard.press('n');
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 3:/);

  // "Which of these will change?" says what counts: stored state and the wire.
  const next = narration(page).locator('.lesson-next');
  expect(await next.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.closest('label')!.textContent))).toEqual([
    'Browser: a cookie in a jar is added, removed or changed (its value or its expiry)',
    'Network: a request goes over the wire',
    'Server: the session store changes (a session created, deleted, or its data or expiry changed)',
  ]);
  expect(await next.locator('legend').textContent()).toContain("SessionMiddleware's decision on every request: that alone does not count");
  for (const name of ['Browser', 'Network', 'Server']) await next.getByRole('checkbox', { name }).check();
  await next.getByRole('button', { name: 'Answer', exact: true }).click();
  await run(page, 4);

  // Back, in the step bar or the timeline: the narration, question and checks of the step shown.
  await bar.getByRole('button', { name: 'Previous lesson step' }).click();
  await expect.poll(() => timelinePosition(page)).toBe('step 3 of 4');
  expect(await stepHeading(page).textContent()).toMatch(/^Step 3:/);
  expect(await narration(page).getByRole('list', { name: 'Checks' }).textContent()).toContain('nothing changed anywhere');
  expect(await narration(page).getByRole('status').filter({ hasText: 're-reading' }).textContent()).toContain('You are re-reading Step 3. The lesson is at Step 4.');
  await page.getByRole('navigation', { name: 'Timeline' }).getByRole('button', { name: '◀ Back' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 2:/);
  expect(await narration(page).locator('.question-result strong').textContent()).toBe('Not quite.');
  expect(await narration(page).locator('.lesson-next').count()).toBe(0);
  await narration(page).getByRole('button', { name: 'Back to Step 4' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 4:/);
  expect(await timelinePosition(page)).toBe('step 4 of 4');

  await answer(page, /the phone has its own, new session/);
  await run(page, 5);
  await next.getByRole('checkbox', { name: 'Network' }).check();
  await next.getByRole('button', { name: 'Answer', exact: true }).click();
  await run(page, 6);
  await answer(page, /The view never uses it/);
  await run(page, 7);

  // The quiz first; the recap only once it is answered.
  const end = narration(page).locator('.lesson-end');
  expect(await end.getByRole('heading', { name: 'Quiz' }).isVisible()).toBe(true);
  expect(await end.getByRole('heading', { name: 'Recap' }).count()).toBe(0);
  const quiz = end.locator('fieldset');
  await quiz.nth(0).getByLabel(/In a row of the/).check();
  await quiz.nth(0).getByRole('button', { name: 'Answer' }).click();
  await quiz.nth(1).getByLabel(/Its content depends on the/).check();
  await quiz.nth(1).getByRole('button', { name: 'Answer' }).click();
  // A wrong pick: the feedback for it, above the explanation.
  await quiz.nth(2).getByLabel('None; the sessions live in the browsers').check();
  await quiz.nth(2).getByRole('button', { name: 'Answer' }).click();
  expect(await quiz.nth(2).locator('.question-feedback').textContent()).toContain('The browsers hold only keys.');
  await end.getByRole('heading', { name: 'Recap' }).waitFor();
  // Eight questions (five predictions, three quiz questions); Step 2 and the last quiz question went wrong.
  expect(await end.locator('.lesson-score').textContent()).toBe('Lesson complete. You answered 6 of 8 questions right at the first try.');
  const order = await end.evaluate((e) => [...e.querySelectorAll('h3')].map((h) => h.textContent));
  expect(order).toEqual(['Quiz', 'Recap']);

  await page.getByRole('link', { name: 'All lessons' }).click();
  const card = page.locator('.lesson-cards > li').first();
  expect(await card.locator('.lesson-meta').textContent()).toBe(`about ${CARDS[0].minutes} min · Progress: done · score 6/8`);
  expect(await page.locator('.lessons-actions a').first().textContent()).toBe(`Next: lesson 2: ${CARDS[1].title}`);

  // The card opens the finished lesson at its end; a retry starts it again, the best score kept.
  await card.getByRole('link').click();
  await page.getByRole('button', { name: 'Retry the lesson' }).click();
  await expect.poll(() => bar.locator('.lesson-position').textContent()).toBe('7 steps');
  await run(page, 1);
  expect(await narration(page).locator('.lesson-next input:checked').count()).toBe(0);
  await page.getByRole('link', { name: 'All lessons' }).click();
  expect(await card.locator('.lesson-meta').textContent()).toBe(`about ${CARDS[0].minutes} min · Progress: step 1 of 7 · best score 6/8`);
  expect(errors).toEqual([]);
  await context.close();
});

test('the panels show what the narration points at: a question’s run, the runs side by side, decoded data, the whole cookie', async () => {
  // Lesson 4, before Step 5: the question is about SESSION_SAVE_EVERY_REQUEST, so the panels show that run.
  const { context, page, errors } = await visit(site.browser, `${site.url}#/lessons/when-django-saves/4`);
  const runs = narration(page).getByRole('group', { name: 'Which run the panels show' });
  await expect.poll(() => runs.getByRole('button', { pressed: true }).textContent()).toBe('SESSION_SAVE_EVERY_REQUEST');
  expect(await narration(page).getByText('The question below is about the SESSION_SAVE_EVERY_REQUEST run').isVisible()).toBe(true);
  // Both runs of Step 4 side by side, from their own records: the in-place append saved only under every_request.
  const compared = page.getByRole('region', { name: 'Step 4 in every run' });
  await expect.poll(() => compared.locator('li').count()).toBe(2);
  expect(await compared.locator('li').nth(0).textContent()).toContain('django_session: {"cart":["apple"]}');
  expect(await compared.locator('li').nth(1).textContent()).toContain('django_session: {"cart":["apple","pear"]}');
  expect(await compared.locator('li.run-shown h4').textContent()).toBe('SESSION_SAVE_EVERY_REQUEST (in the panels)');

  // Lesson 1 Step 2 talks about the row's data: the Server panel shows session_data decoded; Step 3 does not.
  await page.goto(`${site.url}#/lessons/visit-counter/2`);
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 2:/);
  const server = panel(page, 'Server');
  await expect.poll(() => server.getByRole('button', { name: 'Show session_data decoded as JSON' }).getAttribute('aria-pressed')).toBe('true');
  expect(await server.getByRole('table', { name: 'django_session' }).textContent()).toContain('{"visits": 1}');

  // The jar at 1440 px: every column fits; the selected cookie shows its whole value.
  const jar = panel(page, 'Browser').getByRole('region', { name: 'Cookies of default' });
  expect(await jar.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  await panel(page, 'Browser').getByRole('button', { name: 'sessionid', exact: true }).click();
  const detail = panel(page, 'Browser').getByRole('region', { name: 'Cookie sessionid' });
  // The whole key (32 characters of a-z0-9, contract section 4), the one the jar row's chip stands for.
  const value = (await detail.locator('.cookie-detail-value').textContent()) ?? '';
  expect(value).toMatch(/^[a-z0-9]{32}$/);
  expect(await jar.locator(`[title="${value}"]`).count()).toBe(1);
  expect(await detail.textContent()).toContain('SameSiteLax');
  await run(page, 3);
  expect(await server.getByRole('button', { name: 'Show session_data decoded as JSON' }).getAttribute('aria-pressed')).toBe('false');
  expect(errors).toEqual([]);
  await context.close();
});

test('a rejected Set-Cookie heads the exchange, and a long body is folded', async () => {
  // Lesson 10, Step 9: the session outgrew 4096 bytes, and Chrome refused the cookie.
  const { context, page, errors } = await visit(site.browser, `${site.url}#/lessons/signed-cookies/9`);
  const network = panel(page, 'Network');
  const rejected = network.getByRole('note', { name: 'Rejected Set-Cookie' });
  await rejected.waitFor();
  expect(await rejected.textContent()).toContain('NameValuePairExceedsMaxSize');
  // It comes first in the exchange, above the request.
  expect(await network.locator('.exchange > *').first().getAttribute('class')).toBe('exchange-rejected');
  const body = network.getByRole('group', { name: 'Response' }).locator('details.wire-body');
  expect(await body.locator('summary').textContent()).toMatch(/^Body: \d{4} bytes \(show\)$/);
  expect(await body.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

  expect(errors).toEqual([]);
  await context.close();
});

test('the request list keeps the selected request in view', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`);
  await ready(page);
  const send = page.getByRole('button', { name: 'Send', exact: true });
  for (let i = 0; i < 14; i++) await send.click();
  await expect.poll(() => timelinePosition(page)).toBe('step 14 of 14');
  const list = panel(page, 'Network').getByRole('list', { name: 'Requests' });
  // The list is shorter than its fourteen rows: it scrolls.
  expect(await list.evaluate((l) => l.scrollHeight > l.clientHeight)).toBe(true);
  const selectedInList = () => list.locator('[aria-current="step"]').evaluate((item) => {
    const box = item.closest('ol')!.getBoundingClientRect();
    const it = item.getBoundingClientRect();
    return it.top >= box.top - 1 && it.bottom <= box.bottom + 1;
  });
  expect(await selectedInList()).toBe(true);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => timelinePosition(page)).toBe('step 1 of 14');
  expect(await selectedInList()).toBe(true);
  await page.keyboard.press('End');
  await expect.poll(() => timelinePosition(page)).toBe('step 14 of 14');
  expect(await selectedInList()).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});

test('at 375 px the step bar stays on screen, and takes the learner to the panel the step talks about and back', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/lessons/visit-counter/1`, { viewport: { width: 375, height: 812 } });
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 1:/);
  const bar = stepBar(page);
  // Step 1's checks are about the request: the bar offers the Network panel.
  await bar.getByRole('button', { name: 'Show the Network panel' }).click();
  const network = page.locator('#panel-network-title');
  await expect.poll(() => inViewport(network)).toBe(true);
  expect(await inViewport(bar)).toBe(true);
  expect(await inViewport(stepHeading(page))).toBe(false);
  // The bar sits above the panel, not over it.
  const [barBox, panelBox] = await Promise.all([bar.boundingBox(), network.boundingBox()]);
  expect(panelBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height - 1);

  await bar.getByRole('button', { name: /: read the narration$/ }).click();
  await expect.poll(() => inViewport(stepHeading(page))).toBe(true);

  // Running the next step from down in the panels brings its narration into view.
  await answer(page, 'No session cookie, because it has none yet');
  await bar.getByRole('button', { name: 'Show the Network panel' }).click();
  await expect.poll(() => inViewport(network)).toBe(true);
  await bar.getByRole('button', { name: 'Run Step 2', exact: true }).click();
  await expect.poll(() => stepHeading(page).textContent()).toMatch(/^Step 2:/);
  await expect.poll(() => inViewport(stepHeading(page))).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});
