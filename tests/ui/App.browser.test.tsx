import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { App } from '../../src/ui/App';

test('the app shell shows its heading and the clock moves when a button is pressed', async () => {
  const screen = await render(<App />);
  await expect.element(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Django Session Playground');
  const clock = screen.getByRole('group', { name: 'Virtual clock' }).getByRole('time');
  await expect.element(clock).toHaveTextContent('Thu, 01 Jan 2026 00:00:00 UTC');
  await screen.getByRole('button', { name: '+1 hour' }).click();
  await expect.element(clock).toHaveTextContent('Thu, 01 Jan 2026 01:00:00 UTC');
});
