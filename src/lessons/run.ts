import { runScenario, type StepRecord } from '../sim/scenario/run';
import type { Transport } from '../sim/world';
import type { Lesson } from './types';

/** Every run of a lesson, start to end: its records by run id (`records[number - 1]` is Step number). */
export async function runLesson(lesson: Lesson, transport: Transport): Promise<Record<string, StepRecord[]>> {
  const runs: Record<string, StepRecord[]> = {};
  for (const run of lesson.runs) runs[run.id] = (await runScenario(run.scenario, transport)).records;
  return runs;
}
