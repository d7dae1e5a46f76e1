import { beforeAll, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { page, type Locator } from 'vitest/browser';
import { handlerTransport } from '../../../src/msw/transport';
import type { Step } from '../../../src/sim/scenario/schema';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../../src/state/playground';
import { ServerPanel } from '../../../src/ui/server/ServerPanel';

// Expected values come from the contract: Django's behaviour and the golden transcripts
// (the runs start at 2026-01-01T00:00:00Z, the demo site's SECRET_KEY, Django's defaults).

beforeAll(() => provideTransport(handlerTransport));

const SHOP = 'https://shop.example';
const get = (path: string, browser?: string): Step => ({ request: { method: 'GET', url: SHOP + path, ...(browser ? { browser } : {}) } });
const post = (path: string, form?: Record<string, string>): Step => ({ request: { method: 'POST', url: SHOP + path, ...(form ? { form } : {}) } });
const SIGNED = { SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' };

async function show(steps: Step[], settings: Record<string, unknown> = {}) {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings, steps })).toBe(true);
  const screen = await render(<ServerPanel />);
  return screen.getByRole('region', { name: 'Server' });
}

/** The flag or outcome line of the decision, e.g. "saved: yes". */
const flag = (panel: Locator, name: string) => panel.getByRole('listitem').filter({ hasText: new RegExp(`^${name}:`) });

/** The data rows of a store table (the header row excluded). */
const bodyRows = (table: Locator) => table.getByRole('rowgroup').nth(1).getByRole('row');

test('GET /visits/ on db: one django_session row with its chip and {"visits": 1}; saved and cookie set because modified', async () => {
  const panel = await show([get('/visits/')]);
  const table = panel.getByRole('table', { name: 'django_session' });
  await expect.element(table).toHaveAttribute('aria-rowcount', '2');
  const row = bodyRows(table);
  await expect.element(row).toHaveTextContent('k1');
  await expect.element(row.getByLabelText('session k1')).toBeVisible();
  await expect.element(row).toHaveTextContent('2026-01-15T00:00:00Z');
  await expect.element(row).toHaveTextContent('added');
  // Stored encoded: signing.dumps' payload:timestamp:signature, not the JSON itself.
  const data = row.getByRole('cell').nth(2);
  await expect.element(data).toHaveTextContent(/^[A-Za-z0-9_.-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]+$/);
  await panel.getByRole('button', { name: 'Show session_data decoded as JSON' }).click();
  await expect.element(data).toHaveTextContent('{"visits": 1}');

  await expect.element(flag(panel, 'accessed')).toHaveTextContent('yes');
  await expect.element(flag(panel, 'modified')).toHaveTextContent('yes');
  await expect.element(flag(panel, 'saved')).toHaveTextContent('yes');
  await expect.element(flag(panel, 'cookie')).toHaveTextContent('set (Max-Age=1209600)');
  await expect.element(flag(panel, 'Vary')).toHaveTextContent('Cookie');
  await expect.element(panel.getByText(/because the session was modified/)).toBeVisible();
  await expect.element(panel.getByText('Created a new session in django_session.')).toBeVisible();
});

test('GET /peek/ reads the session without modifying it: nothing saved, cookie untouched, Vary: Cookie', async () => {
  const panel = await show([get('/visits/'), get('/peek/')]);
  await expect.element(flag(panel, 'accessed')).toHaveTextContent('yes');
  await expect.element(flag(panel, 'modified')).toHaveTextContent('no');
  await expect.element(flag(panel, 'empty')).toHaveTextContent('no');
  await expect.element(flag(panel, 'saved')).toHaveTextContent('no');
  await expect.element(flag(panel, 'cookie')).toHaveTextContent('untouched');
  await expect.element(flag(panel, 'Vary')).toHaveTextContent('Cookie');
  await expect.element(panel.getByText('No change at this step.')).toBeVisible();
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).not.toHaveTextContent('added');
});

test('GET / never touches the session: no Vary, nothing saved', async () => {
  const panel = await show([get('/')]);
  await expect.element(flag(panel, 'accessed')).toHaveTextContent('no');
  await expect.element(flag(panel, 'Vary')).toHaveTextContent('not added');
  await expect.element(panel.getByRole('table', { name: 'django_session' })).toHaveAttribute('aria-rowcount', '1');
});

test('a bad SESSION_COOKIE_AGE is refused inline and never applied; a good one replays the run', async () => {
  const panel = await show([get('/visits/')]);
  await panel.getByText(/^Settings( · .*)?$/).click();
  const age = panel.getByLabelText('SESSION_COOKIE_AGE');
  await expect.element(age).toHaveValue('1209600');
  await age.fill('-1');
  await expect.element(age).toHaveAttribute('aria-invalid', 'true');
  await expect.element(panel.getByText(/^SESSION_COOKIE_AGE must be/)).toBeVisible();
  await panel.getByRole('button', { name: 'Replay as if these settings had always been in force' }).click();
  await expect.element(panel.getByRole('alert')).toHaveTextContent('Not applied');
  expect(usePlayground.getState().definition.settings).toEqual({});
  expect(usePlayground.getState().error).toBeNull();
  const table = panel.getByRole('table', { name: 'django_session' });
  await expect.element(bodyRows(table)).toHaveTextContent('2026-01-15T00:00:00Z');

  await age.fill('60');
  await expect.element(age).not.toHaveAttribute('aria-invalid');
  await panel.getByRole('button', { name: 'Replay as if these settings had always been in force' }).click();
  await expect.element(panel.getByRole('status')).toHaveTextContent(/replayed from the start, 1 step/);
  expect(usePlayground.getState().definition.settings).toEqual({ SESSION_COOKIE_AGE: 60 });
  await expect.element(bodyRows(table)).toHaveTextContent('2026-01-01T00:01:00Z');
  await expect.element(flag(panel, 'cookie')).toHaveTextContent('Max-Age=60');
});

test('switching the engine to cache replays the run and shows the cache entry', async () => {
  const panel = await show([get('/visits/')]);
  await panel.getByLabelText('SESSION_ENGINE').selectOptions('cache');
  await expect.element(panel.getByRole('status')).toHaveTextContent('replayed');
  const table = panel.getByRole('table', { name: 'cache' });
  await expect.element(table).toHaveAttribute('aria-rowcount', '2');
  const row = bodyRows(table);
  await expect.element(row).toHaveTextContent('django.contrib.sessions.cache');
  await expect.element(row.getByLabelText('session k1')).toBeVisible();
  await expect.element(row).toHaveTextContent('{"visits": 1}');
  await expect.element(row).toHaveTextContent('14d');
  await expect.element(panel.getByRole('table', { name: 'django_session' })).not.toBeInTheDocument();
  await expect.element(panel.getByText('Created a new session in the cache.')).toBeVisible();
});

test('the status saying the replay is applied comes with the replayed panels, before any later task runs (one frame, not two)', async () => {
  const panel = await show([get('/visits/')]);
  const statusAfterReplay = new Promise<string>((resolve) => {
    const unsubscribe = usePlayground.subscribe((state, previous) => {
      if (state.busy || !previous.busy) return;
      unsubscribe();
      // Microtasks only: no later task (React's scheduler, a timer, a frame) can run in between.
      let hops = 0;
      const check = () => {
        const text = document.querySelector('.server-status')?.textContent ?? '';
        if (text.startsWith('Applied') || hops++ > 200) resolve(text);
        else queueMicrotask(check);
      };
      queueMicrotask(check);
    });
  });
  await panel.getByLabelText('SESSION_ENGINE').selectOptions('cache');
  expect(await statusAfterReplay).toMatch(/^Applied .* replayed from the start, 1 step, under the new settings\.$/);
});

test('"only changed" keeps the rows the step changed (a cycled key: its new row and the removed one), not the other session', async () => {
  const cycle: Step = { request: { method: 'POST', url: `${SHOP}/cycle/`, browser: 'alice' } };
  const panel = await show([get('/visits/', 'alice'), get('/visits/', 'bob'), cycle]);
  const table = panel.getByRole('table', { name: 'django_session' });
  await expect.element(panel.getByText('This step: 1 added, 1 removed.')).toBeVisible();
  // Two rows now, and the removed one shown below them.
  await expect.element(table).toHaveAttribute('aria-rowcount', '4');
  await panel.getByLabelText('only changed').click();
  await expect.element(table).toHaveAttribute('aria-rowcount', '3');
  const rows = bodyRows(table);
  await expect.element(rows.nth(0)).toHaveTextContent(/^added.*k3/);
  await expect.element(rows.nth(1)).toHaveTextContent(/^removed.*k1/);
});

test('cached_db shows the django_session table and the cache', async () => {
  const panel = await show([get('/visits/')], { SESSION_ENGINE: 'django.contrib.sessions.backends.cached_db' });
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).toHaveTextContent('k1');
  await expect.element(bodyRows(panel.getByRole('table', { name: 'cache' }))).toHaveTextContent('django.contrib.sessions.cached_db');
});

test('file shows the file sessionid<key> with its data', async () => {
  const panel = await show([get('/visits/')], { SESSION_ENGINE: 'django.contrib.sessions.backends.file' });
  const row = bodyRows(panel.getByRole('table', { name: 'session files' }));
  await expect.element(row).toHaveTextContent(/^.*sessionid.*k1/);
  await panel.getByRole('button', { name: 'Show file contents decoded as JSON' }).click();
  await expect.element(row).toHaveTextContent('{"visits": 1}');
});

test('signed_cookies: no server state, and the decoder verifies the cookie the browser holds', async () => {
  const panel = await show([get('/visits/')], SIGNED);
  await expect.element(panel.getByRole('heading', { name: 'No server state' })).toBeVisible();
  await expect.element(panel.getByRole('table')).not.toBeInTheDocument();
  const decoder = panel.getByRole('article', { name: 'sessionid cookie in browser default' });
  // The value Django 5.2 set in golden transcript 12, split in its three parts.
  await expect.element(decoder.getByText('eyJ2aXNpdHMiOjF9', { exact: true })).toBeVisible();
  await expect.element(decoder.getByText('1vb66i', { exact: true })).toBeVisible();
  await expect.element(decoder.getByText('1X1SgEhYD_em1zo1n8TVrbtHcz8OZUOsu5W2u328gl8', { exact: true })).toBeVisible();
  await expect.element(decoder.getByText(/^not compressed/)).toBeVisible();
  await expect.element(decoder.getByText('2026-01-01T00:00:00Z')).toBeVisible();
  await expect.element(decoder.getByText(/^Verified: /)).toBeVisible();
  await expect.element(decoder.getByText('{"visits":1}', { exact: true })).toBeVisible();
});

test('a tampered signed value is decoded as far as it goes and the failure explained; Django then starts over', async () => {
  const tampered = 'eyJ2aXNpdHMiOjEwMDB9:1vb66i:SmTOpdLDB5ssH8vZqsoQGfKAtkn38r2oVqHnMAZ6eo0';
  const panel = await show([get('/visits/'), get('/visits/'), { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: tampered } }], SIGNED);
  await expect.element(panel.getByText(/sent no request, so the server did nothing/)).toBeVisible();
  const decoder = panel.getByRole('article', { name: 'sessionid cookie in browser default' });
  await expect.element(decoder.getByText(/^BadSignature: /)).toBeVisible();
  await expect.element(decoder.getByText(/^BadSignature: /)).toHaveTextContent('does not match');
  await expect.element(decoder.getByText('{"visits":1000}', { exact: true })).toBeVisible();
  await expect.element(decoder.getByText(/^Verified: /)).not.toBeInTheDocument();

  // Golden transcript 12: /peek/ finds the session empty and Django answers with a cookie signed over {}.
  await usePlayground.getState().addStep(get('/peek/'));
  await expect.element(panel.getByText(/The signature of the signed cookie does not verify with SECRET_KEY or any key in SECRET_KEY_FALLBACKS .*: the session data reads as empty\./)).toBeVisible();
  await expect.element(flag(panel, 'cookie')).toHaveTextContent('set');
  await expect.element(decoder.getByText('e30', { exact: true })).toBeVisible();
  await expect.element(decoder.getByText(/^Verified: /)).toBeVisible();
});

test('POST /remember-time/ on db: the TypeError while saving is a 500 and nothing is saved', async () => {
  const panel = await show([get('/visits/'), post('/remember-time/')]);
  const error = panel.getByText(/^Error while saving/);
  await expect.element(error).toHaveTextContent('Object of type datetime is not JSON serializable');
  await expect.element(error).toHaveTextContent('500');
  await expect.element(flag(panel, 'modified')).toHaveTextContent('yes');
  await expect.element(flag(panel, 'saved')).toHaveTextContent('no');
  await expect.element(flag(panel, 'cookie')).toHaveTextContent('untouched');
  await expect.element(panel.getByText('No change at this step.')).toBeVisible();
  await panel.getByRole('button', { name: 'Show session_data decoded as JSON' }).click();
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).toHaveTextContent('{"visits": 1}');
});

test('login cycles the key: the new row is added, the old one removed, and cycle_key is told', async () => {
  const panel = await show([get('/visits/'), post('/login/', { username: 'alice', password: 'wonderland' })]);
  const rows = bodyRows(panel.getByRole('table', { name: 'django_session' }));
  await expect.element(rows.filter({ has: page.getByLabelText('session k2') })).toHaveTextContent('added');
  await expect.element(rows.filter({ has: page.getByLabelText('session k1') })).toHaveTextContent('removed');
  await expect.element(panel.getByText(/^login\(alice\): .*cycle_key\(\)/)).toBeVisible();
  await expect.element(panel.getByText('This step: 1 added, 1 removed.')).toBeVisible();
});

test('expired rows are marked against the virtual clock, and clearsessions lists what it deleted', async () => {
  const panel = await show([get('/visits/'), { advance_seconds: 1209601 }, { clearsessions: true }]);
  await expect.element(panel.getByText('It deleted 1 expired session:')).toBeVisible();
  await expect.element(panel.getByText('It deleted 1 expired session:').getByLabelText('session k1')).toBeVisible();
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).toHaveTextContent('removed');

  usePlayground.getState().goTo(2);
  await expect.element(panel.getByText(/sent no request, so the server did nothing/)).toBeVisible();
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).toHaveTextContent('expired');
  usePlayground.getState().goTo(1);
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).not.toHaveTextContent('expired');
});

test('a correctly signed value older than SESSION_COOKIE_AGE is SignatureExpired at the virtual clock', async () => {
  // Golden transcript 12's first cookie, signed at 2026-01-01T00:00:00Z, written back by hand two weeks and a second later.
  const signed = 'eyJ2aXNpdHMiOjF9:1vb66i:1X1SgEhYD_em1zo1n8TVrbtHcz8OZUOsu5W2u328gl8';
  const panel = await show([{ advance_seconds: 1209601 }, { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: signed } }], SIGNED);
  const decoder = panel.getByRole('article', { name: 'sessionid cookie in browser default' });
  await expect.element(decoder.getByText(/^SignatureExpired: /)).toHaveTextContent('1209601');
  await expect.element(decoder.getByText('{"visits":1}', { exact: true })).toBeVisible();
});

test('an exception in the view is shown plainly: ValueError from int() answered with a 500', async () => {
  const panel = await show([get('/visits/'), get('/expiry/?seconds=abc')]);
  await expect.element(panel.getByText(/^The view raised/)).toHaveTextContent("ValueError: invalid literal for int() with base 10: 'abc'");
  await expect.element(panel.getByText(/^The view raised/)).toHaveTextContent('500');
  await expect.element(flag(panel, 'saved')).toHaveTextContent('no');
});

test('what the learner typed is shown as text, never as HTML', async () => {
  const item = '<img src=x onerror="window.injected=1"><b>bold</b>';
  const panel = await show([post('/cart/add/', { item })]);
  await panel.getByRole('button', { name: 'Show session_data decoded as JSON' }).click();
  await expect.element(bodyRows(panel.getByRole('table', { name: 'django_session' }))).toHaveTextContent('"cart": ["<img src=x onerror=\\"window.injected=1\\"><b>bold</b>"]');
  expect((panel.element() as HTMLElement).querySelector('img, b')).toBeNull();
});

test('the settings summary counts what this run changed', async () => {
  const panel = await show([get('/visits/')], { SESSION_COOKIE_SECURE: true, SESSION_SAVE_EVERY_REQUEST: true });
  await expect.element(panel.getByText('Settings · 2 changed for this run')).toBeVisible();
  await panel.getByText('Settings · 2 changed for this run').click();
  await expect.element(panel.getByLabelText('SESSION_COOKIE_SECURE')).toBeChecked();
  await expect.element(panel.getByLabelText('SESSION_COOKIE_HTTPONLY')).toBeChecked();
  await expect.element(panel.getByLabelText('SESSION_EXPIRE_AT_BROWSER_CLOSE')).not.toBeChecked();
});
