import type { Step } from '../sim/scenario/schema';
import type { StepRecord } from '../sim/scenario/run';
import type { Settings } from '../sim/django/settings';
import { directTransport, type EntryLater, type StepEffects, type Transport, type World } from '../sim/world';
import type { TranscriptEntry } from '../sim/scenario/transcript';

/** A moment of the run: the world after `record`'s step (frame 0: before any step). Never mutated. */
export interface Frame {
  world: World;
  /** The step that led here; null for the first frame. */
  record: StepRecord | null;
  /** That step's log line; null for the first frame. */
  log: StepLog | null;
}

/**
 * What the readers of the whole run (the challenge checks, the exports, the
 * sequence diagram, the expiry timeline) take of each frame: its step's
 * record (the entry laid out when first read, as the world was at that step),
 * the clock and the release in force, without the world itself.
 */
export interface RecordedFrame {
  /** null for the first frame. */
  record: StepRecord | null;
  /** The world's clock, ms since the epoch. */
  now: number;
  settings: Settings;
}

/**
 * What the timeline keeps of every step: enough to list it and to tell the
 * sessions on the wire apart, without its world (a long run keeps a world
 * only every so often, see RunFrames).
 */
export interface StepLog {
  step: Step;
  /** Bad input for this step (it changed nothing), as a sentence; null when it ran. */
  error: string | null;
  /** A request's status; null for other steps and refused requests. */
  status: number | null;
  /** The Cookie header the request carried. */
  cookie: string | null;
  /** The response's Set-Cookie lines. */
  setCookie: string[];
  /** The worker that served the request, when the run names its workers. */
  worker: string | null;
}

/** Runs one step on `world` (mutating it); a step the world refuses leaves it as it was, with the reason. */
export async function applyStep(world: World, step: Step, transport: Transport): Promise<{ effects: StepEffects; error: string | null }> {
  try {
    return { effects: await world.step(step, transport), error: null };
  } catch (caught) {
    return { effects: {}, error: caught instanceof Error ? caught.message : String(caught) };
  }
}

/**
 * Runs whose server holds more stored sessions than this keep the whole store
 * of the frame on screen only, not of every step (each would hold its own
 * copy of the table's changed paths: half a gigabyte for 100,000 sessions).
 */
const STORE_KEPT_ROWS = 10_000;

/**
 * The step's record as `world` is now; its transcript entry (every jar, the
 * whole store) is laid out when first read, however the world goes on changing.
 */
export function recordOf(world: World, step: Step, effects: StepEffects, error: string | null, keepStoreUpTo = Infinity): StepRecord {
  return new LaterRecord(world.entryLater(step, effects, error, keepStoreUpTo), effects, error);
}

/** A StepRecord whose entry is laid out when first read. A class: a replay keeps one for every step. */
class LaterRecord implements StepRecord {
  readonly effects: StepEffects;
  readonly error: string | null;
  readonly #later: EntryLater;

  constructor(later: EntryLater, effects: StepEffects, error: string | null) {
    this.effects = effects;
    this.error = error;
    this.#later = later;
  }

  get profiles(): readonly string[] {
    return this.#later.profiles;
  }

  get entry(): TranscriptEntry {
    return this.#later.entry();
  }
}

/** The frame a step led to: `world` after it. */
export function frameOf(world: World, step: Step, effects: StepEffects, error: string | null): Frame {
  return { world, record: recordOf(world, step, effects, error), log: logOf(world, step, effects, error) };
}

export function logOf(world: World, step: Step, effects: StepEffects, error: string | null): StepLog {
  const exchange = effects.exchange;
  const headers = exchange?.response.headers ?? [];
  return {
    step,
    error,
    status: exchange ? exchange.response.status : null,
    cookie: exchange ? exchange.request.cookie : null,
    setCookie: headers.filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, value]) => value),
    // As the transcripts name it: only when the run names its workers.
    worker: exchange && world.topology.named ? exchange.worker : null,
  };
}

/**
 * What keeping a copy of a world costs: its caches and jars are copied item
 * by item; its table and folders share structure, but each copy kept holds
 * its own path through them (a few kB) for every write since the last one.
 */
function checkpointCost(world: World): number {
  let items = 0;
  for (const cache of world.farm.caches.values()) items += cache.size;
  for (const name of world.browser.names()) items += world.browser.profile(name).size;
  let rows = world.farm.sessions.size;
  for (const folder of world.farm.folders.values()) rows += folder.size;
  return items * SPACING_PER_ITEM + rows * SPACING_PER_ROW;
}

/** Checkpoints at least this many steps apart; more for a bigger world, whose copy costs more. */
const MIN_SPACING = 64;
const SPACING_PER_ITEM = 1 / 4;
/** 100,000 stored sessions: a checkpoint every 1,000 steps (a jump re-runs at most that many). */
const SPACING_PER_ROW = 1 / 100;
/** Frames kept whole besides the checkpoints: stepping back and forth around the selection needs no work. */
const RECENT_FRAMES = 8;
/** When a frame is re-run, this many frames before it are kept on the way (within RECENT_FRAMES). */
const KEPT_BEFORE = 4;

/**
 * The worlds of a replayed run without a copy per step: a checkpoint (an
 * untouched copy of the world) every so often, and the last few frames
 * looked at. Any other frame is re-run from the checkpoint before it, which
 * the simulation's determinism makes exact.
 */
export class RunFrames {
  #steps: readonly Step[];
  readonly #checkpoints = new Map<number, World>();
  readonly #recent = new Map<number, Frame>();
  #lastCheckpoint = 0;
  /** recorded()'s frames so far, a prefix of the run; cut where the run is cut. */
  #recorded: RecordedFrame[] = [];
  /** Changes whenever frames after some index are forgotten: a walk under way then keeps nothing. */
  #generation = 0;

  constructor(steps: readonly Step[], first: World) {
    this.#steps = steps;
    this.#checkpoints.set(0, first);
    this.remember(0, { world: first, record: null, log: null });
    this.#recorded = [recordedOf(first, null)];
  }

  /**
   * Step `index` of a replay, as it happens: what recorded() keeps of it is
   * taken now, so that the first call needs no second pass over the run.
   */
  replayed(index: number, world: World, step: Step, { effects, error }: { effects: StepEffects; error: string | null }): void {
    if (this.#recorded.length !== index) return;
    this.#recorded.push(recordedOf(world, recordOf(world, step, effects, error, STORE_KEPT_ROWS)));
  }

  /**
   * The world after `index` steps: kept as a checkpoint when one is due. A
   * world that will go on changing (a replay's) is copied; a frame's is kept as it is.
   */
  passed(index: number, world: World, { changing }: { changing: boolean }): void {
    if (index - this.#lastCheckpoint < Math.max(MIN_SPACING, checkpointCost(world))) return;
    this.#checkpoints.set(index, changing ? world.clone() : world);
    this.#lastCheckpoint = index;
  }

  remember(index: number, frame: Frame): void {
    this.#recent.delete(index);
    this.#recent.set(index, frame);
    if (this.#recent.size > RECENT_FRAMES) {
      for (const key of this.#recent.keys()) {
        if (key !== 0) {
          this.#recent.delete(key);
          break;
        }
      }
    }
  }

  /** The frame, when it is at hand without re-running anything. */
  peek(index: number): Frame | undefined {
    return this.#recent.get(index);
  }

  /** The run's steps from now on: the same up to `kept` frames, what follows may differ. */
  continueWith(steps: readonly Step[], kept: number): void {
    this.forgetAfter(kept);
    this.#steps = steps;
  }

  /** Frames after `index` are forgotten (the run was cut there). */
  forgetAfter(index: number): void {
    this.#generation += 1;
    if (this.#recorded.length > index + 1) this.#recorded = this.#recorded.slice(0, index + 1);
    for (const key of [...this.#recent.keys()]) if (key > index) this.#recent.delete(key);
    for (const key of [...this.#checkpoints.keys()]) if (key > index) this.#checkpoints.delete(key);
    this.#lastCheckpoint = Math.max(...this.#checkpoints.keys());
  }

  /** Frame `index`, re-run from the nearest earlier world at hand (directly: history needs no MSW). */
  async frame(index: number): Promise<Frame> {
    const known = this.peek(index);
    if (known) return known;
    let from = 0;
    for (const key of [...this.#checkpoints.keys(), ...this.#recent.keys()]) if (key < index && key > from) from = key;
    const world = (this.#recent.get(from)?.world ?? this.#checkpoints.get(from)!).clone();
    let frame: Frame | undefined;
    for (let i = from; i < index; i++) {
      const { effects, error } = await applyStep(world, this.#steps[i], directTransport);
      // The few frames just before the target are kept too: stepping back from it needs no re-run.
      if (i + 1 === index) frame = frameOf(world, this.#steps[i], effects, error);
      else if (i + 1 >= index - KEPT_BEFORE && !this.#recent.has(i + 1)) this.remember(i + 1, frameOf(world.clone(), this.#steps[i], effects, error));
    }
    this.remember(index, frame!);
    return frame!;
  }

  /** recorded(count) without waiting, when nothing needs to be re-run for it (a replay records each step as it runs); else null. */
  recordedAtHand(count: number): readonly RecordedFrame[] | null {
    const done = this.#recorded;
    if (done.length === count + 1) return done;
    return done.length > count ? done.slice(0, count + 1) : null;
  }

  /**
   * Frames 0 … `count` as their records, clocks and releases, for what reads
   * every step. Kept once computed: a new step adds one; the first call
   * re-runs the run from its checkpoints, holding one world at a time.
   */
  async recorded(count: number): Promise<readonly RecordedFrame[]> {
    const generation = this.#generation;
    const steps = this.#steps;
    const done = this.#recorded;
    const atHand = this.recordedAtHand(count);
    if (atHand) return atHand;
    const added: RecordedFrame[] = [];
    const at = () => done.length + added.length;
    let world: World | null = null;
    let worldIndex = -1;
    while (at() <= count) {
      const index = at();
      const known = this.#recent.get(index);
      if (known) {
        added.push(recordedOf(known.world, known.record));
        continue;
      }
      if (worldIndex !== index - 1) {
        // The world before this frame: from the latest world at hand before it.
        let from = 0;
        for (const key of [...this.#checkpoints.keys(), ...this.#recent.keys()]) if (key <= index - 1 && key > from) from = key;
        world = (this.#recent.get(from)?.world ?? this.#checkpoints.get(from)!).clone();
        for (let i = from; i < index - 1; i++) await applyStep(world, steps[i], directTransport);
      }
      const { effects, error } = await applyStep(world!, steps[index - 1], directTransport);
      added.push(recordedOf(world!, recordOf(world!, steps[index - 1], effects, error, STORE_KEPT_ROWS)));
      worldIndex = index;
    }
    const all = [...done, ...added];
    if (generation === this.#generation && this.#recorded === done) this.#recorded = all;
    return all;
  }
}

function recordedOf(world: World, record: StepRecord | null): RecordedFrame {
  return { record, now: world.now, settings: world.settings };
}
