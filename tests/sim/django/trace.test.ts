/**
 * Trace sentences say only what happened: checked on real runs of the
 * engine, where the facts behind each sentence are known from Django's code
 * (signed_cookies keeps nothing on the server; login() always cycles the key
 * of an anonymous session, even one without a key yet).
 */
import { describe, expect, test } from 'vitest';
import { describeAuthEvent, describeSessionCall, describeStoreEvent, type TraceEvent } from '../../../src/sim/django/trace';
import { parseIsoUtc } from '../../../src/sim/clock';
import type { Step } from '../../../src/sim/scenario/schema';
import { directTransport, World } from '../../../src/sim/world';

const SHOP = 'https://shop.example';
const login: Step = { request: { method: 'POST', url: SHOP + '/login/', form: { username: 'alice', password: 'wonderland' } } };
const logout: Step = { request: { method: 'POST', url: SHOP + '/logout/' } };
const visit: Step = { request: { method: 'GET', url: SHOP + '/visits/' } };

async function sentences(settings: Record<string, unknown>, steps: Step[]): Promise<string[]> {
  const world = new World({ start: parseIsoUtc('2026-01-01T00:00:00Z'), settings });
  let events: TraceEvent[] = [];
  for (const step of steps) events = (await world.step(step, directTransport)).exchange?.trace.events ?? [];
  return events.map((e) => (e.kind === 'store' ? describeStoreEvent(e) : e.kind === 'auth' ? describeAuthEvent(e) : describeSessionCall(e)));
}

describe('sentences about sessions', () => {
  test('a logout on signed_cookies claims no deletion from a store: there is none', async () => {
    const said = await sentences({ SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' }, [login, logout]);
    expect(said.join(' ')).not.toMatch(/deleted it from the store|stored session deleted/);
    expect(said).toContainEqual(expect.stringMatching(/^logout\(alice\): .*signed_cookies keeps nothing on the server/));
  });

  test('a logout on db says the row was deleted', async () => {
    const said = await sentences({}, [login, logout]);
    expect(said).toContainEqual(expect.stringMatching(/^logout\(alice\): flush\(\) emptied the session and deleted it from the store\.$/));
    expect(said).toContain('Deleted the session from django_session.');
  });

  test('a first login without a cookie says there was no old key, not that one was deleted', async () => {
    const said = await sentences({}, [login]);
    const loginLine = said.find((s) => s.startsWith('login(alice)'))!;
    expect(loginLine).toContain('no key yet');
    expect(loginLine).not.toContain('deleted the old one');
    expect(said).toContain('session.cycle_key(): the data gets a new key (there was no old one to delete).');
  });

  test('a login over an anonymous session with a key says the old key was deleted', async () => {
    const said = await sentences({}, [visit, login]);
    expect(said.find((s) => s.startsWith('login(alice)'))).toContain('deleted the old one');
    expect(said).toContain('Deleted the session from django_session.');
  });

  test('a cull of one entry is singular', () => {
    expect(describeStoreEvent({ kind: 'store', op: 'culled', place: 'cache', keys: ['k'] })).toContain('culled the least recently used entry.');
    expect(describeStoreEvent({ kind: 'store', op: 'culled', place: 'cache', keys: ['k', 'j'] })).toContain('culled 2 least recently used entries.');
  });

  test('a worker of its own names itself in the sentence about its cache', async () => {
    const world = new World({ start: parseIsoUtc('2026-01-01T00:00:00Z'), settings: { SESSION_ENGINE: 'django.contrib.sessions.backends.cache' }, servers: { workers: ['a', 'b'] } });
    await world.step(visit, directTransport);
    const effects = await world.step(visit, directTransport);
    expect(effects.exchange?.worker).toBe('b');
    const notFound = effects.exchange!.trace.events.find((e) => e.kind === 'store' && e.op === 'not_found')!;
    expect(describeStoreEvent(notFound as never)).toMatch(/^Worker b has no such key in its cache/);
  });
});
