import { describe, expect, test } from 'vitest';
import { contractTest } from '../../support/pending-contract';
import { handlerTransport } from '../../../src/msw/transport';
import { parseScenario } from '../../../src/sim/scenario/schema';
import { runScenario } from '../../../src/sim/scenario/run';
import { directTransport } from '../../../src/sim/world';
import type { Transcript } from '../../../src/sim/scenario/transcript';
import { diffTranscripts } from '../../support/compare-transcripts';

// The judge: transcripts recorded from real Django (the contract's golden set,
// and the project's own scenarios recorded with the oracle).
const sets = [
  {
    name: 'contract',
    scenarios: import.meta.glob('../../contract/scenarios/*.json', { eager: true, import: 'default' }),
    golden: import.meta.glob('../../contract/golden/*.json', { eager: true, import: 'default' }),
  },
  {
    name: 'project',
    scenarios: import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' }),
    golden: import.meta.glob('../../golden/*.json', { eager: true, import: 'default' }),
  },
];

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

for (const set of sets) {
  const golden = new Map(Object.entries(set.golden).map(([path, data]) => [fileName(path), data as Transcript]));

  // MSW carries the live steps; the CLI and the playground's replays call the site directly: both must match.
  describe(`${set.name} scenarios replayed through MSW, and directly, match real Django`, () => {
    test('every scenario has a golden transcript', () => {
      expect(Object.keys(set.scenarios).length).toBeGreaterThan(0);
      for (const path of Object.keys(set.scenarios)) expect(golden.has(fileName(path)), fileName(path)).toBe(true);
    });

    for (const [path, raw] of Object.entries(set.scenarios)) {
      const name = fileName(path);
      (set.name === 'contract' ? contractTest : test)(name, async () => {
        const parsed = parseScenario(raw, name);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const expected = golden.get(name) as Transcript;
        expect(diffTranscripts(expected, (await runScenario(parsed.scenario, handlerTransport)).transcript)).toEqual([]);
        expect(diffTranscripts(expected, (await runScenario(parsed.scenario, directTransport)).transcript)).toEqual([]);
      });
    }
  });
}
