import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { SITE_DEFAULTS } from '../../../src/sim/django/settings';
import { dumps } from '../../../src/sim/django/signing';
import { World } from '../../../src/sim/world';
import { EMPTY_RUN, usePlayground } from '../../../src/state/playground';
import { ServerPanel } from '../../../src/ui/server/ServerPanel';
import { py } from '../../support/py';

const ROWS = 100_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const keyOf = (i: number) => `row${String(i).padStart(29, '0')}`;

/** A run whose selected frame's django_session table holds 100,000 rows. */
function bigStore(): void {
  const world = new World({ start: START });
  const data = dumps(py({ visits: 1 }), { key: SITE_DEFAULTS.SECRET_KEY, salt: 'django.contrib.sessions.SessionStore', compress: true, timestamp: START / 1000 });
  for (let i = 0; i < ROWS; i++) {
    const key = keyOf(i);
    world.storage.sessions.set(key, { session_key: key, session_data: data, expire_date: START + 1_209_600_000 });
  }
  usePlayground.setState({ definition: EMPTY_RUN, previous: { world: new World({ start: START }), record: null, log: null }, current: { world, record: null, log: null }, cursor: 1 });
}

test('100,000 django_session rows: the DOM holds only a window of them, and scrolling brings later rows in', async () => {
  bigStore();
  const screen = await render(<ServerPanel />);
  const table = screen.getByRole('table', { name: 'django_session' });
  await expect.element(table).toHaveAttribute('aria-rowcount', String(ROWS + 1));
  await expect.element(screen.getByText('This step: 100000 added.')).toBeVisible();
  await expect.element(table.getByText(keyOf(0))).toBeVisible();
  const rendered = () => table.getByRole('rowgroup').nth(1).getByRole('row').elements().length;
  expect(rendered()).toBeGreaterThan(5);
  expect(rendered()).toBeLessThan(60);

  const element = table.element() as HTMLElement;
  element.scrollTop = element.scrollHeight / 2;
  await expect.element(table.getByText(keyOf(ROWS / 2), { exact: true })).toBeInTheDocument();
  await expect.element(table.getByText(keyOf(0))).not.toBeInTheDocument();
  element.scrollTop = element.scrollHeight;
  await expect.element(table.getByText(keyOf(ROWS - 1))).toBeVisible();
  expect(rendered()).toBeLessThan(60);
  // Nothing is drawn past the last row (the virtualizer counts in blocks of rows).
  const drawn = table.getByRole('rowgroup').nth(1).getByRole('row').elements();
  expect(drawn.map((row) => Number(row.getAttribute('aria-rowindex'))).sort((a, b) => b - a)[0]).toBe(ROWS + 1);

  await screen.getByRole('button', { name: 'Show session_data decoded as JSON' }).click();
  await expect.element(table.getByRole('row').filter({ hasText: keyOf(ROWS - 1) })).toHaveTextContent('{"visits": 1}');
});
