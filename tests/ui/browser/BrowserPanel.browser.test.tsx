import { beforeEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { NOT_SENT_TEXT } from '../../../src/sim/browser';
import { usePlayground } from '../../../src/state/playground';
import { COMMANDS } from '../../../src/ui/commands';
import {
  chipIn,
  chooseRoute,
  freshRun,
  jarCell,
  jarRow,
  keyIn,
  renderPanels,
  send,
  showRawText,
  stepCount,
  wireLines,
} from './panels';

beforeEach(freshRun);

// Django's default SESSION_COOKIE_AGE (two weeks), from the run's start at 2026-01-01T00:00:00Z.
const FIRST_SET_COOKIE_ATTRIBUTES = 'expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax';

test('GET /visits/ stores the session cookie: the jar row, document.cookie and the raw exchange', async () => {
  const { browser, network } = await renderPanels();
  await expect.element(browser.getByText('No cookies in the jar of default.')).toBeVisible();
  await chooseRoute(browser, '/visits/');
  await expect.element(browser.getByRole('combobox', { name: 'Method' })).toHaveValue('GET');
  await send(browser);

  await expect.poll(() => jarRow(browser, 'sessionid')).not.toBeNull();
  const key = keyIn(jarCell(browser, 'sessionid', 'Value'));
  expect(key).toMatch(/^[a-z0-9]{32}$/);
  expect(chipIn(jarCell(browser, 'sessionid', 'Value'))).toBe('k1');
  expect(jarCell(browser, 'sessionid', 'Domain')?.textContent).toBe('shop.example');
  expect(jarCell(browser, 'sessionid', 'Path')?.textContent).toBe('/');
  expect(jarCell(browser, 'sessionid', 'Expires')?.textContent).toBe('14d');
  expect(jarCell(browser, 'sessionid', 'Size')?.textContent).toBe(String('sessionid'.length + 32));
  expect(jarCell(browser, 'sessionid', 'HttpOnly')?.textContent).toContain('yes');
  expect(jarCell(browser, 'sessionid', 'Secure')?.textContent).toContain('no');
  expect(jarCell(browser, 'sessionid', 'SameSite')?.textContent).toBe('Lax');
  // HttpOnly: page JavaScript sees nothing.
  expect(browser.element().querySelector('.document-cookie')?.textContent).toBe('document.cookie on https://shop.example/: ""');

  expect(wireLines(network, 'Request')).toEqual(['GET /visits/ HTTP/1.1', 'Host: shop.example']);
  await showRawText(network, true);
  expect(wireLines(network, 'Response')).toEqual([
    'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    'Vary: Cookie',
    `Set-Cookie: sessionid=${key}; ${FIRST_SET_COOKIE_ATTRIBUTES}`,
    '',
    '{"visits": 1}',
  ]);
  await expect.element(network.getByText('stored', { exact: true })).toBeVisible();
});

test('the second request carries the cookie, shown with its chip and as raw text', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await send(browser);
  const key = keyIn(jarCell(browser, 'sessionid', 'Value'));

  await showRawText(network, false);
  const cookieLine = [...network.element().querySelectorAll('[aria-label="Request"] .wire-line')].find((l) => l.textContent?.startsWith('Cookie:'));
  expect(chipIn(cookieLine ?? null)).toBe('k1');
  await showRawText(network, true);
  expect(wireLines(network, 'Request')).toEqual(['GET /visits/ HTTP/1.1', 'Host: shop.example', `Cookie: sessionid=${key}`]);
  // The session was modified, so Django sets the cookie again: same key, same two-week expiry (the clock did not move).
  expect(wireLines(network, 'Response')).toContain(`Set-Cookie: sessionid=${key}; ${FIRST_SET_COOKIE_ATTRIBUTES}`);
  expect(wireLines(network, 'Response').at(-1)).toBe('{"visits": 2}');
});

test('restarting the browser keeps a two-week cookie but drops the one /expiry/?seconds=0 made a session cookie', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await browser.getByRole('button', { name: 'Restart browser' }).click();
  await expect.poll(stepCount).toBe(2);
  await expect.element(network.getByText('It had no session cookies to drop; cookies with an expiry stay.')).toBeVisible();
  expect(jarCell(browser, 'sessionid', 'Expires')?.textContent).toBe('14d');

  await chooseRoute(browser, '/expiry/');
  await browser.getByRole('textbox', { name: 'seconds' }).fill('0');
  await send(browser);
  expect(wireLines(network, 'Request')[0]).toBe('GET /expiry/?seconds=0 HTTP/1.1');
  await expect.poll(() => jarCell(browser, 'sessionid', 'Expires')?.textContent).toBe('session');

  await browser.getByRole('button', { name: 'Restart browser' }).click();
  await expect.poll(stepCount).toBe(4);
  await expect.element(network.getByText('The browser of default was restarted.')).toBeVisible();
  const dropped = network.element().querySelector('.step-summary li');
  expect(dropped?.textContent).toMatch(/^sessionid=/);
  expect(chipIn(dropped)).toBe('k1');
  // The row stays on screen for this step, struck through as removed, with nothing left to edit.
  expect(jarRow(browser, 'sessionid')?.classList.contains('mark-removed')).toBe(true);
  await expect.element(browser.getByRole('button', { name: 'Edit sessionid' })).not.toBeInTheDocument();

  // The composer keeps its draft across steps.
  await expect.element(browser.getByRole('combobox', { name: 'Route' })).toHaveValue('/expiry/');
  await chooseRoute(browser, '/visits/');
  await send(browser);
  expect(wireLines(network, 'Request')).toEqual(['GET /visits/ HTTP/1.1', 'Host: shop.example']);
  await expect.poll(() => chipIn(jarCell(browser, 'sessionid', 'Value'))).toBe('k2');
});

test('a cross-site POST from https://evil.example goes without the SameSite=Lax cookie, a cross-site link with it', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  const initiator = browser.getByRole('combobox', { name: 'Started by' });
  await initiator.selectOptions('https://evil.example');

  await send(browser);
  await showRawText(network, true);
  expect(wireLines(network, 'Request')).toContain('Cookie: sessionid=' + keyIn(jarCell(browser, 'sessionid', 'Value')));
  expect(network.element().querySelector('.not-sent')).toBeNull();

  await chooseRoute(browser, '/cart/add/');
  await expect.element(browser.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
  await send(browser);
  const request = wireLines(network, 'Request');
  expect(request[0]).toBe('POST /cart/add/ HTTP/1.1');
  expect(request.some((line) => line.startsWith('Cookie:'))).toBe(false);
  expect(request.slice(-3)).toEqual(['Content-Type: application/x-www-form-urlencoded', '', 'item=apple']);
  await expect.element(network.getByText('started by https://evil.example', { exact: false })).toBeVisible();
  await showRawText(network, false);
  const notSent = network.element().querySelector('.not-sent li');
  expect(chipIn(notSent)).toBe('k1');
  expect(notSent?.querySelector('.reason-code')?.textContent).toBe('SameSiteLax');
  expect(notSent?.textContent).toContain(NOT_SENT_TEXT.SameSiteLax);
  expect(getComputedStyle(notSent!).color).not.toBe(getComputedStyle(network.element()).color);
});

test('editing a cookie value is a step: the form is inline, Escape cancels, Enter saves', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);

  const edit = browser.getByRole('button', { name: 'Edit sessionid' });
  await edit.click();
  const input = browser.getByRole('textbox', { name: 'New value of sessionid' });
  await expect.element(input).toHaveFocus();
  await userEvent.keyboard('{Escape}');
  await expect.element(input).not.toBeInTheDocument();
  await expect.element(edit).toHaveFocus();
  expect(stepCount()).toBe(1);

  await edit.click();
  await input.fill('forged-by-hand');
  await userEvent.keyboard('{Enter}');
  await expect.poll(stepCount).toBe(2);
  expect(usePlayground.getState().definition.steps[1]).toEqual({ set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: 'forged-by-hand' } });
  await expect.poll(() => jarCell(browser, 'sessionid', 'Value')?.textContent).toBe('forged-by-hand');
  // A hand edit keeps HttpOnly and SameSite of the cookie it replaces, and has no expiry.
  expect(jarCell(browser, 'sessionid', 'HttpOnly')?.textContent).toContain('yes');
  expect(jarCell(browser, 'sessionid', 'SameSite')?.textContent).toBe('Lax');
  expect(jarCell(browser, 'sessionid', 'Expires')?.textContent).toBe('session');
  await expect.element(network.getByText('replaced', { exact: true })).toBeVisible();

  await send(browser);
  expect(wireLines(network, 'Request')).toContain('Cookie: sessionid=forged-by-hand');
});

test('writing a cookie without a name is refused inline, and adds no step', async () => {
  const { browser } = await renderPanels();
  await browser.getByText('Write a cookie by hand').click();
  await browser.getByRole('textbox', { name: 'Name' }).fill('  ');
  await browser.getByRole('button', { name: 'Write cookie' }).click();
  await expect.element(browser.getByRole('alert')).toHaveTextContent('A cookie needs a name.');
  expect(stepCount()).toBe(0);

  await browser.getByRole('textbox', { name: 'Name' }).fill('sessionid');
  await browser.getByRole('textbox', { name: 'Value' }).fill('planted');
  await browser.getByRole('button', { name: 'Write cookie' }).click();
  await expect.poll(stepCount).toBe(1);
  await expect.poll(() => jarCell(browser, 'sessionid', 'Value')?.textContent).toBe('planted');
  // No cookie of that name to copy attributes from: none of the flags are set.
  expect(jarCell(browser, 'sessionid', 'HttpOnly')?.textContent).toContain('no');
  expect(jarCell(browser, 'sessionid', 'SameSite')?.textContent).toBe('unset');
});

test('change marks show on the step that set the cookie, not on the next one, and come back when stepping back', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await expect.poll(() => jarRow(browser, 'sessionid')?.className).toBe('mark-added');
  await send(browser);
  await expect.poll(() => jarRow(browser, 'sessionid')?.className).toBe('');
  await network.getByRole('button', { name: /^1 GET \/visits\// }).click();
  await expect.poll(() => jarRow(browser, 'sessionid')?.className).toBe('mark-added');
});

test('profiles: an empty name is refused, a new one is selected and gets its own jar; a cookie can be copied to another', async () => {
  const { browser, network } = await renderPanels();
  const profile = browser.getByRole('combobox', { name: 'Profile' });
  await browser.getByRole('button', { name: 'Add profile' }).click();
  await expect.element(browser.getByRole('alert')).toHaveTextContent('A profile needs a name.');
  await expect.element(profile).toHaveValue('default');

  await browser.getByRole('textbox', { name: 'New profile' }).fill('laptop');
  await browser.getByRole('button', { name: 'Add profile' }).click();
  await expect.element(profile).toHaveValue('laptop');
  await send(browser);
  expect(usePlayground.getState().definition.steps[0]).toEqual({ request: { method: 'GET', url: 'https://shop.example/visits/', browser: 'laptop' } });
  await expect.element(network.getByRole('button', { name: /^1 GET \/visits\/ 200 laptop$/ })).toBeVisible();
  await expect.poll(() => chipIn(jarCell(browser, 'sessionid', 'Value'))).toBe('k1');

  await browser.getByRole('button', { name: 'Copy sessionid to…' }).click();
  await browser.getByRole('combobox', { name: 'Copy every sessionid cookie to' }).selectOptions('attacker');
  await browser.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect.poll(stepCount).toBe(2);
  await profile.selectOptions('attacker');
  await expect.poll(() => chipIn(jarCell(browser, 'sessionid', 'Value'))).toBe('k1');
  expect(jarCell(browser, 'sessionid', 'Expires')?.textContent).toBe('14d');

  await profile.selectOptions('default');
  await expect.element(browser.getByText('No cookies in the jar of default.')).toBeVisible();
});

test('a host outside the demo site gets an inline message and sends nothing; a subdomain is fine', async () => {
  const { browser, network } = await renderPanels();
  const host = browser.getByRole('textbox', { name: 'Host' });
  await host.fill('evil.example');
  await browser.getByRole('button', { name: 'Send' }).click();
  await expect.element(browser.getByRole('alert')).toHaveTextContent('The demo site lives at shop.example and its subdomains');
  await expect.element(host).toHaveAttribute('aria-invalid', 'true');
  await expect.element(host).toHaveFocus();
  await host.fill('shop.example/visits/?x=');
  await browser.getByRole('button', { name: 'Send' }).click();
  await expect.element(browser.getByRole('alert')).toBeVisible();
  expect(stepCount()).toBe(0);

  await host.fill('www.shop.example');
  await expect.element(browser.getByRole('alert')).not.toBeInTheDocument();
  await send(browser);
  expect(wireLines(network, 'Request')).toEqual(['GET /visits/ HTTP/1.1', 'Host: www.shop.example']);
});

test('the "s" shortcut sends what the composer holds', async () => {
  const { browser, network } = await renderPanels();
  await chooseRoute(browser, '/login/');
  await browser.getByRole('button', { name: 'Fill bob / builder' }).click();
  COMMANDS.find((c) => c.id === 'send')!.run();
  await expect.poll(stepCount).toBe(1);
  expect(wireLines(network, 'Request').at(-1)).toBe('username=bob&password=builder');
  expect(wireLines(network, 'Response').at(-1)).toBe('{"user": "bob"}');
});

test('what the user types is shown as text, never as HTML', async () => {
  const { browser, network } = await renderPanels();
  await chooseRoute(browser, '/cart/add/');
  const markup = '<img src=x onerror="document.body.dataset.pwned=1">';
  await browser.getByRole('textbox', { name: 'item' }).fill(markup);
  await send(browser);
  await expect.poll(() => wireLines(network, 'Response').at(-1)).toBe(`{"cart": ["${markup.replaceAll('"', '\\"')}"]}`);
  expect(document.querySelector('.panels img')).toBeNull();
  expect(document.body.dataset.pwned).toBeUndefined();
});

test('a selected cookie shows its whole value and every attribute below the jar, as DevTools does', async () => {
  const { browser } = await renderPanels();
  await chooseRoute(browser, '/visits/');
  await send(browser);
  await expect.poll(() => jarRow(browser, 'sessionid')).not.toBeNull();
  const key = keyIn(jarCell(browser, 'sessionid', 'Value'));
  await expect.element(browser.getByText("Select a cookie's name to see its whole value and every attribute.")).toBeVisible();

  await browser.getByRole('button', { name: 'sessionid', exact: true }).click();
  const detail = browser.getByRole('region', { name: 'Cookie sessionid' });
  await expect.element(detail.getByText(key!, { exact: true })).toBeVisible();
  const terms = [...detail.element().querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
  // Django's defaults (contract section 1): host-only for shop.example, Path=/, two weeks, HttpOnly, not Secure, Lax.
  expect(terms).toEqual([
    'Domain=shop.example (host-only)',
    'Path=/',
    'Expires=Thu, 15 Jan 2026 00:00:00 GMT (14d)',
    `Size=${'sessionid'.length + 32} bytes (name and value)`,
    'HttpOnly=yes',
    'Secure=no',
    'SameSite=Lax',
  ]);
  await browser.getByRole('button', { name: 'sessionid', exact: true }).click();
  await expect.element(detail).not.toBeInTheDocument();
});
