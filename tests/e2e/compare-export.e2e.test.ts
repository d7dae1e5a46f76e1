/**
 * Export and A/B comparison as a visitor uses them, with the keyboard: the
 * playground's run downloaded as a Django test (run by real Django when this
 * machine has it) and as a curl script, then the same run compared in two
 * worlds, a difference highlighted, and no difference once both worlds agree.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { findDjangoPython } from '../support/django-python';
import { ready, seriousViolations, servedSite, visit } from './browser';

const site = servedSite();
const python = findDjangoPython();

async function download(page: Page, option: string): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).focus();
  await page.keyboard.press('Enter');
  const options = page.getByRole('group', { name: 'Export this run as' });
  await options.waitFor();
  // The menu opens with its first option focused; the second is one Tab away.
  if (option === 'curl script (.sh)') await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(option);
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

describe('export and A/B comparison', () => {
  test('the run downloads as a Django test and a curl script; compared under two engines, the difference is marked', async () => {
    const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`, { bypassCSP: true });
    await ready(page);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await send.click();
    await send.click();
    await expect.poll(() => page.locator('.timeline-position').textContent()).toBe('step 2 of 2');

    const django = await download(page, 'Django test (.py)');
    expect(django.name).toBe('test_my_playground_run.py');
    expect(django.text).toContain('class PlaygroundRunTest(PlaygroundRunTestCase):');
    const sends = [...django.text.matchAll(/self\.send\("GET", "https:\/\/shop\.example\/visits\/"/g)];
    expect(sends).toHaveLength(2);
    await expect.poll(() => page.locator('.export-menu [role="status"]').textContent()).toBe('Downloaded test_my_playground_run.py');
    // Focus is back on the Export button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    if (python) {
      const ran = spawnSync(python.command, ['-'], { input: django.text, encoding: 'utf8', timeout: 60_000 });
      expect(ran.stderr).toMatch(/Ran 1 test[\s\S]*\nOK\n/);
    }

    const curl = await download(page, 'curl script (.sh)');
    expect(curl.name).toBe('my-playground-run.sh');
    expect(curl.text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(curl.text.match(/^curl .* https:\/\/shop\.example\/visits\/$/gm)).toHaveLength(2);

    await page.getByRole('link', { name: 'Compare A/B' }).click();
    const main = page.getByRole('main', { name: 'A/B comparison' });
    await main.waitFor();
    const worldB = page.getByRole('region', { name: /^World B/ });
    await expect.poll(() => worldB.getByLabel('SESSION_ENGINE').inputValue()).toBe('django.contrib.sessions.backends.signed_cookies');
    await expect.poll(() => main.locator('.compare-intro').textContent()).toContain('2 of 2 steps differ.');

    const detail = page.getByRole('region', { name: /^Step 1:/ });
    const row = (label: string) => detail.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    expect(await row('Set-Cookie').getAttribute('class')).toBe('differs');
    expect(await row('Set-Cookie').locator('td').last().textContent()).toBe('≠ differs');
    expect(await row('Store: db').locator('td').nth(1).textContent()).toBe('(none)');
    expect(await row('Status').getAttribute('class')).toBeNull();
    expect(await row('Status').locator('td').last().textContent()).toBe('same');
    // The second step, chosen with the keyboard.
    await page.getByRole('button', { name: 'Step 2', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: /^Step 2:/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Both worlds on the db engine: nothing differs any more.
    await worldB.getByLabel('SESSION_ENGINE').selectOption('db');
    await expect.poll(() => main.locator('.compare-intro').textContent()).toContain('0 of 2 steps differ.');
    expect(await main.locator('tr.differs').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
