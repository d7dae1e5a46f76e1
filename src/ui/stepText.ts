import type { StepRecord } from '../sim/scenario/run';
import type { Step } from '../sim/scenario/schema';
import { stepKindOf } from '../sim/scenario/steps';
import type { StepLog } from '../state/playground';

/** One line naming a step, e.g. "GET /visits/ → 200 (laptop)". */
export function describeStep(log: Pick<StepLog, 'step' | 'status' | 'error'>): string {
  const step = log.step;
  const label = stepKindOf(step).label(step);
  const status = log.status !== null ? ` → ${log.status}` : '';
  // The status goes after the request line, before who sent it: "GET /visits/ → 200 (laptop)".
  const where = /^(.*?)( \(.*\))?$/.exec(label) as RegExpExecArray;
  return `${where[1]}${status}${where[2] ?? ''}${log.error ? ' ⚠' : ''}`;
}

/** The same line from a step's record (a run replayed away from the timeline, as the comparison's are). */
export function describeRecord(record: StepRecord): string {
  return describeStep({ step: record.entry.step, status: record.entry.response?.status ?? null, error: record.error });
}

/** The browser profile a step acts in, if it names one (a copy acts in its target). */
export function stepProfile(step: Step): string | null {
  return stepKindOf(step).actsIn(step);
}
