import { create } from 'zustand';
import { resolveSettings, formatSettingErrors } from '../sim/django/settings';
import { describeScenarioError, parseScenario, type Scenario, type Step } from '../sim/scenario/schema';
import { runStep, worldFor, type StepRecord } from '../sim/scenario/run';
import type { ServersSpec } from '../sim/django/servers';
import type { Transport, World } from '../sim/world';

/**
 * The run is its definition (start, settings, seed, steps): every frame is
 * derived by replaying it, as a deterministic simulator allows. frames[0] is
 * the world before any step; frames[i] the world after step i-1. Going back
 * only moves the cursor, so every panel is restored exactly.
 */
export interface RunDefinition extends Scenario {
  seed: number;
}

export interface Frame {
  world: World;
  /** The step that led here; null for the first frame. */
  record: StepRecord | null;
}

export const EMPTY_RUN: RunDefinition = {
  name: 'My playground run',
  start: '2026-01-01T00:00:00Z',
  settings: {},
  steps: [],
  seed: 1,
};

interface PlaygroundState {
  definition: RunDefinition;
  frames: Frame[];
  /** Index into frames of what is shown. */
  cursor: number;
  /** A step is being computed. */
  busy: boolean;
  /** What went wrong with the last intent, in words. */
  error: string | null;
  /** A transport was provided: steps can run. */
  connected: boolean;
  /** The saved or shared run is being restored: input would be lost (it replaces the run). */
  restoring: boolean;

  load(definition: RunDefinition): Promise<boolean>;
  addStep(step: Step): Promise<void>;
  /** New settings for the whole run, as if they had always been in force: replays it. */
  setSettings(settings: Record<string, unknown>): Promise<boolean>;
  /** Other workers for the whole run (undefined: one server), as if it had always run on them: replays it. */
  setServers(servers: ServersSpec | undefined): Promise<boolean>;
  goTo(index: number): void;
  /** Forget every frame after `index` (back from a detour). */
  truncate(index: number): void;
  next(): void;
  back(): void;
  dismissError(): void;
}

let transport: Transport | null = null;
let transportReady: (t: Transport) => void;
const transportPromise = new Promise<Transport>((resolve) => (transportReady = resolve));

/** The app provides how requests reach the simulated site (MSW's worker, or its handlers in the page). */
export function provideTransport(t: Transport): void {
  transport = t;
  transportReady(t);
  usePlayground.setState({ connected: true });
}

/** The workbench takes input: a transport is there and no run is being restored. */
export const selectReady = (s: Pick<PlaygroundState, 'connected' | 'restoring'>) => s.connected && !s.restoring;

/** The transport, once the app has provided it. */
export function whenTransport(): Promise<Transport> {
  return transport ? Promise.resolve(transport) : transportPromise;
}

/** Replays `definition` from scratch; throws SettingsError for bad settings. */
async function replay(definition: RunDefinition): Promise<Frame[]> {
  const t = await whenTransport();
  let world = worldFor(definition, definition.seed);
  const frames: Frame[] = [{ world, record: null }];
  for (const step of definition.steps) {
    world = world.clone();
    frames.push({ world, record: await runStep(world, step, t) });
  }
  return frames;
}

/** The scenario a run plays: its definition without the seed. */
function scenarioOf(definition: RunDefinition): Scenario {
  const scenario: Partial<RunDefinition> = { ...definition };
  delete scenario.seed;
  return scenario as Scenario;
}

// One intent at a time: a second click while a step runs waits its turn.
let queue: Promise<unknown> = Promise.resolve();
function serialize<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

export const usePlayground = create<PlaygroundState>()((set, get) => ({
  definition: EMPTY_RUN,
  frames: [{ world: worldFor(EMPTY_RUN), record: null }],
  cursor: 0,
  busy: false,
  error: null,
  connected: false,
  restoring: false,

  load: (definition) =>
    serialize(async () => {
      const parsed = parseScenario(scenarioOf(definition));
      if (!parsed.ok) {
        set({ error: `This run cannot be loaded: ${parsed.errors.map(describeScenarioError).join('; ')}` });
        return false;
      }
      set({ busy: true });
      try {
        const frames = await replay(definition);
        set({ definition, frames, cursor: frames.length - 1, error: null });
        return true;
      } catch (error) {
        set({ error: `This run cannot be loaded: ${(error as Error).message}` });
        return false;
      } finally {
        set({ busy: false });
      }
    }),

  addStep: (step) =>
    serialize(async () => {
      const t = await whenTransport();
      const { definition, frames, cursor } = get();
      // A step taken from the past starts a new future: later steps are dropped.
      const kept = frames.slice(0, cursor + 1);
      const world = kept[kept.length - 1].world.clone();
      set({ busy: true });
      try {
        const record = await runStep(world, step, t);
        set({
          definition: { ...definition, steps: [...definition.steps.slice(0, cursor), step] },
          frames: [...kept, { world, record }],
          cursor: kept.length,
          error: record.error,
        });
      } finally {
        set({ busy: false });
      }
    }),

  setSettings: (settings) =>
    serialize(async () => {
      const resolved = resolveSettings(settings);
      if (!resolved.ok) {
        set({ error: formatSettingErrors(resolved.errors) });
        return false;
      }
      const definition = { ...get().definition, settings };
      const cursor = get().cursor;
      set({ busy: true });
      try {
        // Django reads settings once, at startup: new settings mean replaying the whole run.
        const frames = await replay(definition);
        set({ definition, frames, cursor: Math.min(cursor, frames.length - 1), error: null });
        return true;
      } finally {
        set({ busy: false });
      }
    }),

  setServers: (servers) =>
    serialize(async () => {
      const candidate: RunDefinition = { ...get().definition, servers };
      if (!servers) delete candidate.servers;
      const parsed = parseScenario(scenarioOf(candidate));
      if (!parsed.ok) {
        set({ error: `These servers do not fit the run: ${parsed.errors.map(describeScenarioError).join('; ')}` });
        return false;
      }
      const cursor = get().cursor;
      set({ busy: true });
      try {
        const frames = await replay(candidate);
        set({ definition: candidate, frames, cursor: Math.min(cursor, frames.length - 1), error: null });
        return true;
      } finally {
        set({ busy: false });
      }
    }),

  goTo: (index) => set((s) => ({ cursor: Math.max(0, Math.min(index, s.frames.length - 1)) })),
  truncate: (index) =>
    set((s) => {
      const keep = Math.max(0, Math.min(index, s.frames.length - 1));
      return {
        frames: s.frames.slice(0, keep + 1),
        definition: { ...s.definition, steps: s.definition.steps.slice(0, keep) },
        cursor: Math.min(s.cursor, keep),
      };
    }),
  next: () => get().goTo(get().cursor + 1),
  back: () => get().goTo(get().cursor - 1),
  dismissError: () => set({ error: null }),
}));

/** The frame shown and the one before it (for change marks). */
export function selectFrames(state: Pick<PlaygroundState, 'frames' | 'cursor'>): { current: Frame; previous: Frame | null } {
  return { current: state.frames[state.cursor], previous: state.cursor > 0 ? state.frames[state.cursor - 1] : null };
}
