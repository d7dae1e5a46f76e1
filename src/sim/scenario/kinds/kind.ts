/**
 * What every step kind declares, in its own module beside the others in this
 * folder: its schema, how it runs on the world, what it names, how it reads
 * in words and how it is exported. The registry (../steps.ts) lists them.
 */
import { z } from '../../zod.ts';
import type { SetCookieOutcome, StoredCookie } from '../../browser/types.ts';
import type { StoreEvent } from '../../django/trace.ts';
import type { ServersSpec } from '../../django/servers.ts';
import type { StepEffects, Transport, World } from '../../world.ts';
import type { RequestSpec } from './request.ts';
import type { Requirement, StepContext } from '../../export/step-context.ts';

/**
 * What a step without an HTTP exchange did, as parts the UI renders as they
 * come: sentences, cookies (with the profile they were in), what a jar did
 * with cookies written into it, what the store did.
 */
export type SummaryPart =
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'cookies'; intro: string; cookies: { profile: string; cookie: StoredCookie }[]; removed: boolean }
  | { kind: 'outcomes'; profile: string; outcomes: SetCookieOutcome[] }
  | { kind: 'events'; events: StoreEvent[] };

/** The step's effects and the world before and after it. */
export interface SummaryContext {
  effects: StepEffects;
  before: World | null;
  after: World;
}

/** A problem with a step that only the whole scenario shows (its servers), at a path inside the step. */
export interface StepProblem {
  path: string[];
  message: string;
}

export interface StepKindEntry<S> {
  run(world: World, step: S, transport: Transport): Promise<StepEffects>;
  /** Every browser profile the step names (each exists from then on). */
  profiles(step: S): string[];
  /** The profile the step acts in, if any (a copy acts in its target). */
  actsIn(step: S): string | null;
  /** The worker the step names, if it names one, and where in the step it is written. */
  worker(step: S): { name: string; path: string[] } | null;
  /** What the step needs of the scenario's servers (beyond a worker that exists). */
  serverProblems(step: S, servers: ServersSpec | undefined): StepProblem[];
  /** The HTTP request the step sends, if it sends one. */
  requestOf(step: S): RequestSpec | null;
  /** How many seconds the step moves the virtual clock. */
  advances(step: S): number;
  /** Cookie values the step writes into a jar by hand (name and value). */
  cookiesWritten(step: S): { name: string; value: string }[];
  /** The setting overrides of the release the step deploys, if it deploys one. */
  release(step: S): Record<string, unknown> | null;
  /** The same step deploying `settings` instead (a step that deploys nothing is returned as it is). */
  withRelease(step: S, settings: Record<string, unknown>): S;
  /** One line in words, e.g. "GET /visits/ (laptop)" or "deploy: SECRET_KEY". */
  label(step: S): string;
  /** What it did, for a step without an HTTP exchange (a request is shown as its exchange: none). */
  summarize(step: S, context: SummaryContext): SummaryPart[];
  /** Python statements, one a line, for the body of the exported Django test method. */
  django(step: S, context: StepContext): string[];
  /** Shell lines of the exported curl script. */
  curl(step: S, context: StepContext): string[];
  /** Django versions older than this one would answer differently. */
  requires(step: S, context: StepContext): Requirement | null;
}

type Defaults = 'profiles' | 'actsIn' | 'worker' | 'serverProblems' | 'requestOf' | 'advances' | 'cookiesWritten' | 'release' | 'withRelease' | 'summarize' | 'requires';

/**
 * A step kind: its schema (`build` runs at the first step of that kind parsed, see zod.ts) and its
 * entry, where whatever a kind leaves out means "none" (no profile, no worker, …).
 */
export function defineStepKind<Schema extends z.ZodType>(
  build: () => Schema,
  entry: Omit<StepKindEntry<z.infer<Schema>>, Defaults> & Partial<Pick<StepKindEntry<z.infer<Schema>>, Defaults>>,
): StepKindEntry<z.infer<Schema>> & { schema: z.ZodLazy<Schema> } {
  return {
    schema: z.lazy(build),
    profiles: () => [],
    actsIn: () => null,
    worker: () => null,
    serverProblems: () => [],
    requestOf: () => null,
    advances: () => 0,
    cookiesWritten: () => [],
    release: () => null,
    withRelease: (step) => step,
    summarize: () => [],
    requires: () => null,
    ...entry,
  };
}
