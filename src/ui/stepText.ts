import type { StepRecord } from '../sim/scenario/run';
import { stepKindOf } from '../sim/scenario/steps';

/** One line naming a step, e.g. "GET /visits/ → 200 (laptop)". */
export function describeStep(record: StepRecord): string {
  const step = record.entry.step;
  const label = stepKindOf(step).label(step);
  const status = record.entry.response ? ` → ${record.entry.response.status}` : '';
  // The status goes after the request line, before who sent it: "GET /visits/ → 200 (laptop)".
  const where = /^(.*?)( \(.*\))?$/.exec(label) as RegExpExecArray;
  return `${where[1]}${status}${where[2] ?? ''}${record.error ? ' ⚠' : ''}`;
}

/** The browser profile a step acts in, if it names one (a copy acts in its target). */
export function stepProfile(step: StepRecord['entry']['step']): string | null {
  return stepKindOf(step).actsIn(step);
}
