import { beforeAll, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { handlerTransport } from '../../src/msw/transport';
import { provideTransport } from '../../src/state/playground';
import { App } from '../../src/ui/App';
import { useRoute } from '../../src/state/route';

beforeAll(() => {
  provideTransport(handlerTransport);
  useRoute.setState({ route: { kind: 'playground' } });
});

test('the app shell shows its heading, and advancing the clock is a step of the timeline', async () => {
  const screen = await render(<App />);
  await expect.element(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Django Session Playground');
  for (const name of ['Browser', 'Network', 'Server']) await expect.element(screen.getByRole('region', { name })).toBeVisible();
  const clock = screen.getByRole('group', { name: 'Virtual clock' }).getByRole('time');
  await expect.element(clock).toHaveTextContent('Thu, 01 Jan 2026 00:00:00 UTC');
  await screen.getByRole('button', { name: '+1 hour' }).click();
  await expect.element(clock).toHaveTextContent('Thu, 01 Jan 2026 01:00:00 UTC');
  await expect.element(screen.getByText('step 1 of 1')).toBeVisible();
  await screen.getByRole('button', { name: '◀ Back' }).click();
  await expect.element(clock).toHaveTextContent('Thu, 01 Jan 2026 00:00:00 UTC');
});
