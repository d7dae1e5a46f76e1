import { create } from 'zustand';
import { resolveSettings, formatSettingErrors } from '../sim/django/settings';
import { describeScenarioError, parseScenario, type Scenario, type Step } from '../sim/scenario/schema';
import { worldFor, type StepRecord } from '../sim/scenario/run';
import type { ServersSpec } from '../sim/django/servers';
import { directTransport, type Transport } from '../sim/world';
import { applyStep, frameOf, logOf, RunFrames, type Frame, type StepLog } from './frames';

export type { Frame, StepLog } from './frames';

/**
 * The run is its definition (start, settings, seed, steps): every frame is
 * derived by replaying it, as a deterministic simulator allows. Frame 0 is
 * the world before any step; frame i the world after step i. Only the
 * selected frame and the one before it are held whole (with checkpoints
 * along the run, see RunFrames); every step keeps a short log. Going back
 * restores every panel exactly.
 */
export interface RunDefinition extends Scenario {
  seed: number;
}

export const EMPTY_RUN: RunDefinition = {
  name: 'My playground run',
  start: '2026-01-01T00:00:00Z',
  settings: {},
  steps: [],
  seed: 1,
};

/** A replay gives the page a chance to paint (and to take a click on Stop) this often. */
const SLICE_MS = 50;
/**
 * A replay that has run this long shows its progress and can be stopped. One
 * done sooner (a share link of 1,000 steps) would only flash a progress bar,
 * and drawing it costs that replay a render for each slice.
 */
const SHOW_PROGRESS_AFTER_MS = 250;

interface PlaygroundState {
  definition: RunDefinition;
  /** One per step replayed: a stopped replay has fewer than the definition. */
  logs: StepLog[];
  /** Index of the frame shown (0 … logs.length). */
  cursor: number;
  /** The frame shown and the one before it (for change marks). */
  current: Frame;
  previous: Frame | null;
  /** The worlds of the run's other frames, on demand. */
  frames: RunFrames;
  /** A step is being computed. */
  busy: boolean;
  /** A long replay under way: how far it is. */
  replaying: { done: number; total: number } | null;
  /** What went wrong with the last intent, in words. */
  error: string | null;
  /** A transport was provided: steps can run. */
  connected: boolean;
  /** The saved or shared run is being restored: input would be lost (it replaces the run). */
  restoring: boolean;

  /** Replays `definition`; `validated`: it was checked already (a saved run or a share link was just decoded). */
  load(definition: RunDefinition, options?: { validated?: boolean }): Promise<boolean>;
  addStep(step: Step): Promise<void>;
  /** New settings for the whole run, as if they had always been in force: replays it. */
  setSettings(settings: Record<string, unknown>): Promise<boolean>;
  /** Other workers for the whole run (undefined: one server), as if it had always run on them: replays it. */
  setServers(servers: ServersSpec | undefined): Promise<boolean>;
  goTo(index: number): Promise<void>;
  /** Forget every frame after `index` (back from a detour). */
  truncate(index: number): Promise<void>;
  next(): Promise<void>;
  back(): Promise<void>;
  /** Stops a long replay where it is: the steps not replayed stay in the run's definition. */
  stopReplay(): void;
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

/** Every step's record of the run shown (transcript entries computed), for what reads the whole run. */
export async function runRecords(state: Pick<PlaygroundState, 'frames' | 'logs'>): Promise<StepRecord[]> {
  return (await state.frames.recorded(state.logs.length)).slice(1).map((frame) => frame.record!);
}

/** The transport, once the app has provided it. */
export function whenTransport(): Promise<Transport> {
  return transport ? Promise.resolve(transport) : transportPromise;
}

let stopRequested = false;

/**
 * A new task, through a message rather than setTimeout(0): the browser clamps
 * nested timeouts to 4 ms, which a replay yielding 50 times (a 10,000-step
 * run) would spend doing nothing.
 */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

interface Replayed {
  frames: RunFrames;
  logs: StepLog[];
  current: Frame;
  previous: Frame | null;
}

/**
 * Replays `definition` from scratch, straight to the site (the history
 * needs no MSW: its handlers answer the same). Throws SettingsError for bad
 * settings. A long replay yields to the page now and then, reports its
 * progress and stops early when asked.
 */
async function replay(definition: RunDefinition, progress: (done: number) => void): Promise<Replayed> {
  const steps = definition.steps;
  const first = worldFor(definition, definition.seed);
  const frames = new RunFrames(steps, first);
  const logs: StepLog[] = [];
  if (steps.length === 0) return { frames, logs, current: frames.peek(0)!, previous: null };
  const world = first.clone();
  let previous: Frame | null = null;
  let last = { effects: {}, error: null as string | null };
  const began = performance.now();
  let sliceEnd = began + SLICE_MS;
  stopRequested = false;
  for (let i = 0; i < steps.length; i++) {
    if (i > 0 && performance.now() > sliceEnd) {
      if (performance.now() - began >= SHOW_PROGRESS_AFTER_MS) progress(i);
      await nextTask();
      if (stopRequested) break;
      sliceEnd = performance.now() + SLICE_MS;
    }
    if (i === steps.length - 1 && i > 0) {
      const before = world.clone();
      previous = frameOf(before, steps[i - 1], last.effects, last.error);
    }
    last = await applyStep(world, steps[i], directTransport);
    logs.push(logOf(world, steps[i], last.effects, last.error));
    frames.replayed(i + 1, world, steps[i], last);
    if (i < steps.length - 1) frames.passed(i + 1, world, { changing: true });
  }
  const done = logs.length;
  const current = frameOf(world, steps[done - 1], last.effects, last.error);
  // A stopped replay has no copy of the frame before: re-run it from its checkpoint.
  if (done < steps.length) previous = done > 1 ? await frames.frame(done - 1) : frames.peek(0)!;
  if (done === 1) previous = frames.peek(0)!;
  frames.continueWith(steps, done);
  if (previous) frames.remember(done - 1, previous);
  frames.remember(done, current);
  return { frames, logs, current, previous };
}

/** Frame `index` and the one before it. */
async function framesAround(frames: RunFrames, index: number): Promise<{ current: Frame; previous: Frame | null }> {
  const previous = index > 0 ? await frames.frame(index - 1) : null;
  return { current: await frames.frame(index), previous };
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

const emptyWorld = worldFor(EMPTY_RUN);

export const usePlayground = create<PlaygroundState>()((set, get) => {
  /** Replays `definition` and shows frame `cursor` of it (clamped). */
  async function replayAndShow(definition: RunDefinition, cursor: number): Promise<void> {
    // Its duration is a User Timing measure, "playground:replay" (npm run bench reads it).
    const began = performance.now();
    try {
      const replayed = await replay(definition, (done) => set({ replaying: { done, total: definition.steps.length } }));
      const shown = Math.min(cursor, replayed.logs.length);
      const around = shown === replayed.logs.length ? replayed : await framesAround(replayed.frames, shown);
      const stopped = replayed.logs.length < definition.steps.length;
      set({
        definition,
        frames: replayed.frames,
        logs: replayed.logs,
        cursor: shown,
        current: around.current,
        previous: around.previous,
        error: stopped
          ? `The replay was stopped after step ${replayed.logs.length} of ${definition.steps.length}. The other steps are kept in the run (they are replaced when you take a new step).`
          : null,
      });
      performance.measure('playground:replay', { start: began, detail: { steps: replayed.logs.length } });
    } finally {
      if (get().replaying) set({ replaying: null });
    }
  }

  return {
    definition: EMPTY_RUN,
    logs: [],
    cursor: 0,
    current: { world: emptyWorld, record: null, log: null },
    previous: null,
    frames: new RunFrames([], emptyWorld),
    busy: false,
    replaying: null,
    error: null,
    connected: false,
    restoring: false,

    load: (definition, { validated = false } = {}) =>
      serialize(async () => {
        // Validating thousands of steps takes a while: not twice.
        const parsed = validated ? { ok: true as const } : parseScenario(scenarioOf(definition));
        if (!parsed.ok) {
          set({ error: `This run cannot be loaded: ${parsed.errors.map(describeScenarioError).join('; ')}` });
          return false;
        }
        set({ busy: true });
        try {
          await replayAndShow(definition, definition.steps.length);
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
        const { definition, frames, logs, cursor, current } = get();
        // A step taken from the past starts a new future: later steps are dropped.
        const world = current.world.clone();
        set({ busy: true });
        try {
          const { effects, error } = await applyStep(world, step, t);
          const steps = [...definition.steps.slice(0, cursor), step];
          const frame = frameOf(world, step, effects, error);
          frames.continueWith(steps, cursor);
          frames.passed(cursor + 1, world, { changing: false });
          frames.remember(cursor + 1, frame);
          set({
            definition: { ...definition, steps },
            logs: [...logs.slice(0, cursor), frame.log!],
            cursor: cursor + 1,
            current: frame,
            previous: current,
            error,
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
        set({ busy: true });
        try {
          // Django reads settings once, at startup: new settings mean replaying the whole run.
          await replayAndShow({ ...get().definition, settings }, get().cursor);
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
        set({ busy: true });
        try {
          await replayAndShow(candidate, get().cursor);
          return true;
        } finally {
          set({ busy: false });
        }
      }),

    goTo: (index) => {
      const { frames, logs } = get();
      const target = Math.max(0, Math.min(index, logs.length));
      const current = frames.peek(target);
      const previous = target > 0 ? frames.peek(target - 1) : null;
      // Stepping around the selection: both frames are at hand, nothing waits.
      if (current && previous !== undefined) {
        set({ cursor: target, current, previous });
        return Promise.resolve();
      }
      return serialize(async () => {
        const around = await framesAround(frames, target);
        if (get().frames === frames) set({ cursor: target, ...around });
      });
    },
    truncate: (index) =>
      serialize(async () => {
        const { frames, logs, definition, cursor } = get();
        const keep = Math.max(0, Math.min(index, logs.length));
        const steps = definition.steps.slice(0, keep);
        frames.continueWith(steps, keep);
        const shown = Math.min(cursor, keep);
        const around = await framesAround(frames, shown);
        set({ logs: logs.slice(0, keep), definition: { ...definition, steps }, cursor: shown, ...around });
      }),
    next: () => get().goTo(get().cursor + 1),
    back: () => get().goTo(get().cursor - 1),
    stopReplay: () => {
      stopRequested = true;
    },
    dismissError: () => set({ error: null }),
  };
});
