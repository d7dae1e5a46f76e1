/**
 * The servers strip, restarts and deploys as a learner uses them: the
 * expected values come from the contract's golden transcripts (27: two
 * workers with a cache each; 32: a rotated SECRET_KEY) and its section 2
 * (round robin, restarts).
 */
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import type { Locator } from 'vitest/browser';
import { handlerTransport } from '../../../src/msw/transport';
import type { Step } from '../../../src/sim/scenario/schema';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../../src/state/playground';
import { NetworkPanel } from '../../../src/ui/network/NetworkPanel';
import { ServerPanel } from '../../../src/ui/server/ServerPanel';
import '../../../src/ui/app.css';

beforeAll(() => provideTransport(handlerTransport));
beforeEach(async () => {
  expect(await usePlayground.getState().load(EMPTY_RUN)).toBe(true);
});

const SHOP = 'https://shop.example';
const get = (path: string): Step => ({ request: { method: 'GET', url: SHOP + path } });
const login: Step = { request: { method: 'POST', url: SHOP + '/login/', form: { username: 'alice', password: 'wonderland' } } };
const CACHE = { SESSION_ENGINE: 'django.contrib.sessions.backends.cache' };

async function show() {
  const screen = await render(<div className="panels"><NetworkPanel /><ServerPanel /></div>);
  return { server: screen.getByRole('region', { name: 'Server' }), network: screen.getByRole('region', { name: 'Network' }) };
}

const strip = (server: Locator) => server.getByRole('group', { name: /^Servers/ });
const bodyRows = (table: Locator) => table.getByRole('rowgroup').nth(1).getByRole('row');

test('two workers chosen in the strip: requests go round robin, the strip and the request list say which worker served each', async () => {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings: CACHE, steps: [] })).toBe(true);
  const { server, network } = await show();
  await expect.element(strip(server)).toHaveTextContent('one worker process');
  await server.getByText('Workers and what they share (for the whole run)').click();
  await server.getByLabelText('Workers', { exact: true }).selectOptions('2');
  await server.getByRole('button', { name: 'Replay the run on these servers' }).click();
  await expect.poll(() => usePlayground.getState().definition.servers).toEqual({ workers: ['a', 'b'], cache: 'per_worker', files: 'per_worker' });

  await usePlayground.getState().addStep(login);
  await expect.element(strip(server).getByRole('listitem').filter({ hasText: 'worker a' })).toHaveTextContent('served this step');
  await usePlayground.getState().addStep(get('/me/'));
  // Golden 27, step 1: worker b's cache lacks the key, so /me/ is anonymous and the cookie is deleted.
  await expect.element(strip(server).getByRole('listitem').filter({ hasText: 'worker b' })).toHaveTextContent('served this step');
  await expect.element(strip(server).getByRole('listitem').filter({ hasText: 'worker a' })).not.toHaveTextContent('served this step');
  await expect.element(server.getByText(/Worker b has no such key in its cache/)).toBeVisible();
  await expect.element(network.getByRole('button', { name: '2 GET /me/ 200 default worker b' })).toBeVisible();
  await expect.element(network.getByRole('button', { name: '1 POST /login/ 200 default worker a' })).toBeVisible();

  // Each worker's cache is its own table: a holds alice's session, b nothing.
  await expect.element(server.getByRole('table', { name: 'cache@a' })).toHaveAttribute('aria-rowcount', '2');
  await expect.element(server.getByRole('table', { name: 'cache@b' })).toHaveAttribute('aria-rowcount', '1');
});

test('Restart worker a is a step: its cache empties, and Back shows the cache as it was', async () => {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings: CACHE, servers: { workers: ['a', 'b'] }, steps: [login] })).toBe(true);
  const { server } = await show();
  await expect.element(server.getByRole('table', { name: 'cache@a' })).toHaveAttribute('aria-rowcount', '2');
  await server.getByRole('button', { name: 'Restart worker a' }).click();
  await expect.poll(() => usePlayground.getState().definition.steps.at(-1)).toEqual({ restart_server: 'a' });
  await expect.element(server.getByText(/^Worker a restarted: its local-memory cache is empty/)).toBeVisible();
  // The entry is shown once more, marked removed at this step.
  await expect.element(bodyRows(server.getByRole('table', { name: 'cache@a' }))).toHaveTextContent('removed');
  await expect.element(server.getByText('This step: 1 removed.')).toBeVisible();
  // Back one step: the cache is as it was before the restart.
  usePlayground.getState().back();
  await expect.element(server.getByRole('table', { name: 'cache@a' })).toHaveAttribute('aria-rowcount', '2');
});

test('a shared cache offers Restart the cache server, which loses every session', async () => {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings: CACHE, servers: { workers: ['a', 'b'], cache: 'shared' }, steps: [login] })).toBe(true);
  const { server } = await show();
  await expect.element(server.getByRole('table', { name: 'cache' })).toHaveAttribute('aria-rowcount', '2');
  await server.getByRole('button', { name: 'Restart the cache server' }).click();
  await expect.poll(() => usePlayground.getState().definition.steps.at(-1)).toEqual({ restart_cache: true });
  await expect.element(bodyRows(server.getByRole('table', { name: 'cache' }))).toHaveTextContent('removed');
  await expect.element(server.getByText(/^The shared cache server restarted and lost every entry/)).toBeVisible();
});

test('a deploy is a step: the diff names what changed, later requests run under it, and Back across it restores the old release', async () => {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, steps: [login] })).toBe(true);
  const { server } = await show();
  await server.getByText(/^Settings( · .*)?$/).click();
  const key = server.getByLabelText('SECRET_KEY', { exact: true });
  await expect.element(key).toHaveValue('playground-insecure-secret-key-0123456789');
  await expect.element(server.getByText('Same as the release in force at this step.')).toBeVisible();
  await key.fill('playground-rotated-secret-key-2026-05');
  await expect.element(server.getByText('Changed against the release in force: SECRET_KEY.')).toBeVisible();
  await server.getByRole('button', { name: 'Deploy as the next step' }).click();
  await expect.poll(() => usePlayground.getState().definition.steps.at(-1)).toEqual({ deploy: { settings: { SECRET_KEY: 'playground-rotated-secret-key-2026-05' } } });
  expect(usePlayground.getState().definition.settings).toEqual({});
  await expect.element(server.getByRole('status')).toHaveTextContent(/^Deployed \(changed SECRET_KEY\) as step 2/);

  // Golden 32: under the new key the row's data no longer verifies, so /me/ is anonymous; nothing is deleted.
  await usePlayground.getState().addStep(get('/me/'));
  await expect.element(server.getByText(/does not verify with SECRET_KEY or any key in SECRET_KEY_FALLBACKS/)).toBeVisible();
  await expect.element(server.getByRole('table', { name: 'django_session' })).toHaveAttribute('aria-rowcount', '2');

  // Back across the deploy: the form shows the old release again, the row decodes as alice's.
  usePlayground.getState().goTo(1);
  await expect.element(server.getByLabelText('SECRET_KEY', { exact: true })).toHaveValue('playground-insecure-secret-key-0123456789');
  await server.getByRole('button', { name: 'Show session_data decoded as JSON' }).click();
  await expect.element(bodyRows(server.getByRole('table', { name: 'django_session' }))).toHaveTextContent('"_auth_user_id": "1"');
  usePlayground.getState().goTo(3);
  await expect.element(server.getByLabelText('SECRET_KEY', { exact: true })).toHaveValue('playground-rotated-secret-key-2026-05');
  await expect.element(bodyRows(server.getByRole('table', { name: 'django_session' }))).toHaveTextContent('{}');
});

test('a cross-site fetch: the Network panel says the script cannot read the opaque answer; credentials omit sends no cookie', async () => {
  const settings = { SESSION_COOKIE_SAMESITE: 'None', SESSION_COOKIE_SECURE: true };
  const fetchFromEvil = (credentials?: 'omit'): Step => ({ request: { method: 'GET', url: SHOP + '/me/', initiator: 'https://evil.example', kind: 'fetch', ...(credentials ? { credentials } : {}) } });
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings, steps: [login, fetchFromEvil()] })).toBe(true);
  const { network } = await show();
  await expect.element(network.getByText(/^The script on https:\/\/evil\.example sent this with the cookies of profile default but cannot read the answer/)).toBeVisible();
  await usePlayground.getState().addStep(fetchFromEvil('omit'));
  await expect.element(network.getByText(/credentials: 'omit': no Cookie header goes/)).toBeVisible();
  await expect.element(network.getByText(/^The script on https:\/\/evil\.example sent this without cookies but cannot read the answer/)).toBeVisible();
});
