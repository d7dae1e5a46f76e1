import { beforeAll, describe, expect, test, vi } from 'vitest';
import { JarsAtMoment } from '../../src/sim/browser';
import { DemoSite } from '../../src/sim/django/site';
import { parseScenario, type Step } from '../../src/sim/scenario/schema';
import { runScenario } from '../../src/sim/scenario/run';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { directTransport } from '../../src/sim/world';
import { EMPTY_RUN, provideTransport, runRecords, usePlayground, type RunDefinition } from '../../src/state/playground';
import { sequenceLanes } from '../../src/state/sequence';

provideTransport(directTransport);

const shop = (path: string) => `https://shop.example${path}`;

/** Every kind of step, over several profiles: sessions created, cycled, flushed, expired, copied and cleared. */
function mixedSteps(count: number): Step[] {
  const kinds = (i: number): Step => {
    const browser = `b${i % 7}`;
    switch (i % 11) {
      case 0: return { request: { method: 'POST', url: shop('/login/'), browser, form: { username: 'alice', password: 'wonderland' } } };
      case 1: return { request: { method: 'POST', url: shop('/cart/add/'), browser, form: { item: `item-${i}` } } };
      case 2: return { advance_seconds: 3600 * (i % 5) };
      case 3: return { request: { method: 'POST', url: shop('/logout/'), browser } };
      case 4: return { copy_cookie: { from: `b${(i + 1) % 7}`, to: browser, name: 'sessionid' } };
      case 5: return { close_browser: browser };
      case 6: return i % 3 === 0 ? { clearsessions: true } : { advance_seconds: 700_000 };
      case 7: return { set_cookie_by_hand: { browser, name: 'sessionid', value: 'madeupkey0000000000000000000000' } };
      case 8: return { request: { method: 'GET', url: shop('/peek/'), browser } };
      default: return { request: { method: 'GET', url: shop('/visits/'), browser } };
    }
  };
  return Array.from({ length: count }, (_, i) => kinds(i));
}

// The page starts on the empty run without checking it (src/state/startup.ts): it must be valid as written.
test('the empty run the page starts on is a valid scenario', () => {
  const { seed, ...scenario } = EMPTY_RUN;
  expect(Number.isInteger(seed)).toBe(true);
  expect(parseScenario(scenario)).toEqual({ ok: true, scenario: { ...scenario, steps: [] } });
});

const run = (steps: Step[], settings: Record<string, unknown> = {}): RunDefinition => ({ name: 't', start: '2026-01-01T00:00:00Z', settings, steps, seed: 1 });

async function freshTranscript(definition: RunDefinition): Promise<Transcript> {
  return (await runScenario(definition, directTransport, definition.seed)).transcript;
}

/** The shown frames are what a fresh replay of the whole run records at those steps. */
function expectShownToMatch(transcript: Transcript): void {
  const { cursor, current, previous } = usePlayground.getState();
  expect(current.record?.entry ?? null).toEqual(cursor === 0 ? null : transcript.steps[cursor - 1]);
  if (cursor > 1) expect(previous?.record?.entry).toEqual(transcript.steps[cursor - 2]);
  if (cursor === 1) expect(previous?.record).toBeNull();
}

describe('frames kept as checkpoints and re-run on demand', () => {
  const steps = mixedSteps(400);
  let transcript: Transcript;
  beforeAll(async () => {
    transcript = await freshTranscript(run(steps));
  });

  test('after loading, the last frame and the one before it are a fresh replay\'s', async () => {
    expect(await usePlayground.getState().load(run(steps))).toBe(true);
    expect(usePlayground.getState().cursor).toBe(400);
    expect(usePlayground.getState().logs).toHaveLength(400);
    expectShownToMatch(transcript);
  });

  test('every frame selected, forwards, backwards and by jumps, is a fresh replay\'s', async () => {
    const store = usePlayground.getState;
    for (const index of [0, 1, 2, 3, 64, 65, 63, 200, 399, 398, 130, 129, 300, 301, 302]) {
      await store().goTo(index);
      expect(store().cursor).toBe(index);
      expectShownToMatch(transcript);
    }
    await store().goTo(10);
    for (let index = 10; index < 140; index++) {
      await store().next();
      expect(store().cursor).toBe(index + 1);
    }
    expectShownToMatch(transcript);
  });

  test('a step taken in the past replaces the later ones; what follows matches a fresh replay of the new run', async () => {
    const store = usePlayground.getState;
    await store().goTo(150);
    const step: Step = { request: { method: 'GET', url: shop('/visits/'), browser: 'b3' } };
    await store().addStep(step);
    await store().addStep(step);
    expect(store().definition.steps).toHaveLength(152);
    const changed = await freshTranscript(run([...steps.slice(0, 150), step, step]));
    expectShownToMatch(changed);
    for (const index of [0, 70, 149, 151]) {
      await store().goTo(index);
      expectShownToMatch(changed);
    }
  });

  test('new settings replay the run and keep the selected step', async () => {
    const store = usePlayground.getState;
    await store().load(run(steps));
    await store().goTo(222);
    expect(await store().setSettings({ SESSION_ENGINE: 'django.contrib.sessions.backends.cached_db' })).toBe(true);
    expect(store().cursor).toBe(222);
    const cached = await freshTranscript(run(steps, { SESSION_ENGINE: 'django.contrib.sessions.backends.cached_db' }));
    expectShownToMatch(cached);
    await store().goTo(31);
    expectShownToMatch(cached);
  });

  test('truncating forgets the later frames: the run ends there', async () => {
    const store = usePlayground.getState;
    await store().load(run(steps));
    await store().truncate(90);
    expect(store().cursor).toBe(90);
    expect(store().logs).toHaveLength(90);
    expect(store().definition.steps).toEqual(steps.slice(0, 90));
    expectShownToMatch(transcript);
  });

  test("every step's record, for what reads the whole run, is a fresh replay's: after loading, a new step, a step taken in the past and a cut", async () => {
    const store = usePlayground.getState;
    const entries = async () => (await runRecords(store())).map((record) => record.entry);
    await store().load(run(steps));
    await store().goTo(120);
    expect(await entries()).toEqual(transcript.steps);
    const step: Step = { request: { method: 'GET', url: shop('/visits/'), browser: 'b2' } };
    await store().goTo(400);
    await store().addStep(step);
    const longer = await freshTranscript(run([...steps, step]));
    expect(await entries()).toEqual(longer.steps);
    await store().goTo(77);
    await store().addStep(step);
    const changed = await freshTranscript(run([...steps.slice(0, 77), step]));
    expect(await entries()).toEqual(changed.steps);
    await store().truncate(40);
    expect(await entries()).toEqual(changed.steps.slice(0, 40));
  });

  test('a replay keeps the records as it goes: reading them afterwards sends no request again', async () => {
    await usePlayground.getState().load(run(steps));
    const handle = vi.spyOn(DemoSite.prototype, 'handle');
    try {
      const records = await runRecords(usePlayground.getState());
      expect(records.map((record) => record.entry)).toEqual(transcript.steps);
      expect(records.map((record) => record.profiles)).toEqual(transcript.steps.map((entry) => Object.keys(entry.jars)));
      expect(handle).not.toHaveBeenCalled();
    } finally {
      handle.mockRestore();
    }
  });

  test("a replay lays out no step's jars until its entry is read, and then as they were at that step", async () => {
    const freshLanes = sequenceLanes((await runScenario(run(steps), directTransport, 1)).records);
    const laidOut = vi.spyOn(JarsAtMoment.prototype, 'transcript');
    try {
      await usePlayground.getState().load(run(steps));
      const records = await runRecords(usePlayground.getState());
      // The sequence diagram's lanes are every step's: they too are drawn without the entries.
      const lanes = sequenceLanes(records);
      expect(laidOut).not.toHaveBeenCalled();
      expect(lanes).toEqual(freshLanes);
      expect(lanes.length).toBeGreaterThan(8);
      expect(records.map((record) => record.entry.jars)).toEqual(transcript.steps.map((entry) => entry.jars));
      expect(laidOut).toHaveBeenCalledTimes(steps.length);
    } finally {
      laidOut.mockRestore();
    }
  });
});

test('a replay that takes no time shows no progress, however many steps it has', async () => {
  // The clock stands still: the replay of 600 steps takes no time at all.
  vi.useFakeTimers({ toFake: ['performance'] });
  const seen: unknown[] = [];
  const unsubscribe = usePlayground.subscribe((state) => state.replaying && seen.push(state.replaying));
  try {
    expect(await usePlayground.getState().load(run(mixedSteps(600)))).toBe(true);
  } finally {
    unsubscribe();
    vi.useRealTimers();
  }
  expect(seen).toEqual([]);
  expect(usePlayground.getState().logs).toHaveLength(600);
});

test('a long replay shows its progress and can be stopped; the steps not replayed stay in the run', async () => {
  const steps = mixedSteps(30_000);
  const seen: { done: number; total: number }[] = [];
  const unsubscribe = usePlayground.subscribe((state) => {
    if (!state.replaying) return;
    seen.push(state.replaying);
    if (state.replaying.done > 0) state.stopReplay();
  });
  expect(await usePlayground.getState().load(run(steps))).toBe(true);
  unsubscribe();
  const state = usePlayground.getState();
  expect(seen[0].total).toBe(30_000);
  expect(seen[0].done).toBeGreaterThan(0);
  const stoppedAt = state.logs.length;
  expect(stoppedAt).toBeGreaterThan(0);
  expect(stoppedAt).toBeLessThan(30_000);
  expect(state.replaying).toBeNull();
  expect(state.definition.steps).toHaveLength(30_000);
  expect(state.cursor).toBe(stoppedAt);
  expect(state.error).toContain(`stopped after step ${stoppedAt} of 30000`);
  const replayedPart = await freshTranscript(run(steps.slice(0, stoppedAt)));
  expectShownToMatch(replayedPart);
  expect((await runRecords(state)).map((record) => record.entry)).toEqual(replayedPart.steps);
});

describe('runs with workers, deploys, restarts and key rotation (the contract\'s scenarios)', () => {
  const scenarios = import.meta.glob('../contract/scenarios/{27,28,29,30,31,32,34,35}-*.json', { eager: true, import: 'default' });

  test.each(Object.entries(scenarios))('%s: every frame, selected in any order, is a fresh replay\'s', async (_, raw) => {
    const definition = { ...(raw as Omit<RunDefinition, 'seed'>), seed: 1 };
    const transcript = await freshTranscript(definition);
    const store = usePlayground.getState;
    expect(await store().load(definition)).toBe(true);
    const last = definition.steps.length;
    for (const index of [last, 0, Math.floor(last / 2), last - 1, 1, last, 2]) {
      await store().goTo(index);
      expectShownToMatch(transcript);
    }
  });
});
