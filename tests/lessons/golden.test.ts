import { lessons } from 'virtual:lessons';
import { describe, expect, test } from 'vitest';
import { handlerTransport } from '../../src/msw/transport';
import { runScenario } from '../../src/sim/scenario/run';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { diffTranscripts } from '../support/compare-transcripts';
import { goldenName, UNRECORDABLE } from './golden-names';

// Every lesson run, recorded from real Django with tests/lessons/record-golden.ts.
const recorded = new Map(
  Object.entries(import.meta.glob('./golden/*.json', { eager: true, import: 'default' }))
    .map(([path, transcript]) => [path.slice('./golden/'.length, -'.json'.length), transcript as Transcript]),
);

const runs = lessons.flatMap((lesson) => lesson.runs.map((run) => ({ name: goldenName(lesson, run), run })));

describe('lesson runs replayed through MSW match real Django', () => {
  test('every run has a recording (or a reason why not), and every recording a run', () => {
    expect(runs.filter(({ name }) => !recorded.has(name) && !(name in UNRECORDABLE)).map((r) => r.name)).toEqual([]);
    expect([...recorded.keys()].filter((name) => !runs.some((r) => r.name === name))).toEqual([]);
  });

  for (const { name, run } of runs.filter((r) => recorded.has(r.name))) {
    test(name, async () => {
      const { transcript } = await runScenario(run.scenario, handlerTransport);
      expect(diffTranscripts(recorded.get(name) as Transcript, transcript)).toEqual([]);
    });
  }
});
