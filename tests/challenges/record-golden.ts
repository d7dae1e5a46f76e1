// Records every challenge's reference solution with the oracle (real Django, ../shared/oracle)
// into tests/challenges/golden/, so that golden.test.ts holds the solutions to what Django does:
//
//   npx tsx tests/challenges/record-golden.ts [challenge number prefix, e.g. 03]
//
// Needs the oracle's Python packages (see ../shared/oracle/README.md). The tests do not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileChallenges } from '../../src/challenges/compile';
import { recordingName, solutionScenario } from './replay';

const root = new URL('../../', import.meta.url).pathname;
const oracleDir = join(root, '../shared/oracle');

const only = process.argv[2] ?? '';
const files = readdirSync(join(root, 'challenges'))
  .filter((name) => /^\d{2}-.*\.yaml$/.test(name) && name.startsWith(only))
  .map((name) => ({ file: `challenges/${name}`, text: readFileSync(join(root, 'challenges', name), 'utf8') }));
const compiled = compileChallenges(files);
if (!compiled.ok) throw new Error(compiled.errors.join('\n'));

const work = mkdtempSync(join(tmpdir(), 'challenge-scenarios-'));
for (const challenge of compiled.value) {
  const name = recordingName(challenge);
  const scenario = join(work, `${name}.json`);
  writeFileSync(scenario, JSON.stringify(solutionScenario(challenge), null, 2));
  const transcript = execFileSync('/usr/bin/python3', [join(oracleDir, 'run.py'), scenario], { cwd: oracleDir, encoding: 'utf8' });
  writeFileSync(join(root, 'tests/challenges/golden', `${name}.json`), transcript);
  console.log(`${name}: recorded`);
}
