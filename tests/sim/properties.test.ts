/**
 * Property-based tests: random runs over every route, profile, clock jump,
 * restart, hand-set or copied cookie and clearsessions, with every engine and
 * a range of settings. The invariants are defined in tests/support/invariants.ts.
 * Runs are kept few here (NUM_RUNS overrides in Node); `npm run fuzz` runs thousands.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { handlerTransport } from '../../src/msw/transport';
import { ROUTES } from '../../src/sim/django/site';
import { runScenario, runStep, worldFor } from '../../src/sim/scenario/run';
import type { Step } from '../../src/sim/scenario/schema';
import { directTransport, type Transport } from '../../src/sim/world';
import { numRuns, planArb, refusedStepArb, SITE_ROUTES, type Plan } from '../support/arbitraries';
import { diffTranscripts } from '../support/compare-transcripts';
import { play } from '../support/invariants';

/** Generous: a loaded machine runs these several times slower (and NUM_RUNS may be large). */
const TIMEOUT = 120_000;

/** The played steps, to paste into a scenario file when a property fails. */
const asScenario = (played: { scenario: unknown }) => JSON.stringify(played.scenario);

describe('the arbitraries', () => {
  test('request every route of the demo site, with its method', () => {
    const ours = SITE_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(ours).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});

describe('invariants over random runs', () => {
  test('hold after every step (in-process transport)', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), async (plan) => {
        const played = await play(plan, directTransport);
        expect(played.violations, asScenario(played)).toEqual([]);
      }),
      { numRuns: numRuns(120) },
    );
  }, TIMEOUT);

  test('hold through the MSW handlers, which give the same transcript as the in-process transport', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(15), async (plan) => {
        const direct = await play(plan, directTransport);
        const viaMsw = await play(plan, handlerTransport);
        expect(viaMsw.violations, asScenario(viaMsw)).toEqual([]);
        expect(viaMsw.transcript).toEqual(direct.transcript);
      }),
      { numRuns: numRuns(8) },
    );
  }, TIMEOUT);

  test('are checked: a store that forgets its sessions, or a transport that fails, is caught', async () => {
    const plan: Plan = { settings: {}, seed: 1, actions: [{ request: { method: 'GET', url: 'https://shop.example/visits/' } }] };
    const forgetful: Transport = async (request, site) => {
      const reply = await directTransport(request, site);
      for (const key of site.storage.sessions.keys()) site.storage.sessions.delete(key);
      return reply;
    };
    const failing: Transport = () => Promise.reject(new Error('network down'));
    expect((await play(plan, forgetful)).violations).toEqual([
      expect.stringMatching(/^step 0 \(request\): set-means-stored: /),
    ]);
    expect((await play(plan, failing)).violations).toEqual(['step 0 (request): valid-steps-run: refused: network down']);
  });
});

describe('runs are reproducible', () => {
  test('the same seed gives the same transcript, and the played steps replay it', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), async (plan) => {
        const first = await play(plan, directTransport);
        const again = await play(plan, directTransport);
        expect(again.transcript).toEqual(first.transcript);
        const replay = await runScenario(first.scenario, directTransport, plan.seed);
        expect(replay.transcript).toEqual(first.transcript);
      }),
      { numRuns: numRuns(25) },
    );
  }, TIMEOUT);

  test('another seed draws other session keys and nothing else changes', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), async (plan) => {
        const first = await play(plan, directTransport);
        const other = await play({ ...plan, seed: plan.seed + 1 }, directTransport);
        expect(diffTranscripts(first.transcript, other.transcript), asScenario(first)).toEqual([]);
      }),
      { numRuns: numRuns(25) },
    );
  }, TIMEOUT);
});

describe('bad input', () => {
  test('runStep never rejects: a refused step records why and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        planArb(12),
        fc.array(fc.tuple(fc.nat(12), refusedStepArb), { minLength: 1, maxLength: 4 }),
        async (plan, refused) => {
          const played = await play(plan, directTransport);
          const steps: { step: Step; refused: boolean }[] = played.scenario.steps.map((step) => ({ step, refused: false }));
          for (const [at, step] of refused) steps.splice(Math.min(at, steps.length), 0, { step, refused: true });

          const world = worldFor(played.scenario, plan.seed);
          const kept = [];
          for (const { step, refused: bad } of steps) {
            const before = { now: world.now, store: world.storeSnapshot(), jars: world.browser.snapshot(world.now) };
            const record = await runStep(world, step, directTransport);
            if (!bad) {
              kept.push(record.entry);
              continue;
            }
            expect(record.error, JSON.stringify(step)).toEqual(expect.stringMatching(/\S/));
            expect(record.entry.error).toBe(record.error);
            expect(world.now).toBe(before.now);
            expect(record.entry.store).toEqual(before.store);
            // The contract: a profile exists from the first step that names it, so a
            // refused step may add an (empty) profile; existing jars stay as they were.
            expect(record.entry.jars).toEqual({ ...Object.fromEntries(Object.keys(record.entry.jars).map((p) => [p, []])), ...before.jars });
          }
          // Nothing hidden moved either (random source, creation times): the rest of the run
          // is the same, but for the empty profiles refused steps added.
          const withoutAdded = kept.map((entry, i) => ({
            ...entry,
            jars: Object.fromEntries(
              Object.entries(entry.jars).filter(([p, cookies]) => p in played.transcript.steps[i].jars || cookies.length > 0),
            ),
          }));
          expect(withoutAdded).toEqual(played.transcript.steps);
        },
      ),
      { numRuns: numRuns(25) },
    );
  }, TIMEOUT);
});
