import { expect, test } from 'vitest';
import type { Step } from '../../src/sim/scenario/schema';
import { sessionIdentities } from '../../src/state/identity';
import { directTransport } from '../../src/sim/world';
import { provideTransport, usePlayground, type StepLog } from '../../src/state/playground';

provideTransport(directTransport);

const shop = (path: string) => `https://shop.example${path}`;

async function logsOf(settings: Record<string, unknown>, steps: Step[]): Promise<StepLog[]> {
  expect(await usePlayground.getState().load({ name: 't', start: '2026-01-01T00:00:00Z', settings, steps, seed: 1 })).toBe(true);
  return usePlayground.getState().logs;
}

test('session keys get k1, k2 … in order of first appearance, login cycling to a new chip', async () => {
  const logs = await logsOf({}, [
    { request: { method: 'GET', url: shop('/visits/') } },
    { request: { method: 'POST', url: shop('/login/'), form: { username: 'alice', password: 'wonderland' } } },
  ]);
  const identities = sessionIdentities(logs, 'sessionid');
  const second = usePlayground.getState().current.record!.entry.store.db![0].session_key;
  const first = usePlayground.getState().previous!.record!.entry.store.db![0].session_key;
  expect(first).not.toBe(second);
  expect(identities.get(first)).toEqual({ label: 'k1', hue: 0 });
  expect(identities.get(second)).toEqual({ label: 'k2', hue: 1 });
  expect(identities.size).toBe(2);
  expect(sessionIdentities(logs, 'sessionid')).toBe(identities);
});

test('a run that grew by a step keeps its labels and labels the new key next', async () => {
  const logs = await logsOf({}, [{ request: { method: 'GET', url: shop('/visits/'), browser: 'a' } }]);
  const before = sessionIdentities(logs, 'sessionid');
  await usePlayground.getState().addStep({ request: { method: 'GET', url: shop('/visits/'), browser: 'b' } });
  const after = sessionIdentities(usePlayground.getState().logs, 'sessionid');
  expect([...after.values()].map((i) => i.label)).toEqual(['k1', 'k2']);
  expect([...after.keys()][0]).toBe([...before.keys()][0]);
});

test('signed_cookies values are identities too, labelled s1, s2 …; other cookies are not; a session cookie set by hand is', async () => {
  const logs = await logsOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' }, [
    { set_cookie_by_hand: { browser: 'default', name: 'theme', value: 'abcdefghijklmnopqrstuvwxyz012345' } },
    { request: { method: 'GET', url: shop('/visits/') } },
    { request: { method: 'GET', url: shop('/visits/') } },
    { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: 'zyxwvutsrqponmlkjihgfedcba543210' } },
  ]);
  const identities = sessionIdentities(logs, 'sessionid');
  expect([...identities.values()].map((i) => i.label)).toEqual(['s1', 's2', 'k1']);
  expect(identities.has('abcdefghijklmnopqrstuvwxyz012345')).toBe(false);
});
