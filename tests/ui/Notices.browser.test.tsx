import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { handlerTransport } from '../../src/msw/transport';
import { persistRun, restoreRun } from '../../src/state/bootstrap';
import { useNotices } from '../../src/state/notices';
import { encodeSaved, shareHash, STORAGE_KEY } from '../../src/state/persist';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../src/state/playground';
import { PROGRESS_KEY, useProgress } from '../../src/state/progress';
import { useRoute } from '../../src/state/route';
import { App } from '../../src/ui/App';

beforeAll(() => provideTransport(handlerTransport));
beforeEach(async () => {
  localStorage.clear();
  useNotices.setState({ notices: [] });
  useRoute.setState({ route: { kind: 'playground' } });
  await usePlayground.getState().load(EMPTY_RUN);
});
afterEach(() => localStorage.clear());

test("a share link opened over the learner's own run: the notice says where their run was kept, and Dismiss closes it", async () => {
  const own = { run: { ...EMPTY_RUN, name: 'mine', steps: [{ advance_seconds: 60 }] }, cursor: 1 };
  localStorage.setItem(STORAGE_KEY, encodeSaved(own));
  await restoreRun(localStorage, shareHash({ run: { ...EMPTY_RUN, steps: [{ clearsessions: true }] }, cursor: 1 }), Date.UTC(2026, 11, 1));
  const screen = await render(<App />);
  const notice = screen.getByRole('status').filter({ hasText: 'You opened a shared run' });
  await expect.element(notice).toHaveTextContent('Your own run was kept in localStorage as "django-session-playground:set-aside:2026-12-01T00:00:00.000Z".');
  expect(localStorage.getItem('django-session-playground:set-aside:2026-12-01T00:00:00.000Z')).toBe(encodeSaved(own));
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect.element(notice).not.toBeInTheDocument();
});

test('when the browser has no room left to save the run, a step still runs and the page says the run was not saved', async () => {
  const stop = persistRun(localStorage, () => true);
  try {
    const screen = await render(<App />);
    // Fill the site's storage to the last character.
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler-${n++}`, 'x'.repeat(size));
        } catch {
          break;
        }
      }
    }
    await screen.getByRole('button', { name: '+1 hour' }).click();
    await expect.element(screen.getByText('step 1 of 1')).toBeVisible();
    await expect.element(screen.getByRole('status').filter({ hasText: 'Your run could not be saved' })).toHaveTextContent(
      "Your run could not be saved: the browser's storage for this site is full (QuotaExceededError). It keeps working on this page, but a reload will show the run as it was last saved.",
    );
  } finally {
    stop();
  }
});

test('stored progress with one bad lesson: the index shows the good one, and a notice names the bad one', async () => {
  localStorage.setItem(PROGRESS_KEY, JSON.stringify({
    version: 1,
    lessons: { 'visit-counter': { step: 99, answers: {}, done: true }, 'key-not-data': { step: -1, answers: {}, done: false } },
  }));
  await useProgress.persist.rehydrate();
  useRoute.setState({ route: { kind: 'index' } });
  const screen = await render(<App />);
  await expect.element(screen.getByRole('status').filter({ hasText: 'Part of your lesson progress' })).toHaveTextContent(/lesson "key-not-data" \(step: .+\)\. The rest is kept\./);
  expect(useProgress.getState().of('visit-counter')).toEqual({ step: 7, answers: {}, done: true });
  useProgress.setState({ lessons: {} });
});

test('the same notice can open the learner\'s own run instead of the shared one', async () => {
  const own = { run: { ...EMPTY_RUN, name: 'mine', steps: [{ advance_seconds: 60 }, { advance_seconds: 3600 }] }, cursor: 2 };
  localStorage.setItem(STORAGE_KEY, encodeSaved(own));
  await restoreRun(localStorage, shareHash({ run: { ...EMPTY_RUN, steps: [{ clearsessions: true }] }, cursor: 1 }), Date.UTC(2026, 11, 1));
  const screen = await render(<App />);
  await expect.element(screen.getByText('step 1 of 1')).toBeVisible();
  await screen.getByRole('button', { name: 'Open my own run instead' }).click();
  await expect.element(screen.getByText('step 2 of 2')).toBeVisible();
  await expect.element(screen.getByRole('group', { name: 'Virtual clock' }).getByRole('time')).toHaveTextContent('Thu, 01 Jan 2026 01:01:00 UTC');
  await expect.element(screen.getByRole('status').filter({ hasText: 'You opened a shared run' })).not.toBeInTheDocument();
  expect(location.hash).toBe('#/playground');
});
