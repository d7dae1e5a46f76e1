import { beforeAll, beforeEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { handlerTransport } from '../../../src/msw/transport';
import { provideTransport } from '../../../src/state/playground';
import { PROGRESS_KEY, useProgress } from '../../../src/state/progress';
import { useRoute } from '../../../src/state/route';
import { App } from '../../../src/ui/App';

beforeAll(() => provideTransport(handlerTransport));
beforeEach(() => {
  localStorage.removeItem(PROGRESS_KEY);
  useProgress.setState({ lessons: {} });
});

/** Presses Tab until `matches` holds for the focused element: the keyboard alone, as a learner would. */
async function tabTo(matches: (element: Element) => boolean, limit = 300): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (document.activeElement && matches(document.activeElement)) return;
    await userEvent.tab();
  }
  throw new Error('the element was never reached with Tab');
}

const byText = (text: string) => (element: Element) => element.textContent?.trim() === text;
const radioLabelled = (text: string) => (element: Element) =>
  element instanceof HTMLInputElement && element.type === 'radio' && (element.closest('label')?.textContent ?? '').includes(text);

test('lesson 2 played with the keyboard alone: run steps, answer a prediction, see it judged by the simulation', async () => {
  useRoute.setState({ route: { kind: 'lesson', slug: 'key-not-data', step: 0 } });
  const screen = await render(<App />);
  const narration = screen.getByRole('complementary', { name: 'The cookie holds a key, not your data' });
  await expect.element(screen.getByText('6 steps')).toBeVisible();

  await tabTo(byText('Run Step 1'));
  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByText('Step 1 of 6')).toBeVisible();
  const checks = narration.getByRole('list', { name: 'Checks' });
  await expect.element(checks.getByText('the jar holds sessionid')).toBeVisible();
  await expect.element(checks.getByText('Passed:', { exact: false }).first()).toBeInTheDocument();
  expect(checks.element().querySelectorAll('.check-fail')).toHaveLength(0);

  // Step 2 has a prediction: the step cannot run until it is answered.
  const stepBar = screen.getByRole('navigation', { name: 'Lesson steps' });
  await expect.element(stepBar.getByRole('button', { name: 'Answer, then run Step 2' })).toBeDisabled();
  await tabTo(radioLabelled('It stays the same'));
  await userEvent.keyboard(' ');
  await tabTo(byText('Answer'));
  await userEvent.keyboard('{Enter}');
  await expect.element(narration.getByText('Answer saved. Run Step 2 to see what really happens.')).toBeVisible();

  await userEvent.keyboard('n');
  await expect.element(screen.getByText('Step 2 of 6')).toBeVisible();
  await expect.element(narration.getByText('Right.')).toBeVisible();
  await expect.element(narration.getByText(/The key is 32 characters whether the cart holds one item or a hundred/)).toBeVisible();
  // The same key in the jar as after Step 1: the panels agree with the lesson.
  await expect.element(screen.getByRole('region', { name: 'Browser' }).getByText('k1')).toBeVisible();
  expect(useRoute.getState().route).toEqual({ kind: 'lesson', slug: 'key-not-data', step: 2 });
  expect(JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}').lessons['key-not-data']).toMatchObject({ step: 2, answers: { '2-0': [0] } });
});

test('a deep link opens a lesson at its step; an unknown lesson says so', async () => {
  useRoute.setState({ route: { kind: 'lesson', slug: 'key-not-data', step: 4 } });
  const screen = await render(<App />);
  const narration = screen.getByRole('complementary', { name: 'The cookie holds a key, not your data' });
  await expect.element(screen.getByText('Step 4 of 6')).toBeVisible();
  await expect.element(narration.getByRole('heading', { name: /Step 4:/ })).toBeVisible();
  await expect.element(screen.getByRole('region', { name: 'Network' }).getByText('/login/').first()).toBeVisible();

  useRoute.setState({ route: { kind: 'lesson', slug: 'no-such-lesson', step: 0 } });
  await expect.element(screen.getByRole('alert').getByText('There is no lesson called “no-such-lesson”.')).toBeVisible();

  // A link to a step past the lesson's end (however many digits) opens its last step, not the lessons index.
  useRoute.getState().sync('#/lessons/key-not-data/99999');
  await expect.element(screen.getByText(/^Step 6 of 6/)).toBeVisible();
});

test('a detour into your own requests, then back to the lesson where it was', async () => {
  useRoute.setState({ route: { kind: 'lesson', slug: 'key-not-data', step: 1 } });
  const screen = await render(<App />);
  await expect.element(screen.getByText('Step 1 of 6')).toBeVisible();
  await screen.getByRole('button', { name: '+1 day' }).click();
  await expect.element(screen.getByText('You are exploring on your own (1 extra step).')).toBeVisible();
  await screen.getByRole('button', { name: 'Back to the lesson', exact: true }).click();
  await expect.element(screen.getByText(/You are exploring on your own/)).not.toBeInTheDocument();
  await expect.element(screen.getByText('step 1 of 1')).toBeVisible();
});
