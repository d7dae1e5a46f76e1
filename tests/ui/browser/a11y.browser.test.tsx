import axe from 'axe-core';
import { beforeEach, expect, test } from 'vitest';
import { chooseRoute, freshRun, renderPanels, send } from './panels';

beforeEach(freshRun);

async function violations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('both panels, with a jar, a login form, an open cookie editor and a refused host, have no axe violations', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await chooseRoute(browser, '/login/');
  await browser.getByRole('combobox', { name: 'Started by' }).selectOptions('https://evil.example');
  await send(browser);
  await browser.getByRole('button', { name: 'Edit sessionid' }).click();
  await browser.getByText('Write a cookie by hand').click();
  await browser.getByRole('textbox', { name: 'Host' }).fill('');
  await browser.getByRole('button', { name: 'Send' }).click();
  await expect.element(browser.getByRole('alert')).toBeVisible();

  expect(await violations(browser.element())).toEqual([]);
  expect(await violations(network.element())).toEqual([]);
});
