import type { Challenge } from '../../src/challenges/types';
import type { Scenario } from '../../src/sim/scenario/schema';

/** The reference solution as one scenario: the start state, the solution's settings over the start's, then its steps. */
export function solutionScenario(challenge: Challenge): Scenario {
  return {
    ...challenge.start,
    name: `${challenge.title} (reference solution)`,
    settings: { ...challenge.start.settings, ...challenge.solution.settings },
    steps: [...challenge.start.steps, ...challenge.solution.steps.map((s) => s.step)],
  };
}

/** `03-set-cookie-read-only-page`: the challenge file's name, the recording's too. */
export function recordingName(challenge: Challenge): string {
  return challenge.file.slice(challenge.file.lastIndexOf('/') + 1, -'.yaml'.length);
}
