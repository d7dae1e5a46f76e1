// `NUM_RUNS=10000 npm run fuzz`: the property tests' random runs, thousands of
// times. Every run checks the invariants of tests/support/invariants.ts after
// every step, then that the played steps replay to the same transcript and that
// another seed changes nothing but the session keys. On a failure it prints the
// shrunk run as a scenario file (for the oracle) and exits 1.
//
//   NUM_RUNS   runs (default 1000)      SEED       fast-check seed (default: random)
//   MAX_STEPS  steps per run (30)       TRANSPORT  "direct" (default) or "msw"
//   OUT        also write the failing scenario to this file
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { handlerTransport } from '../src/msw/transport';
import { runScenario } from '../src/sim/scenario/run';
import { directTransport } from '../src/sim/world';
import { numRuns, planArb, type Plan } from '../tests/support/arbitraries';
import { diffTranscripts } from '../tests/support/compare-transcripts';
import { play, type Played } from '../tests/support/invariants';

const env = process.env;
const runs = numRuns(1000);
const maxSteps = Number(env.MAX_STEPS ?? 30);
const seed = env.SEED === undefined ? Date.now() ^ (Math.random() * 0x100000000) : Number(env.SEED);
const transport = env.TRANSPORT === 'msw' ? handlerTransport : directTransport;

async function problems(plan: Plan): Promise<{ played: Played; problems: string[] }> {
  const played = await play(plan, transport, 'fuzz run');
  const found = [...played.violations];
  const replay = await runScenario(played.scenario, transport, plan.seed);
  if (JSON.stringify(replay.transcript) !== JSON.stringify(played.transcript)) found.push('the played steps replay differently');
  const other = await play({ ...plan, seed: plan.seed + 1 }, transport, 'fuzz run');
  found.push(...diffTranscripts(played.transcript, other.transcript).map((d) => `another seed: ${d}`));
  return { played, problems: found };
}

let done = 0;
const started = performance.now();
const result = await fc.check(
  fc.asyncProperty(planArb(maxSteps), async (plan) => {
    const { problems: found } = await problems(plan);
    if (++done % 1000 === 0) process.stderr.write(`${done} runs, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return found.length === 0;
  }),
  { numRuns: runs, seed },
);

if (!result.failed) {
  console.log(`${result.numRuns} runs, no problem (seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(0);
}
if (!result.counterexample) {
  console.error(`fast-check failed without a counterexample: ${String(result.errorInstance)}`);
  process.exit(1);
}
const [plan] = result.counterexample;
const { played, problems: found } = await problems(plan);
const scenario = JSON.stringify(played.scenario, null, 2);
console.error(`Failed after ${result.numRuns} runs (${result.numShrinks} shrinks). Reproduce: SEED=${seed} NUM_RUNS=${runs} MAX_STEPS=${maxSteps} npm run fuzz`);
console.error(found.join('\n'));
console.log(scenario);
if (env.OUT) writeFileSync(env.OUT, scenario + '\n');
process.exit(1);
