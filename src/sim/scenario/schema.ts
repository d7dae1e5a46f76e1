/**
 * A scenario, as the contract's section 2 defines it: a start time, setting
 * overrides and a list of steps, each an object with exactly one key. The
 * errors name the file, the step and the field, so that a lesson author (or a
 * learner editing a scenario) can find the mistake.
 */
import { ownRecord, z } from '../zod.ts';
import { advanceProblem, formatIsoUtc, parseIsoUtc } from '../clock.ts';
import { isStepKind, kindOf, STEP_KINDS, STEP_REGISTRY, stepKindOf, workerName, type Step, type StepOf } from './steps.ts';

export { STEP_KINDS, type RequestSpec, type Step, type StepKind, type StepOf } from './steps.ts';
export type RequestStep = StepOf<'request'>;

const exactlyOne = `a step has exactly one of ${STEP_KINDS.join(', ')}`;

/**
 * Steps found valid, by their JSON text: a long run repeats a few steps (the
 * same visit sent again and again), and each distinct one is checked once.
 * Only the valid are kept: a step's complaints speak of its own input. Kept
 * steps are frozen, as every step of that text then shares one.
 */
const validSteps = new Map<string, Step>();
const VALID_STEPS_KEPT = 1000;

function keepValid(text: string, step: Step): Step {
  if (validSteps.size >= VALID_STEPS_KEPT) validSteps.clear();
  deepFreeze(step);
  validSteps.set(text, step);
  return step;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/** The input's JSON text, or null when it has none (a cycle, a BigInt): then it is checked every time. */
function jsonText(input: unknown): string | null {
  try {
    return JSON.stringify(input);
  } catch {
    return null;
  }
}

/*
 * A plain union of the step shapes would report every shape's complaints
 * at once. Settling the kind first lets the errors speak about the step the
 * author meant.
 */
function settleKind(input: unknown, ctx: z.core.$RefinementCtx<unknown>): Step {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: 'custom', message: `must be an object: ${exactlyOne}`, input });
    return z.NEVER;
  }
  const keys = Object.keys(input);
  const kinds = keys.filter(isStepKind);
  if (keys.length === 0) ctx.addIssue({ code: 'custom', message: `is empty: ${exactlyOne}`, input });
  for (const key of keys.filter((k) => !isStepKind(k))) {
    ctx.addIssue({ code: 'custom', path: [key], message: `unknown step kind: ${exactlyOne}`, input });
  }
  if (kinds.length > 1) {
    ctx.addIssue({ code: 'custom', message: `has both ${kinds.join(' and ')}: ${exactlyOne}`, input });
  }
  if (kinds.length !== 1 || keys.length !== 1) return z.NEVER;
  const text = jsonText(input);
  const known = text === null ? undefined : validSteps.get(text);
  if (known) return known;
  const result = STEP_REGISTRY[kinds[0]].schema.safeParse(input, { reportInput: true });
  if (result.success) return text === null ? (result.data as Step) : keepValid(text, result.data as Step);
  // Finished issues, passed up as they are; the containers above prefix their paths.
  ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
  return z.NEVER;
}

export const stepSchema = z.lazy(() => z.unknown().transform(settleKind));

function isStartTime(text: string): boolean {
  try {
    // The round trip refuses what Date.parse quietly rolls over (Feb 30) and fractions.
    return formatIsoUtc(parseIsoUtc(text)) === text;
  } catch {
    return false;
  }
}

export const serversSchema = z.lazy(() =>
  z.strictObject({
    workers: z.array(workerName).min(1).refine((names) => new Set(names).size === names.length, 'must not name a worker twice'),
    cache: z.enum(['per_worker', 'shared']).optional(),
    files: z.enum(['per_worker', 'shared']).optional(),
  }),
);

function startMs(text: string): number {
  try {
    return parseIsoUtc(text);
  } catch {
    return NaN;
  }
}

export const scenarioSchema = z.lazy(() => z.strictObject({
  name: z.string().min(1),
  start: z.string().refine(isStartTime, 'must be a UTC time in whole seconds such as 2026-01-01T00:00:00Z'),
  // Setting values are checked by the engine, which knows what each one accepts.
  settings: ownRecord(z.unknown()).default({}),
  servers: serversSchema.optional(),
  steps: z.array(stepSchema),
}).check((ctx) => {
  // What a step names must exist: its worker among the servers, a cache server to restart.
  const { servers, steps } = ctx.value;
  // The clock must stay within Python's datetime (year 9999), step by step (from a start that parses).
  let now = startMs(ctx.value.start);
  steps.forEach((step, index) => {
    const kind = stepKindOf(step);
    const seconds = kind.advances(step);
    if (seconds > 0 && !Number.isNaN(now)) {
      const problem = advanceProblem(now, seconds);
      if (problem) ctx.issues.push({ code: 'custom', path: ['steps', index, kindOf(step)], message: problem, input: step });
      else now += seconds * 1000;
    }
    const worker = kind.worker(step);
    if (worker !== null && !servers) {
      ctx.issues.push({ code: 'custom', path: ['steps', index, ...worker.path], message: `names worker "${worker.name}", but the scenario has no servers`, input: step });
    } else if (worker !== null && servers && !servers.workers.includes(worker.name)) {
      ctx.issues.push({ code: 'custom', path: ['steps', index, ...worker.path], message: `unknown worker "${worker.name}" (workers: ${servers.workers.join(', ')})`, input: step });
    }
    for (const problem of kind.serverProblems(step, servers)) {
      ctx.issues.push({ code: 'custom', path: ['steps', index, ...problem.path], message: problem.message, input: step });
    }
  });
}));

export type Scenario = z.infer<typeof scenarioSchema>;

export interface ScenarioError {
  /** Where in the scenario, e.g. `['steps', 3, 'request', 'url']`. */
  path: (string | number)[];
  /** Index into `steps` (as in transcripts), or null for the scenario's own fields. */
  step: number | null;
  /** The path inside the step (or the scenario), e.g. `request.url`; '' for the step as a whole. */
  field: string;
  message: string;
  /** The file the scenario came from, when the caller said. */
  source?: string;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

export function parseScenario(input: unknown, source?: string): ScenarioResult {
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, errors: result.error.issues.flatMap((issue) => toErrors(issue, source)) };
}

export function parseScenarioJson(text: string, source?: string): ScenarioResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [jsonError(text, error as SyntaxError, source)] };
  }
  return parseScenario(input, source);
}

/**
 * Where an error is, in words: `step 3 (steps[2]), field request.url`. Steps
 * count from 1, as the playground's timeline numbers them; the index in the
 * file's `steps` list follows in brackets. The CLI and the app both say it so.
 */
export function scenarioErrorPlace(error: ScenarioError): string {
  return [error.step === null ? '' : `step ${error.step + 1} (steps[${error.step}])`, error.field === '' ? '' : `field ${error.field}`]
    .filter((part) => part !== '')
    .join(', ');
}

/** One error in a sentence, without the file: `step 3 (steps[2]), field request.url: must be …`. */
export function describeScenarioError(error: ScenarioError): string {
  const place = scenarioErrorPlace(error);
  return `${place === '' ? '' : `${place}: `}${error.message}`;
}

/**
 * One line per error, `lessons/x.json: step 3 (steps[2]), field request.url: must be …`,
 * at most `limit` of them, then a line saying how many more there are.
 */
export function formatScenarioErrors(errors: ScenarioError[], source?: string, limit = 20): string[] {
  const lines = errors.slice(0, limit).map((error) => `${source ?? error.source ?? 'scenario'}: ${describeScenarioError(error)}`);
  const more = errors.length - limit;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'} (the first ${limit} are listed)`);
  return lines;
}

function toErrors(issue: z.core.$ZodIssue, source: string | undefined): ScenarioError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => makeError([...issue.path, key], 'unknown field', source));
  }
  return [makeError(issue.path, messageFor(issue), source)];
}

function makeError(rawPath: PropertyKey[], message: string, source: string | undefined): ScenarioError {
  const path = rawPath.map((part) => (typeof part === 'number' ? part : String(part)));
  const inStep = path[0] === 'steps' && typeof path[1] === 'number';
  const step = inStep ? (path[1] as number) : null;
  const field = (inStep ? path.slice(2) : path).map((part) => String(part)).join('.');
  return source === undefined ? { path, step, field, message } : { path, step, field, message, source };
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

function messageFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      // JSON.parse reads a number beyond a double's range (1e400) as Infinity.
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return 'must be a finite number, not one too large to represent (such as 1e400)';
      return `must be ${typeNames[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describe(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}

function jsonError(text: string, error: SyntaxError, source: string | undefined): ScenarioError {
  // V8 (Node and Chromium) says "... in JSON at position N [(line L column C)]".
  const match = /\s*in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(error.message);
  // Some messages quote the text around the fault, newlines included: keep the error on one line.
  const detail = (match ? error.message.replace(match[0], '') : error.message).replace(/\n/g, '\\n');
  let where = '';
  if (match) {
    const before = text.slice(0, Number(match[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  }
  const message = `is not valid JSON${where}: ${detail}`;
  return source === undefined
    ? { path: [], step: null, field: '', message }
    : { path: [], step: null, field: '', message, source };
}
