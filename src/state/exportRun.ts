import { exportCurlScript, exportDjangoTest, type ExportResult, type RunToExport } from '../sim/export';
import { StoreNotKept } from '../sim/world';
import { runRecords, usePlayground } from './playground';

export type ExportFormat = 'django' | 'curl';

/** The whole run on the timeline (every step, whichever is selected), as the exporters take it. */
export async function runToExport(state: Pick<ReturnType<typeof usePlayground.getState>, 'definition' | 'frames' | 'logs'>): Promise<RunToExport> {
  // The definition is the scenario plus its seed, which no export needs: keys are relabelled anyway.
  return { scenario: state.definition, records: await runRecords(state) };
}

/** The playground's run as a file, with a note when the file needs more than it says in its name. */
export async function exportCurrentRun(format: ExportFormat): Promise<ExportResult & { note?: string }> {
  const run = await runToExport(usePlayground.getState());
  try {
    return exportRun(run, format);
  } catch (error) {
    if (error instanceof StoreNotKept) return { ok: false, reason: `${error.message}, and an export checks every step's store` };
    throw error;
  }
}

function exportRun(run: RunToExport, format: ExportFormat): ExportResult & { note?: string } {
  if (format === 'curl') return exportCurlScript(run);
  const exported = exportDjangoTest(run);
  if (!exported.ok) return exported;
  const [major, minor] = exported.requires.version;
  return major > 4 || minor > 2 ? { ...exported, note: `needs Django ${major}.${minor}: ${exported.requires.reason}` } : exported;
}
