import { challenges } from 'virtual:challenges';
import { lessons } from 'virtual:lessons';
import { describe, expect, test } from 'vitest';
import { judgeAttempt } from '../../src/challenges/rules';
import type { Challenge } from '../../src/challenges/types';
import { evaluate } from '../../src/lessons/checks';
import { handlerTransport } from '../../src/msw/transport';
import { runScenario, type StepRecord } from '../../src/sim/scenario/run';
import type { Scenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { diffTranscripts } from '../support/compare-transcripts';
import { recordingName, solutionScenario } from './replay';

// Every reference solution, recorded from real Django with tests/challenges/record-golden.ts.
const recorded = new Map(
  Object.entries(import.meta.glob('./golden/*.json', { eager: true, import: 'default' }))
    .map(([path, transcript]) => [path.slice('./golden/'.length, -'.json'.length), transcript as Transcript]),
);

async function judged(challenge: Challenge, scenario: Scenario) {
  const { records, transcript } = await runScenario(scenario, handlerTransport);
  const verdict = judgeAttempt(challenge, scenario, (check, since) => evaluate(check, records, since));
  return { records, transcript, verdict };
}

const refused = (records: StepRecord[]) => records.flatMap((r, i) => (r.error ? [`step ${i + 1}: ${r.error}`] : []));

test('at least 12 challenges, numbered 1, 2, 3, … in order, each linked to a lesson that exists', () => {
  expect(challenges.length).toBeGreaterThanOrEqual(12);
  expect(challenges.map((c) => c.number)).toEqual(challenges.map((_, i) => i + 1));
  expect(challenges.filter((c) => !lessons.some((l) => l.slug === c.lesson)).map((c) => `${c.file}: ${c.lesson}`)).toEqual([]);
});

test('every recording belongs to a challenge', () => {
  expect([...recorded.keys()].filter((name) => !challenges.some((c) => recordingName(c) === name))).toEqual([]);
});

describe.each(challenges.map((c) => [c.file, c] as const))('%s', (_file, challenge) => {
  test('the start state runs, has exactly the profiles it names, and is not solved', async () => {
    const { records, verdict } = await judged(challenge, challenge.start);
    expect(refused(records)).toEqual([]);
    const last = records[records.length - 1];
    expect(Object.keys(last?.entry.jars ?? { default: [] }).sort()).toEqual([...challenge.profiles].sort());
    expect(verdict.solved).toBe(false);
    // Not solved by doing nothing: some check fails where the learner arrives.
    expect(verdict.checks.every((c) => c.verdict.pass)).toBe(false);
  });

  test('the reference solution solves it, in as many moves as it has', async () => {
    const { records, verdict } = await judged(challenge, solutionScenario(challenge));
    expect(refused(records)).toEqual([]);
    expect(verdict.broken).toEqual([]);
    expect(verdict.checks.filter((c) => !c.verdict.pass).map((c) => `${c.labelHtml}: ${c.verdict.actual}`)).toEqual([]);
    expect(verdict.solved).toBe(true);
    expect(verdict.moves).toBe(challenge.solution.steps.length + Object.keys(challenge.solution.settings).length);
  });

  test('the reference solution replayed through MSW matches real Django', async () => {
    const golden = recorded.get(recordingName(challenge));
    expect(golden, 'record it: npx tsx tests/challenges/record-golden.ts').toBeDefined();
    const { transcript } = await runScenario(solutionScenario(challenge), handlerTransport);
    expect(diffTranscripts(golden as Transcript, transcript)).toEqual([]);
  });
});
