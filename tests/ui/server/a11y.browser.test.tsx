import axe from 'axe-core';
import { beforeAll, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { handlerTransport } from '../../../src/msw/transport';
import type { Step } from '../../../src/sim/scenario/schema';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../../src/state/playground';
import { ServerPanel } from '../../../src/ui/server/ServerPanel';

beforeAll(() => provideTransport(handlerTransport));

const visits: Step = { request: { method: 'GET', url: 'https://shop.example/visits/' } };

test.each([
  ['cached_db', { SESSION_ENGINE: 'django.contrib.sessions.backends.cached_db' }],
  ['signed_cookies', { SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' }],
])('the panel on %s, settings open, has no axe violations', async (_, settings) => {
  expect(await usePlayground.getState().load({ ...EMPTY_RUN, settings, steps: [visits] })).toBe(true);
  const screen = await render(<ServerPanel />);
  const panel = screen.getByRole('region', { name: 'Server' });
  await panel.getByText(/^Settings( · .*)?$/).click();
  await panel.getByLabelText('SESSION_COOKIE_AGE').fill('-1');
  const results = await axe.run(panel.element(), { resultTypes: ['violations'] });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
