import { parseIsoUtc } from '../clock';
import { World, type StepEffects, type Transport } from '../world';
import type { Scenario, Step } from './schema';
import type { Transcript, TranscriptEntry } from './transcript';

/** One step of a run: its transcript entry, what happened in detail, and the world after it. */
export interface StepRecord {
  entry: TranscriptEntry;
  effects: StepEffects;
  /** Bad input for this step (it changed nothing), as a sentence; null when it ran. */
  error: string | null;
  /** The browser's profiles after the step, in name order: the entry's `jars` keys, read without laying the jars out. */
  profiles: readonly string[];
}

export interface Run {
  transcript: Transcript;
  records: StepRecord[];
}

/**
 * Runs one step on `world`. Nothing escapes as an exception: a step the
 * world refuses is recorded with its reason, and the world stays as it was.
 */
export async function runStep(world: World, step: Step, transport: Transport): Promise<StepRecord> {
  let effects: StepEffects = {};
  let error: string | null = null;
  try {
    effects = await world.step(step, transport);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const later = world.entryLater(step, effects, error);
  return { entry: later.entry(), effects, error, profiles: later.profiles };
}

/** A new world for `scenario` (throws SettingsError for bad settings). */
export function worldFor(scenario: Scenario, seed = 1): World {
  return new World({ start: parseIsoUtc(scenario.start), settings: scenario.settings ?? {}, servers: scenario.servers, seed });
}

/** Runs a whole scenario through `transport` (contract sections 2 and 3). */
export async function runScenario(scenario: Scenario, transport: Transport, seed = 1): Promise<Run> {
  const world = worldFor(scenario, seed);
  const records: StepRecord[] = [];
  for (const step of scenario.steps) records.push(await runStep(world, step, transport));
  return { transcript: { name: scenario.name, steps: records.map((r) => r.entry) }, records };
}
