import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { servedSite, ready, seriousViolations, visit, type VisitOptions } from './browser';

const site = servedSite();

const CONFIGS: [string, VisitOptions][] = [
  ['light, 1440 px', { colorScheme: 'light' }],
  ['dark, 1440 px', { colorScheme: 'dark' }],
  ['light, 375 px', { colorScheme: 'light', viewport: { width: 375, height: 812 } }],
  ['dark, 375 px', { colorScheme: 'dark', viewport: { width: 375, height: 812 } }],
];

/** Each view's violations, by view: one report names every view that fails. */
async function check(page: Page, view: string, report: Record<string, unknown>): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) report[view] = violations;
  // WCAG 1.4.10 (reflow): at 320-375 CSS px nothing needs a sideways scroll of the whole page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) report[`${view}: page scrolls sideways by ${overflow} px`] = true;
}

describe.each(CONFIGS)('axe finds no serious or critical violation, and nothing scrolls sideways (%s)', (_, options) => {
  test('on the lessons index, the playground with a run, the help overlay, the A/B comparison and a lesson mid-way', async () => {
    const { context, page, errors } = await visit(site.browser, `${site.url}#/`, { ...options, bypassCSP: true });
    const report: Record<string, unknown> = {};
    // The page really wears the scheme asked for: a dark page background in dark mode, white in light mode.
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe(options.colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');

    await page.getByRole('heading', { name: 'Learn how Django sessions really work' }).waitFor();
    await check(page, 'lessons index', report);

    await page.getByRole('link', { name: 'Open the free playground' }).click();
    await ready(page);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await send.click();
    await send.click();
    await page.getByRole('button', { name: '+1 hour' }).click();
    await page.getByRole('button', { name: 'Edit sessionid' }).click();
    await expect.poll(() => page.locator('.timeline-position').textContent()).toBe('step 3 of 3');
    await page.getByRole('button', { name: '◀ Back' }).click();
    await check(page, 'playground with a run', report);
    await page.getByRole('button', { name: 'SameSite matrix' }).click();
    await page.getByRole('button', { name: /^Lax \(Django’s default\), Cross-site form POST/ }).click();
    await page.getByRole('link', { name: /Replay this cell/ }).waitFor();
    await check(page, 'playground: SameSite matrix with a cell chosen', report);
    await page.getByRole('button', { name: 'Expiry timeline' }).click();
    await page.getByRole('img', { name: /^Expiry timeline/ }).waitFor();
    await check(page, 'playground: expiry timeline', report);
    await page.getByRole('button', { name: 'Sequence diagram' }).click();

    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check(page, 'help overlay', report);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('link', { name: 'Compare A/B' }).click();
    await expect.poll(() => page.locator('.compare-intro').textContent()).toContain('steps differ.');
    await check(page, 'A/B comparison of the run', report);

    await page.goto(`${site.url}#/lessons/visit-counter/4`);
    await expect.poll(() => page.locator('.lesson-position').textContent()).toBe('Step 4 of 7');
    await check(page, 'lesson 1 at step 4', report);

    await page.getByRole('button', { name: 'sessionid', exact: true }).click();
    await page.getByRole('region', { name: 'Cookie sessionid' }).waitFor();
    await page.getByRole('button', { name: 'Previous lesson step' }).click();
    await expect.poll(() => page.locator('.lesson-position').textContent()).toBe('Step 3 of 7');
    await check(page, 'lesson 1 re-reading step 3, a cookie selected', report);

    await page.goto(`${site.url}#/lessons/when-django-saves/4`);
    await page.getByRole('region', { name: 'Step 4 in every run' }).waitFor();
    await check(page, 'lesson 4 at step 4, the runs side by side', report);

    await page.goto(`${site.url}#/lessons/signed-cookies/9`);
    await page.getByRole('note', { name: 'Rejected Set-Cookie' }).waitFor();
    await check(page, 'lesson 10 at step 9, a rejected Set-Cookie', report);

    await page.goto(`${site.url}#/lessons/expiry/10`);
    await page.getByRole('button', { name: 'Expiry timeline' }).click();
    await page.getByRole('img', { name: /^Expiry timeline/ }).waitFor();
    await check(page, 'lesson 5 at step 10, its expiry timeline', report);

    expect(report).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });
});
