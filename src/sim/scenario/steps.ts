/**
 * Every step kind of a scenario in one registry: its schema, how it runs on
 * the world, which browser profiles and workers it names, and how it reads in
 * words. Nothing else branches on step kinds by name: a new kind is one entry
 * here (plus its tests).
 */
import { z } from '../zod.ts';
import { resolveSettings } from '../django/settings.ts';
import type { SetCookieOutcome, StoredCookie } from '../browser/types.ts';
import { formatClockText } from '../clock.ts';
import type { StoreEvent } from '../django/trace.ts';
import type { StepEffects, Transport, World } from '../world.ts';

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

const profileName = z.string().min(1);

/** Worker names: letters, digits, - and _ (the contract's section 2). */
export const workerName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a worker name (letters, digits, - and _)');

const absoluteHttpUrl = z.string().refine(
  (text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol),
  'must be an absolute http:// or https:// URL',
);

// An origin is what a page's URL reduces to: scheme and host, no path, no default port.
const origin = z.string().refine(
  (text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol) && new URL(text).origin === text,
  'must be an origin such as https://evil.example (scheme and host, no path or trailing slash)',
);

const requestSchema = z.strictObject({
  method: z.string().regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET or POST'),
  url: absoluteHttpUrl,
  form: z.record(z.string(), z.string()).optional(),
  browser: profileName.optional(),
  initiator: origin.optional(),
  kind: z.enum(['navigation', 'fetch']).optional(),
  credentials: z.enum(['include', 'same-origin', 'omit']).optional(),
  worker: workerName.optional(),
}).check((ctx) => {
  // A navigation always carries the browser's cookies: only fetch() has a credentials mode.
  if (ctx.value.credentials !== undefined && ctx.value.kind !== 'fetch') {
    ctx.issues.push({ code: 'custom', path: ['credentials'], message: 'is only for kind "fetch" (a navigation always sends cookies)', input: ctx.value });
  }
});

/** Setting overrides, checked as the engine checks them, each problem at its setting's name. */
export const settingsOverrides = z.record(z.string(), z.unknown()).check((ctx) => {
  const resolved = resolveSettings(ctx.value);
  if (resolved.ok) return;
  for (const error of resolved.errors) ctx.issues.push({ code: 'custom', path: [error.setting], message: error.message, input: ctx.value });
});

const schemas = {
  request: z.strictObject({ request: requestSchema }),
  advance_seconds: z.strictObject({ advance_seconds: z.number().min(0) }),
  close_browser: z.strictObject({ close_browser: profileName }),
  set_cookie_by_hand: z.strictObject({
    set_cookie_by_hand: z.strictObject({ browser: profileName, name: z.string().min(1), value: z.string() }),
  }),
  copy_cookie: z.strictObject({
    copy_cookie: z.strictObject({ from: profileName, to: profileName, name: z.string().min(1) }),
  }),
  clearsessions: z.strictObject({ clearsessions: z.union([z.literal(true), workerName]) }),
  deploy: z.strictObject({ deploy: z.strictObject({ settings: settingsOverrides }) }),
  restart_server: z.strictObject({ restart_server: z.union([z.literal('all'), workerName]) }),
  restart_cache: z.strictObject({ restart_cache: z.literal(true) }),
};

export type StepKind = keyof typeof schemas;
export type StepOf<K extends StepKind> = z.infer<(typeof schemas)[K]>;
export type Step = { [K in StepKind]: StepOf<K> }[StepKind];
export type RequestSpec = z.infer<typeof requestSchema>;

interface StepKindEntry<K extends StepKind> {
  schema: (typeof schemas)[K];
  run(world: World, step: StepOf<K>, transport: Transport): Promise<StepEffects>;
  /** Every browser profile the step names (each exists from then on). */
  profiles(step: StepOf<K>): string[];
  /** The profile the step acts in, if any (a copy acts in its target). */
  actsIn(step: StepOf<K>): string | null;
  /** The worker the step names, if it names one. */
  worker(step: StepOf<K>): string | null;
  /** The HTTP request the step sends, if it sends one. */
  requestOf(step: StepOf<K>): RequestSpec | null;
  /** How many seconds the step moves the virtual clock. */
  advances(step: StepOf<K>): number;
  /** One line in words, e.g. "GET /visits/ (laptop)" or "deploy: SECRET_KEY". */
  label(step: StepOf<K>): string;
  /** What it did, for a step without an HTTP exchange (a request is shown as its exchange: none). */
  summarize(step: StepOf<K>, context: SummaryContext): SummaryPart[];
}

/** The sentences a server step (deploy, restarts) left in its effects. */
const serverSentences = (_step: Step, { effects }: SummaryContext): SummaryPart[] => (effects.servers ?? []).map((text) => ({ kind: 'text', text }));

/** Store events of clearsessions, or a sentence saying there were none. */
const storeEvents = (intro: string, { effects }: SummaryContext): SummaryPart[] => {
  const events = (effects.events ?? []).filter((e): e is StoreEvent => e.kind === 'store');
  return [
    { kind: 'text', text: intro },
    events.length > 0 ? { kind: 'events', events } : { kind: 'text', text: 'Nothing had expired: nothing was deleted.', muted: true },
  ];
};

const none = () => null;

export const STEP_REGISTRY: { [K in StepKind]: StepKindEntry<K> } = {
  request: {
    schema: schemas.request,
    run: async (world, step, transport) => ({ exchange: await world.request(step.request, transport) }),
    profiles: (step) => [step.request.browser ?? 'default'],
    actsIn: (step) => step.request.browser ?? 'default',
    worker: (step) => step.request.worker ?? null,
    requestOf: (step) => step.request,
    advances: () => 0,
    label: (step) => {
      const { method, url, browser, worker } = step.request;
      const target = new URL(url);
      const where = [browser && browser !== 'default' ? browser : null, worker ? `worker ${worker}` : null].filter(Boolean).join(', ');
      return `${method.toUpperCase()} ${target.pathname}${target.search}${where ? ` (${where})` : ''}`;
    },
    summarize: () => [],
  },
  advance_seconds: {
    schema: schemas.advance_seconds,
    run: async (world, step) => {
      world.clock.advance(step.advance_seconds);
      for (const name of world.browser.names()) world.browser.profile(name).purge(world.now);
      return {};
    },
    profiles: () => [],
    actsIn: none,
    worker: none,
    requestOf: none,
    advances: (step) => step.advance_seconds,
    label: (step) => `clock +${formatDuration(step.advance_seconds)}`,
    summarize: (step, { before, after }) => {
      // Cookies alive before the clock moved whose time ran out during the move.
      const expired = before
        ? before.browser.names().flatMap((profile) =>
          before.browser.profile(profile).list(before.now)
            .filter((cookie) => cookie.expires !== null && cookie.expires <= after.now)
            .map((cookie) => ({ profile, cookie })))
        : [];
      return [
        { kind: 'text', text: `The clock moved forward ${formatDuration(step.advance_seconds)}; it is now ${formatClockText(after.now)}.` },
        expired.length > 0
          ? { kind: 'cookies', intro: 'These cookies expired and left their jars:', cookies: expired, removed: true }
          : { kind: 'text', text: 'No cookie expired.', muted: true },
      ];
    },
  },
  close_browser: {
    schema: schemas.close_browser,
    run: async (world, step) => ({ dropped: world.browser.profile(step.close_browser).close() }),
    profiles: (step) => [step.close_browser],
    actsIn: (step) => step.close_browser,
    worker: none,
    requestOf: none,
    advances: () => 0,
    label: (step) => `restart browser (${step.close_browser})`,
    summarize: (step, { effects }) => {
      const dropped = effects.dropped ?? [];
      return [
        { kind: 'text', text: `The browser of ${step.close_browser} was restarted.` },
        dropped.length > 0
          ? { kind: 'cookies', intro: 'It dropped its session cookies (those without Expires or Max-Age):', cookies: dropped.map((cookie) => ({ profile: step.close_browser, cookie })), removed: true }
          : { kind: 'text', text: 'It had no session cookies to drop; cookies with an expiry stay.', muted: true },
      ];
    },
  },
  set_cookie_by_hand: {
    schema: schemas.set_cookie_by_hand,
    run: async (world, step) => {
      const { browser, name, value } = step.set_cookie_by_hand;
      return { outcomes: [world.browser.profile(browser).setByHand(name, value, world.now)] };
    },
    profiles: (step) => [step.set_cookie_by_hand.browser],
    actsIn: (step) => step.set_cookie_by_hand.browser,
    worker: none,
    requestOf: none,
    advances: () => 0,
    label: (step) => `edit cookie ${step.set_cookie_by_hand.name} (${step.set_cookie_by_hand.browser})`,
    summarize: (step, { effects }) => [
      { kind: 'text', text: `A cookie ${step.set_cookie_by_hand.name} was written by hand into the jar of ${step.set_cookie_by_hand.browser} (as in DevTools).` },
      { kind: 'outcomes', profile: step.set_cookie_by_hand.browser, outcomes: effects.outcomes ?? [] },
    ],
  },
  copy_cookie: {
    schema: schemas.copy_cookie,
    run: async (world, step) => {
      const { from, to, name } = step.copy_cookie;
      const source = world.browser.profile(from);
      return { outcomes: world.browser.profile(to).copyFrom(source, name, world.now) };
    },
    profiles: (step) => [step.copy_cookie.from, step.copy_cookie.to],
    actsIn: (step) => step.copy_cookie.to,
    worker: none,
    requestOf: none,
    advances: () => 0,
    label: (step) => `copy ${step.copy_cookie.name}: ${step.copy_cookie.from} → ${step.copy_cookie.to}`,
    summarize: (step, { effects }) => {
      const { from, to, name } = step.copy_cookie;
      const outcomes = effects.outcomes ?? [];
      return [
        { kind: 'text', text: `Every ${name} cookie of ${from} was copied into the jar of ${to}.` },
        outcomes.length > 0
          ? { kind: 'outcomes', profile: to, outcomes }
          : { kind: 'text', text: `${from} had no cookie named ${name}: nothing was copied.`, muted: true },
      ];
    },
  },
  clearsessions: {
    schema: schemas.clearsessions,
    run: async (world, step) => {
      // true: each host's cron job, on every worker in turn.
      const workers = step.clearsessions === true ? world.topology.workers : [world.worker(step.clearsessions, 'clearsessions')];
      return { events: workers.flatMap((worker) => world.site(worker).clearSessions()) };
    },
    profiles: () => [],
    actsIn: none,
    worker: (step) => (step.clearsessions === true ? null : step.clearsessions),
    requestOf: none,
    advances: () => 0,
    label: (step) => `manage.py clearsessions${step.clearsessions === true ? '' : ` (worker ${step.clearsessions})`}`,
    summarize: (step, context) => storeEvents(
      step.clearsessions === true
        ? `The server ran manage.py clearsessions${context.after.topology.named ? ' on every worker in turn (each host\'s cron job)' : ''}.`
        : `Worker ${step.clearsessions} ran manage.py clearsessions.`,
      context,
    ),
  },
  deploy: {
    schema: schemas.deploy,
    run: async (world, step) => ({ servers: world.deploy(step.deploy.settings) }),
    profiles: () => [],
    actsIn: none,
    worker: none,
    requestOf: none,
    advances: () => 0,
    label: (step) => {
      const names = Object.keys(step.deploy.settings);
      return `deploy${names.length ? `: ${names.join(', ')}` : ' (default settings)'}`;
    },
    summarize: serverSentences,
  },
  restart_server: {
    schema: schemas.restart_server,
    run: async (world, step) => ({
      servers: world.restart(step.restart_server === 'all' ? world.topology.workers : [world.worker(step.restart_server, 'restart_server')]),
    }),
    profiles: () => [],
    actsIn: none,
    worker: (step) => (step.restart_server === 'all' ? null : step.restart_server),
    requestOf: none,
    advances: () => 0,
    label: (step) => (step.restart_server === 'all' ? 'restart every worker' : `restart worker ${step.restart_server}`),
    summarize: serverSentences,
  },
  restart_cache: {
    schema: schemas.restart_cache,
    run: async (world) => ({ servers: world.restartCache() }),
    profiles: () => [],
    actsIn: none,
    worker: none,
    requestOf: none,
    advances: () => 0,
    label: () => 'restart the cache server',
    summarize: serverSentences,
  },
};

export const STEP_KINDS = Object.keys(STEP_REGISTRY) as StepKind[];

export function isStepKind(key: string): key is StepKind {
  return Object.hasOwn(STEP_REGISTRY, key);
}

/** The step's kind: the one key it has. */
export function kindOf(step: Step): StepKind {
  return Object.keys(step)[0] as StepKind;
}

/** The registry entry for `step`, typed for it. */
export function stepKindOf<S extends Step>(step: S): StepKindEntry<StepKind> {
  const kind = kindOf(step);
  if (!isStepKind(kind)) throw new Error(`unknown step: ${JSON.stringify(step)}`);
  return STEP_REGISTRY[kind] as unknown as StepKindEntry<StepKind>;
}

export function formatDuration(seconds: number): string {
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  return parts.length ? parts.slice(0, 2).join(' ') : '0s';
}
