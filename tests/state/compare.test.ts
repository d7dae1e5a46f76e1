import { describe, expect, test } from 'vitest';
import { compareRuns } from '../../src/state/compare';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario, type Scenario } from '../../src/sim/scenario/schema';
import { directTransport } from '../../src/sim/world';
import twoWorkers from '../contract/scenarios/27-per-worker-cache-login-unknown-on-other-worker-cache.json';

const shop = (path: string) => `https://shop.example${path}`;
const steps = [
  { request: { method: 'GET', url: shop('/visits/') } },
  { request: { method: 'POST', url: shop('/login/'), form: { username: 'alice', password: 'wonderland' } } },
  { request: { method: 'GET', url: shop('/me/'), initiator: 'https://evil.example' } },
  { advance_seconds: 60 },
];

function scenario(settings: Record<string, unknown>): Scenario {
  const parsed = parseScenario({ name: 'ab', start: '2026-01-01T00:00:00Z', settings, steps });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

async function compare(a: Record<string, unknown>, b: Record<string, unknown>, seeds = [1, 1]) {
  const runA = await runScenario(scenario(a), directTransport, seeds[0]);
  const runB = await runScenario(scenario(b), directTransport, seeds[1]);
  return { comparison: compareRuns(scenario(a).steps, runA.transcript, runB.transcript), runA, runB };
}

describe('A/B comparison of two runs', () => {
  test('the same settings with other random keys: no step differs', async () => {
    const { comparison, runA, runB } = await compare({}, {}, [1, 7]);
    // The worlds really issued other keys…
    expect(runA.transcript.steps[0].response!.set_cookie[0]).not.toBe(runB.transcript.steps[0].response!.set_cookie[0]);
    // …and that is no difference.
    expect(comparison.map((c) => c.differences)).toEqual([0, 0, 0, 0]);
    expect(comparison[0].rows.map((r) => r.label)).toEqual(['Cookie sent', 'Status', 'Set-Cookie', 'Vary', 'Body', 'Jar of default', 'Store: db']);
  });

  test('db against signed_cookies: the cookie and the store differ, the status and the body do not', async () => {
    const { comparison } = await compare({}, { SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' });
    const first = Object.fromEntries(comparison[0].rows.map((r) => [r.label, r]));
    expect(first['Status'].differs).toBe(false);
    expect(first['Body']).toMatchObject({ a: { visits: 1 }, b: { visits: 1 }, differs: false });
    expect(first['Set-Cookie'].differs).toBe(true);
    expect((first['Set-Cookie'].a as string[])[0]).toMatch(/^sessionid=<k1>; /);
    expect((first['Set-Cookie'].b as string[])[0]).toMatch(/^sessionid=[A-Za-z0-9_.:-]+; /);
    // The db place exists in world A only.
    expect(first['Store: db']).toMatchObject({ differs: true, b: null });
    expect(first['Store: db'].a).toEqual([{ session_key: '<k1>', expire_date: '2026-01-15T00:00:00Z', data: { visits: 1 } }]);
  });

  test('SameSite=Strict against Lax: a cross-site navigation carries the cookie in one world only', async () => {
    const { comparison } = await compare({ SESSION_COOKIE_SAMESITE: 'Lax' }, { SESSION_COOKIE_SAMESITE: 'Strict' });
    const cross = Object.fromEntries(comparison[2].rows.map((r) => [r.label, r]));
    expect(cross['Cookie sent']).toMatchObject({ a: 'sessionid=<k2>', b: null, differs: true });
    expect(cross['Body']).toMatchObject({ a: { user: 'alice' }, b: { user: null }, differs: true });
    expect(comparison[3].rows.find((r) => r.label === 'Jar of default')!.differs).toBe(true); // Lax vs Strict attribute
  });

  test('two workers with a cache each: other random keys in every place are still no difference', async () => {
    const parsed = parseScenario(twoWorkers);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const runA = await runScenario(parsed.scenario, directTransport, 1);
    const runB = await runScenario(parsed.scenario, directTransport, 9);
    const comparison = compareRuns(parsed.scenario.steps, runA.transcript, runB.transcript);
    const places = new Set(comparison.flatMap((c) => c.rows.filter((r) => r.aspect === 'store').map((r) => r.label)));
    expect(places).toEqual(new Set(['Store: cache@a', 'Store: cache@b']));
    expect(comparison.every((c) => c.differences === 0)).toBe(true);
  });
});
