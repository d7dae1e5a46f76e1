/**
 * Judging an attempt at a challenge: the learner's steps (after the start
 * state) and settings against what the challenge allows, and its checks on
 * the state after the last step. Pure: the challenge view and the tests share it.
 */
import type { Check, Verdict } from '../lessons/checkKinds.ts';
import type { Step } from '../sim/scenario/schema.ts';
import { kindOf, stepKindOf } from '../sim/scenario/steps.ts';
import type { Allowed, Challenge } from './types';

/** What the learner did: the settings of the run and every step, the start state's included. */
export interface Attempt {
  settings: Record<string, unknown>;
  /** The workers the run has (absent: one). */
  servers?: unknown;
  steps: readonly Step[];
}

/** Why `step` is not allowed, or null when it is. */
export function disallowed(allow: Allowed, step: Step): string | null {
  const kind = kindOf(step);
  if (allow.steps && !allow.steps.includes(kind)) return `${kind} is not one of the allowed steps (${allow.steps.join(', ')})`;
  const request = stepKindOf(step).requestOf(step);
  if (request && allow.profiles && !allow.profiles.includes(request.browser ?? 'default')) {
    return `a request from ${request.browser ?? 'default'}'s browser is not allowed (only from ${allow.profiles.join(', ')})`;
  }
  if (request && allow.requests) {
    const line = `${request.method.toUpperCase()} ${URL.canParse(request.url) ? new URL(request.url).pathname : request.url}`;
    if (!allow.requests.includes(line)) return `${line} is not one of the allowed requests (${allow.requests.join(', ')})`;
  }
  return null;
}

/** The settings the attempt changed from the start state's: their names. */
export function changedSettings(challenge: Challenge, settings: Record<string, unknown>): string[] {
  const start = challenge.start.settings;
  const names = [...new Set([...Object.keys(start), ...Object.keys(settings)])];
  return names.filter((name) => JSON.stringify(start[name]) !== JSON.stringify(settings[name])).sort();
}

/** Whether the attempt still begins with the start state's steps (going back into them starts another run). */
export function keepsStart(challenge: Challenge, steps: readonly Step[]): boolean {
  const start = challenge.start.steps;
  return steps.length >= start.length && start.every((step, i) => JSON.stringify(step) === JSON.stringify(steps[i]));
}

export interface AttemptVerdict {
  checks: { labelHtml: string; verdict: Verdict }[];
  /** Sentences: every learner step or setting change that breaks the rules. */
  broken: string[];
  startKept: boolean;
  /** The learner's moves: steps after the start state plus changed settings. */
  moves: number;
  solved: boolean;
}

/** The reference solution's moves, counted as an attempt's are. */
export function referenceMoves(challenge: Challenge): number {
  return challenge.solution.steps.length + Object.keys(challenge.solution.settings).length;
}

/**
 * Judges `attempt`: `evaluate` judges one check on the run so far (the
 * caller holds the records), `since` being the start state's length.
 */
export function judgeAttempt(
  challenge: Challenge,
  attempt: Attempt,
  evaluate: (check: Check, since: number) => Verdict,
): AttemptVerdict {
  const since = challenge.start.steps.length;
  const startKept = keepsStart(challenge, attempt.steps);
  const broken: string[] = [];
  attempt.steps.slice(since).forEach((step, i) => {
    const problem = disallowed(challenge.allow, step);
    if (problem) broken.push(`Step ${since + i + 1}: ${problem}.`);
  });
  const settings = changedSettings(challenge, attempt.settings);
  for (const name of settings.filter((n) => !challenge.allow.settings.includes(n))) {
    broken.push(`${name} was changed, and this challenge does not let you change it.`);
  }
  if (JSON.stringify(attempt.servers ?? null) !== JSON.stringify(challenge.start.servers ?? null)) {
    broken.push('The servers (workers, and what they share) were changed: this challenge runs on the servers of its start state.');
  }
  const checks = challenge.checks.map((c) => ({ labelHtml: c.labelHtml, verdict: evaluate(c.check, since) }));
  const moves = Math.max(0, attempt.steps.length - since) + settings.length;
  return {
    checks,
    broken,
    startKept,
    moves,
    solved: startKept && broken.length === 0 && moves > 0 && checks.every((c) => c.verdict.pass),
  };
}
