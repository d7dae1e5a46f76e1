/**
 * Evaluates a lesson's checks against a run's records. Pure: the player and
 * the tests share it. `records` are the run's records up to and including the
 * step being checked; a check that looks back at Step K reads `records[K - 1]`.
 * Each kind's own rule is in checkKinds.ts.
 */
import { SITE_DEFAULTS } from '../sim/django/settings';
import { SIGNED_COOKIES_SALT } from '../sim/django/sessions/signedCookies';
import { inspectSigned } from '../sim/django/signing';
import type { StepRecord } from '../sim/scenario/run';
import { jsonValue } from '../sim/world';
import { judge, type Check, type Verdict } from './checkKinds';
import type { RunCheck } from './types';

export { changedPanels, type Verdict } from './checkKinds';

/** Evaluates `check` in the state after the last of `records`; `since` records came before the learner's own steps. */
export function evaluate(check: Check, records: readonly StepRecord[], since = 0): Verdict {
  const now = records[records.length - 1];
  if (!now) return { pass: false, actual: 'no step has run yet' };
  return judge(check, { records, now, since, readSigned });
}

/** The payload decodes without the key: signing protects it from changes, not from being read. */
function readSigned(value: string): { data: unknown; compressed: boolean } | null {
  const inspected = inspectSigned(value, { key: SITE_DEFAULTS.SECRET_KEY, salt: SIGNED_COOKIES_SALT, now: 0 });
  return inspected.data === undefined ? null : { data: jsonValue(inspected.data), compressed: inspected.compressed };
}

/**
 * A check at Step `step` of a lesson whose runs produced `runs` (records by
 * run id): in its own run, or in every run when it names none.
 */
export function evaluateRunCheck(check: RunCheck, runs: Readonly<Record<string, readonly StepRecord[]>>, step: number): Verdict {
  const ids = check.run === null ? Object.keys(runs) : [check.run];
  const verdicts = ids.map((id) => ({ id, ...evaluate(check.check, (runs[id] ?? []).slice(0, step)) }));
  if (verdicts.length === 1) return { pass: verdicts[0].pass, actual: verdicts[0].actual };
  return { pass: verdicts.every((v) => v.pass), actual: verdicts.map((v) => `${v.id}: ${v.actual}`).join('; ') };
}
