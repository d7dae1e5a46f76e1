import type { StepRecord } from '../scenario/run';
import type { Scenario } from '../scenario/schema';

/** A run as the playground holds it: the scenario and one record per step (its transcript entry and what happened). */
export interface RunToExport {
  scenario: Scenario;
  records: readonly StepRecord[];
}

export type ExportResult =
  | { ok: true; fileName: string; mediaType: string; text: string }
  | { ok: false; reason: string };

/** A file name stem from a run's name: lowercase letters, digits and dashes. */
export function exportFileStem(name: string): string {
  const stem = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return stem === '' ? 'playground-run' : stem;
}
