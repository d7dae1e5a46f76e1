import axe from 'axe-core';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { handlerTransport } from '../../src/msw/transport';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../src/state/playground';
import type { Step } from '../../src/sim/scenario/schema';
import { App } from '../../src/ui/App';
import { useRoute } from '../../src/state/route';

const shop = (path: string) => `https://shop.example${path}`;
const STEPS: Step[] = [
  { request: { method: 'GET', url: shop('/visits/') } },
  { request: { method: 'POST', url: shop('/cart/add/'), form: { item: 'apple' } } },
  { advance_seconds: 3600 },
  { request: { method: 'POST', url: shop('/login/'), form: { username: 'alice', password: 'wonderland' } } },
  { request: { method: 'POST', url: shop('/cart/add/'), form: { item: 'pear' }, initiator: 'https://evil.example' } },
  { copy_cookie: { from: 'default', to: 'attacker', name: 'sessionid' } },
  { request: { method: 'GET', url: shop('/me/'), browser: 'attacker' } },
  { request: { method: 'POST', url: shop('/logout/') } },
];

beforeAll(() => {
  provideTransport(handlerTransport);
  useRoute.setState({ route: { kind: 'playground' } });
});
beforeEach(async () => {
  usePlayground.setState({ cursor: 0 });
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, steps: STEPS })).toBe(true);
  usePlayground.getState().goTo(0);
});

/** What each of the three panels shows, as text (their whole content). */
function panels(root: HTMLElement): string[] {
  return ['Browser', 'Network', 'Server'].map((name) => {
    const region = [...root.querySelectorAll('section')].find((s) => s.getAttribute('aria-labelledby') && s.querySelector('h2')?.textContent === name);
    if (!region) throw new Error(`no ${name} panel`);
    return region.innerHTML;
  });
}

test('time travel with the keyboard: forward 5, back 3, forward 3 shows every panel exactly as on the first pass', async () => {
  const screen = await render(<App />);
  await expect.element(screen.getByRole('region', { name: 'Server' })).toBeVisible();
  const root = screen.container;
  const position = screen.getByText(/^(start ·|step \d+ of \d+)/);
  const seen: string[][] = [panels(root)];
  for (let i = 1; i <= 5; i++) {
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(position).toHaveTextContent(`step ${i} of 8`);
    seen[i] = panels(root);
    expect(seen[i]).not.toEqual(seen[i - 1]);
  }
  for (let i = 4; i >= 2; i--) {
    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(position).toHaveTextContent(`step ${i} of 8`);
    expect(panels(root)).toEqual(seen[i]);
  }
  for (let i = 3; i <= 5; i++) {
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(position).toHaveTextContent(`step ${i} of 8`);
    expect(panels(root)).toEqual(seen[i]);
  }
  await userEvent.keyboard('{End}');
  await expect.element(position).toHaveTextContent('step 8 of 8');
  await userEvent.keyboard('{Home}');
  await expect.element(position).toHaveTextContent('start · 8 steps');
  expect(panels(root)).toEqual(seen[0]);
});

test('"?" opens the shortcuts, listed with their keys, and Escape closes them', async () => {
  const screen = await render(<App />);
  await expect.element(screen.getByRole('region', { name: 'Server' })).toBeVisible();
  await userEvent.keyboard('?');
  const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect.element(dialog).toBeVisible();
  // Opened as a modal, it takes the focus to its one button: Tab and Enter work at once.
  await expect.element(dialog.getByRole('button', { name: 'Close' })).toHaveFocus();
  await expect.element(dialog.getByRole('row', { name: /→ Next step/ })).toBeVisible();
  await expect.element(dialog.getByRole('row', { name: /w Advance the clock 2 weeks/ })).toBeVisible();
  await userEvent.keyboard('{Escape}');
  await expect.element(dialog).not.toBeInTheDocument();
});

test('the clock shortcut adds a step; shortcuts stay quiet while typing in a field', async () => {
  const screen = await render(<App />);
  await userEvent.keyboard('{End}');
  await userEvent.keyboard('d');
  await expect.element(screen.getByText('step 9 of 9')).toBeVisible();
  await expect.element(screen.getByRole('group', { name: 'Virtual clock' }).getByRole('time')).toHaveTextContent('Fri, 02 Jan 2026 01:00:00 UTC');
  const field = screen.getByRole('textbox').first();
  await field.click();
  await userEvent.keyboard('d');
  await expect.element(screen.getByText('step 9 of 9')).toBeVisible();
});

test('axe finds no serious or critical violation on the whole screen', async () => {
  const screen = await render(<App />);
  await userEvent.keyboard('{End}');
  await expect.element(screen.getByText('step 8 of 8')).toBeVisible();
  const results = await axe.run(document, { resultTypes: ['violations'] });
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test("the Browser panel follows the profile of the selected step (the attacker's copy, then the victim again)", async () => {
  const screen = await render(<App />);
  const browser = screen.getByRole('region', { name: 'Browser' });
  await expect.element(browser).toBeVisible();
  usePlayground.getState().goTo(7);
  await expect.element(browser.getByRole('combobox', { name: 'Profile' })).toHaveValue('attacker');
  await expect.element(browser.getByRole('rowheader', { name: 'sessionid' })).toBeVisible();
  usePlayground.getState().goTo(8);
  await expect.element(browser.getByRole('combobox', { name: 'Profile' })).toHaveValue('default');
});

test('viewing an earlier step warns that a new step there replaces the later ones, and one does', async () => {
  const screen = await render(<App />);
  await expect.element(screen.getByRole('region', { name: 'Server' })).toBeVisible();
  usePlayground.getState().goTo(3);
  await expect.element(screen.getByText('A new step taken here replaces the 5 later steps.')).toBeVisible();
  await screen.getByRole('button', { name: '+1 minute' }).click();
  await expect.element(screen.getByText('step 4 of 4')).toBeVisible();
  await expect.element(screen.getByText(/A new step taken here replaces/)).not.toBeInTheDocument();
});
