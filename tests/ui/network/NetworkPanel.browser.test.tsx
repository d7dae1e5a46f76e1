import { beforeEach, expect, test } from 'vitest';
import { REJECT_TEXT } from '../../../src/sim/browser';
import { usePlayground } from '../../../src/state/playground';
import { chipIn, chooseRoute, freshRun, jarCell, jarRow, renderPanels, send, showRawText, stepCount, wireLines } from '../browser/panels';

beforeEach(freshRun);

const lineStarting = (network: { element(): Element }, which: string, start: string) =>
  [...network.element().querySelectorAll(`[aria-label="${which}"] .wire-line`)].find((l) => l.textContent?.startsWith(start)) ?? null;

test('the request list shows every request; clicking one selects its step and highlights it', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await send(browser);
  await chooseRoute(browser, '/peek/');
  await send(browser);
  await usePlayground.getState().addStep({ advance_seconds: 60 });

  const items = network.getByRole('list', { name: 'Requests' }).getByRole('button');
  await expect.poll(() => items.elements().map((b) => b.textContent)).toEqual([
    '1 GET /visits/ 200 default',
    '2 GET /visits/ 200 default',
    '3 GET /peek/ 200 default',
  ]);
  // The selected step is the clock's, not a request: no request is highlighted.
  expect(items.elements().some((b) => b.getAttribute('aria-current'))).toBe(false);

  await network.getByRole('button', { name: '1 GET /visits/ 200 default' }).click();
  expect(usePlayground.getState().cursor).toBe(1);
  await expect.element(network.getByRole('button', { name: '1 GET /visits/ 200 default' })).toHaveAttribute('aria-current', 'step');
  await expect.element(network.getByRole('heading', { level: 3 })).toHaveTextContent('Step 1: GET /visits/ → 200');
  expect(wireLines(network, 'Response').at(-1)).toBe('{"visits": 1}');
  await network.getByRole('button', { name: '3 GET /peek/ 200 default' }).click();
  expect(wireLines(network, 'Response').at(-1)).toBe('{"session": {"visits": 2}}');
});

test('status lines carry the reason phrase: 405 for the wrong method, 404 for an unknown path, 401 for bad credentials', async () => {
  const { browser, network } = await renderPanels();
  await chooseRoute(browser, '/login/');
  await browser.getByRole('combobox', { name: 'Method' }).selectOptions('GET');
  await expect.element(browser.getByText('This route expects POST.')).toBeVisible();
  await send(browser);
  expect(wireLines(network, 'Request')).toEqual(['GET /login/ HTTP/1.1', 'Host: shop.example']);
  expect(wireLines(network, 'Response')[0]).toBe('HTTP/1.1 405 Method Not Allowed');

  await chooseRoute(browser, 'other');
  await browser.getByRole('textbox', { name: 'Path' }).fill('/no-such-page/');
  await send(browser);
  expect(wireLines(network, 'Response')[0]).toBe('HTTP/1.1 404 Not Found');
  expect(wireLines(network, 'Response').at(-1)).toBe('{"error": "not found"}');

  await browser.getByRole('textbox', { name: 'Path' }).fill('no slash');
  await browser.getByRole('button', { name: 'Send' }).click();
  await expect.element(browser.getByRole('alert')).toHaveTextContent('A path starts with "/"');
  expect(stepCount()).toBe(2);

  await chooseRoute(browser, '/login/');
  await browser.getByRole('textbox', { name: 'username' }).fill('alice');
  await browser.getByRole('textbox', { name: 'password' }).fill('not her password');
  await send(browser);
  expect(wireLines(network, 'Response')[0]).toBe('HTTP/1.1 401 Unauthorized');
  expect(wireLines(network, 'Response').at(-1)).toBe('{"error": "invalid credentials"}');
});

test('login moves the data to a new key: the request carries k1, the Set-Cookie brings k2, which replaces it', async () => {
  const { browser, network } = await renderPanels();
  await send(browser);
  await chooseRoute(browser, '/login/');
  await browser.getByRole('button', { name: 'Fill alice / wonderland' }).click();
  await send(browser);

  expect(wireLines(network, 'Request').slice(-3)).toEqual(['Content-Type: application/x-www-form-urlencoded', '', 'username=alice&password=wonderland']);
  expect(chipIn(lineStarting(network, 'Request', 'Cookie:'))).toBe('k1');
  expect(chipIn(lineStarting(network, 'Response', 'Set-Cookie:'))).toBe('k2');
  const outcome = network.element().querySelector('.outcomes li');
  expect(outcome?.querySelector('.outcome-result')?.textContent).toBe('replaced');
  expect(chipIn(outcome)).toBe('k2');
  expect(chipIn(jarCell(browser, 'sessionid', 'Value'))).toBe('k2');
  expect(jarRow(browser, 'sessionid')?.className).toBe('mark-changed');
  expect(jarCell(browser, 'sessionid', 'Value')?.className).toBe('mark-changed');
});

test('logout deletes the cookie with the header Django writes, and the browser reports it deleted', async () => {
  const { browser, network } = await renderPanels();
  await chooseRoute(browser, '/login/');
  await browser.getByRole('button', { name: 'Fill bob / builder' }).click();
  await send(browser);
  await chooseRoute(browser, '/logout/');
  await send(browser);

  await showRawText(network, true);
  expect(wireLines(network, 'Request').slice(-2)).toEqual(['Content-Type: application/x-www-form-urlencoded', '']);
  expect(wireLines(network, 'Response')).toContain('Set-Cookie: sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax');
  await showRawText(network, false);
  const outcome = network.element().querySelector('.outcomes li');
  expect(outcome?.querySelector('.outcome-result')?.textContent).toBe('deleted');
  expect(chipIn(outcome)).toBe('k1');
  expect(jarRow(browser, 'sessionid')?.className).toBe('mark-removed');
});

test('a cross-site fetch cannot store a SameSite=Lax cookie: the Set-Cookie is struck through with its reason', async () => {
  const { browser, network } = await renderPanels();
  await browser.getByRole('combobox', { name: 'Started by' }).selectOptions('https://evil.example');
  await browser.getByRole('combobox', { name: 'As' }).selectOptions('fetch');
  await send(browser);
  expect(usePlayground.getState().definition.steps[0]).toEqual({
    request: { method: 'GET', url: 'https://shop.example/visits/', initiator: 'https://evil.example', kind: 'fetch' },
  });

  const rejected = network.element().querySelector('.outcome-rejected');
  expect(rejected?.querySelector('.outcome-result')?.textContent).toBe('rejected');
  expect(rejected?.querySelector('s')?.textContent).toMatch(/^sessionid=.*; SameSite=Lax$/);
  expect(rejected?.querySelector('.reason-code')?.textContent).toBe('SameSiteLax');
  expect(rejected?.textContent).toContain(REJECT_TEXT.SameSiteLax);
  await expect.element(browser.getByText('No cookies in the jar of default.')).toBeVisible();
});

test('steps without a request say what they did: the clock, expiry, clearsessions, a copy of nothing', async () => {
  const { browser, network } = await renderPanels();
  const { addStep } = usePlayground.getState();
  await addStep({ clearsessions: true });
  await expect.element(network.getByText('Nothing had expired: nothing was deleted.')).toBeVisible();

  await send(browser);
  // Two weeks and a second: past the cookie's expiry and the row's expire_date.
  await addStep({ advance_seconds: 1209601 });
  await expect.element(network.getByText('The clock moved forward 14d 1s', { exact: false })).toBeVisible();
  const expired = network.element().querySelector('.step-summary li');
  expect(chipIn(expired)).toBe('k1');
  expect(expired?.textContent).toContain('(default)');
  expect(jarRow(browser, 'sessionid')?.className).toBe('mark-removed');

  await addStep({ clearsessions: true });
  await expect.element(network.getByText('The server ran manage.py clearsessions.')).toBeVisible();
  const deleted = network.element().querySelector('.step-summary li');
  expect(deleted?.textContent).toContain('Deleted the session from django_session.');
  expect(chipIn(deleted)).toBe('k1');

  await addStep({ copy_cookie: { from: 'victim', to: 'attacker', name: 'sessionid' } });
  await expect.element(network.getByText('victim had no cookie named sessionid: nothing was copied.')).toBeVisible();
});
