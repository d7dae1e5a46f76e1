import { expect, test } from 'vitest';
import { runScenario } from '../../src/sim/scenario/run';
import { directTransport } from '../../src/sim/world';
import { sessionIdentities } from '../../src/state/identity';
import type { Frame } from '../../src/state/playground';

const shop = (path: string) => `https://shop.example${path}`;

async function framesOf(settings: Record<string, unknown>, steps: Parameters<typeof runScenario>[0]['steps']): Promise<Frame[]> {
  const { records } = await runScenario({ name: 't', start: '2026-01-01T00:00:00Z', settings, steps }, directTransport);
  return [{ world: null as never, record: null }, ...records.map((record) => ({ world: null as never, record }))];
}

test('session keys get k1, k2 … in order of first appearance, login cycling to a new chip', async () => {
  const frames = await framesOf({}, [
    { request: { method: 'GET', url: shop('/visits/') } },
    { request: { method: 'POST', url: shop('/login/'), form: { username: 'alice', password: 'wonderland' } } },
  ]);
  const identities = sessionIdentities(frames, 'sessionid');
  const first = frames[1].record!.entry.store.db![0].session_key;
  const second = frames[2].record!.entry.store.db![0].session_key;
  expect(first).not.toBe(second);
  expect(identities.get(first)).toEqual({ label: 'k1', hue: 0 });
  expect(identities.get(second)).toEqual({ label: 'k2', hue: 1 });
  expect(identities.size).toBe(2);
  expect(sessionIdentities(frames, 'sessionid')).toBe(identities);
});

test('signed_cookies values are identities too, labelled s1, s2 …; other cookies are not', async () => {
  const frames = await framesOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' }, [
    { set_cookie_by_hand: { browser: 'default', name: 'theme', value: 'abcdefghijklmnopqrstuvwxyz012345' } },
    { request: { method: 'GET', url: shop('/visits/') } },
    { request: { method: 'GET', url: shop('/visits/') } },
  ]);
  const identities = sessionIdentities(frames, 'sessionid');
  expect([...identities.values()].map((i) => i.label)).toEqual(['s1', 's2']);
  expect(identities.has('abcdefghijklmnopqrstuvwxyz012345')).toBe(false);
});
