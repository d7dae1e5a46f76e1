import { create } from 'zustand';
import { engineName, formatSettingErrors, resolveSettings, type Settings } from '../sim/django/settings';
import { runScenario, type StepRecord } from '../sim/scenario/run';
import type { Step } from '../sim/scenario/schema';
import { compareRuns, type StepComparison } from './compare';
import { whenTransport, type RunDefinition } from './playground';

export type Side = 'a' | 'b';

export interface CompareWorld {
  /** The settings overrides of this world (as a scenario's `settings`). */
  overrides: Record<string, unknown>;
  settings: Settings;
  records: StepRecord[];
}

interface CompareState {
  /** The run both worlds replay: the playground's, with its own settings in world A. */
  run: RunDefinition | null;
  a: CompareWorld | null;
  b: CompareWorld | null;
  comparison: StepComparison[];
  /** The step shown in detail (index into the steps). */
  selected: number;
  busy: boolean;
  error: string | null;

  /** Compare `run`'s steps: world A under its settings, world B under `b` (default: another engine). */
  open(run: RunDefinition, b?: Record<string, unknown>): Promise<void>;
  setWorld(side: Side, overrides: Record<string, unknown>): Promise<boolean>;
  select(index: number): void;
}

const SIGNED = 'django.contrib.sessions.backends.signed_cookies';

/** A first world B that differs from A in a telling way: a store on the server against none. */
export function contrastingSettings(a: Record<string, unknown>): Record<string, unknown> {
  const resolved = resolveSettings(a);
  const signed = resolved.ok && engineName(resolved.settings) === 'signed_cookies';
  // The db engine is the demo site's own: saying nothing means it.
  const rest = Object.fromEntries(Object.entries(a).filter(([name]) => name !== 'SESSION_ENGINE'));
  return signed ? rest : { ...rest, SESSION_ENGINE: SIGNED };
}

async function world(run: RunDefinition, overrides: Record<string, unknown>): Promise<CompareWorld> {
  const resolved = resolveSettings(overrides);
  if (!resolved.ok) throw new Error(formatSettingErrors(resolved.errors));
  const transport = await whenTransport();
  // The same seed in both worlds: what differs is the settings alone.
  const { records } = await runScenario({ ...run, settings: overrides }, transport, run.seed);
  return { overrides, settings: resolved.settings, records };
}

function compared(steps: Step[], a: CompareWorld, b: CompareWorld): StepComparison[] {
  const transcript = (w: CompareWorld) => ({ name: '', steps: w.records.map((r) => r.entry) });
  return compareRuns(steps, transcript(a), transcript(b));
}

export const useCompare = create<CompareState>()((set, get) => ({
  run: null,
  a: null,
  b: null,
  comparison: [],
  selected: 0,
  busy: false,
  error: null,

  open: async (run, bOverrides) => {
    set({ busy: true });
    try {
      const a = await world(run, run.settings);
      const b = await world(run, bOverrides ?? get().b?.overrides ?? contrastingSettings(run.settings));
      const comparison = compared(run.steps, a, b);
      // Start where the worlds first part.
      const first = comparison.findIndex((c) => c.differences > 0);
      set({ run, a, b, comparison, selected: Math.max(0, first), error: null });
    } catch (error) {
      set({ error: `The comparison cannot run: ${(error as Error).message}` });
    } finally {
      set({ busy: false });
    }
  },

  setWorld: async (side, overrides) => {
    const { run, a, b } = get();
    if (!run || !a || !b) return false;
    const resolved = resolveSettings(overrides);
    if (!resolved.ok) {
      set({ error: formatSettingErrors(resolved.errors) });
      return false;
    }
    set({ busy: true });
    try {
      const changed = await world(run, overrides);
      const next = side === 'a' ? { a: changed, b } : { a, b: changed };
      set({ ...next, comparison: compared(run.steps, next.a, next.b), error: null });
      return true;
    } finally {
      set({ busy: false });
    }
  },

  select: (index) => set((s) => ({ selected: Math.max(0, Math.min(index, s.comparison.length - 1)) })),
}));
