/**
 * A lesson file's front matter, as authors write it (see lessons/README.md),
 * and the check vocabulary. Step numbers count from 1, as the learner sees
 * them ("Step 3"); YAML list positions in error paths count from 0.
 */
import { z } from '../sim/zod.ts';
import { PANELS } from './panels.ts';
import { DECISION_TEXT, type DecisionReason } from '../sim/django/trace.ts';
import { serversSchema, stepSchema } from '../sim/scenario/schema.ts';
import { workerName } from '../sim/scenario/steps.ts';

const stepNumber = z.number().int().min(1);
const name = z.string().min(1);

export { PANELS, type Panel } from './panels.ts';
const panel = z.enum(PANELS);

export const PLACES = ['db', 'cache', 'files'] as const;
export type StorePlace = (typeof PLACES)[number];

const DECISION_REASONS = Object.keys(DECISION_TEXT) as [DecisionReason, ...DecisionReason[]];

/** Another moment to compare with: a step (default: now) and a profile (default: the check's own). */
const moment = z.strictObject({ step: stepNumber.optional(), profile: name.optional() });

/** Exactly one of `keys` is present. */
function oneOf(keys: string[]) {
  return (value: object, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `needs exactly one of ${keys.join(', ')}${present.length ? ` (found ${present.join(' and ')})` : ''}` });
    }
  };
}

/** `keys` only make sense together with `main`. */
function onlyWith(main: string, keys: string[]) {
  return (value: object, ctx: z.RefinementCtx) => {
    if ((value as Record<string, unknown>)[main] !== undefined) return;
    for (const key of keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `only goes with ${main}` });
    }
  };
}

const cookieAttributes = {
  value: z.string().optional(),
  domain: z.string().optional(),
  host_only: z.boolean().optional(),
  path: z.string().optional(),
  secure: z.boolean().optional(),
  http_only: z.boolean().optional(),
  same_site: z.enum(['strict', 'lax', 'none', 'unspecified']).optional(),
  /** An ISO time, or null for a cookie that ends when the browser closes. */
  expires: z.string().nullable().optional(),
};
const ATTRIBUTE_KEYS = [...Object.keys(cookieAttributes), 'same_value_as', 'differs_from'];

const jarCheck = z
  .strictObject({
    profile: name.default('default'),
    has: name.optional(),
    lacks: name.optional(),
    ...cookieAttributes,
    same_value_as: moment.optional(),
    differs_from: moment.optional(),
  })
  .superRefine(oneOf(['has', 'lacks']))
  .superRefine(onlyWith('has', ATTRIBUTE_KEYS));
export type JarCheck = z.output<typeof jarCheck>;

const requestCheck = z
  .strictObject({ sends: name.optional(), omits: name.optional() })
  .superRefine(oneOf(['sends', 'omits']));

const setCookieCheck = z.union([
  z.literal('none'),
  z
    .strictObject({
      sets: name.optional(),
      deletes: name.optional(),
      /** Attribute name → exact value, true (present) or false (absent); names ignore case. */
      attributes: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
      /** name=value is longer than this many bytes. */
      size_over: z.number().int().min(0).optional(),
      /** Whether the browser applied the line (stored, replaced or deleted) rather than rejecting it. */
      applied: z.boolean().optional(),
    })
    .superRefine(oneOf(['sets', 'deletes']))
    .superRefine(onlyWith('sets', ['attributes', 'size_over'])),
]);
export type SetCookieCheck = z.output<typeof setCookieCheck>;

const varyCheck = z
  .strictObject({ has: name.optional(), lacks: name.optional() })
  .superRefine(oneOf(['has', 'lacks']));

/** With per-worker caches or files (`servers`), the worker whose cache or disk is meant. */
const placeWorker = workerName.optional();

/** A session check without a place looks where the engine keeps sessions. */
function workerOnlyWithItsOwnPlace(value: { place?: StorePlace; worker?: string }, ctx: z.RefinementCtx) {
  if (value.worker !== undefined && value.place === 'db') {
    ctx.addIssue({ code: 'custom', path: ['worker'], message: 'only goes with place: cache or files (the database is shared by every worker)' });
  }
}

const storeCheck = z.union([
  z.literal('nothing'),
  z.strictObject({ place: z.enum(PLACES), worker: placeWorker, count: z.number().int().min(0) }).superRefine(workerOnlyWithItsOwnPlace),
]);

const jsonObject = z.record(z.string(), z.unknown());

const sessionCheck = z
  .strictObject({
    profile: name.default('default'),
    cookie: name.default('sessionid'),
    /** Look up the key the profile's cookie held after this step instead of now. */
    key_from_step: stepNumber.optional(),
    /** Where to look; default: db, else cache, else files (whatever the engine uses). */
    place: z.enum(PLACES).optional(),
    /** With a per-worker cache or per-worker files: whose. */
    worker: placeWorker,
    missing: z.literal(true).optional(),
    data: jsonObject.optional(),
    includes: jsonObject.optional(),
    lacks: z.array(name).min(1).optional(),
  })
  .superRefine((value, ctx) => {
    const wanted = (['missing', 'data', 'includes', 'lacks'] as const).filter((k) => value[k] !== undefined);
    if (wanted.length === 0) ctx.addIssue({ code: 'custom', message: 'needs one of missing, data, includes, lacks' });
    if (value.missing && wanted.length > 1) ctx.addIssue({ code: 'custom', message: 'missing: true goes alone' });
    workerOnlyWithItsOwnPlace(value, ctx);
  });
export type SessionCheck = z.output<typeof sessionCheck>;

const cookieDataCheck = z
  .strictObject({
    profile: name.default('default'),
    name: name.default('sessionid'),
    equals: z.unknown().optional(),
    includes: jsonObject.optional(),
  })
  .superRefine(oneOf(['equals', 'includes']));
export type CookieDataCheck = z.output<typeof cookieDataCheck>;

const decisionCheck = z
  .strictObject({
    reason: z.enum(DECISION_REASONS).optional(),
    cookie: z.enum(['set', 'deleted', 'untouched']).optional(),
    accessed: z.boolean().optional(),
    modified: z.boolean().optional(),
    empty: z.boolean().optional(),
    saved: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (Object.keys(value).length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one field' });
  });
export type DecisionCheck = z.output<typeof decisionCheck>;

const jsonCheck = z
  .strictObject({ equals: z.unknown().optional(), includes: jsonObject.optional() })
  .superRefine(oneOf(['equals', 'includes']));

const eventCheck = z.strictObject({
  kind: z.enum(['store', 'auth', 'session']).optional(),
  op: name,
  place: z.enum(['db', 'cache', 'file', 'cookie']).optional(),
  action: name.optional(),
  user: name.optional(),
});
export type EventCheck = z.output<typeof eventCheck>;

const checkKinds = {
  /** The jar of a profile has (with these attributes) or lacks a cookie. */
  jar: jarCheck,
  /** This step's request sent or did not send a cookie. */
  request: requestCheck,
  /** This step's response status. */
  status: z.number().int().min(100).max(599),
  /** This step's Set-Cookie headers: none, one that sets a cookie, or one that deletes it. */
  set_cookie: setCookieCheck,
  /** This step's Vary header has or lacks a name. */
  vary: varyCheck,
  /** How many rows, entries or files a store place holds; `nothing`: every place is empty. */
  store: storeCheck,
  /** The stored session of the key a profile's cookie holds. */
  session: sessionCheck,
  /** The payload of a signed cookie in a jar, decoded (not verified): what anyone holding it can read. */
  cookie_data: cookieDataCheck,
  /** SessionMiddleware's decision on this step's response. */
  decision: decisionCheck,
  /** This step's response body. */
  json: jsonCheck,
  /** Something the server did during this step (a store, auth or session event). */
  event: eventCheck,
  /** Whether the initiating page's script may read this step's response (a fetch). */
  page_can_read: z.boolean(),
  /** The worker that served this step's request (a lesson with `servers`). */
  worker: workerName,
  /** Exactly these panels changed at this step. */
  changes: z.array(panel),
};

type CheckKind = keyof typeof checkKinds;
const CHECK_KINDS = Object.keys(checkKinds) as CheckKind[];
type KindOutput = { [K in CheckKind]: z.output<(typeof checkKinds)[K]> };
/** One machine-checkable fact about the state after a step: an object with exactly one kind key. */
export type Check = { [K in CheckKind]: Pick<KindOutput, K> }[CheckKind];

function isCheckKind(key: string): key is CheckKind {
  return Object.hasOwn(checkKinds, key);
}

const exactlyOneKind = `a check has exactly one of ${CHECK_KINDS.join(', ')}`;

/**
 * A check with its extra fields (`label`, `run`). As with scenario steps,
 * settling the kind first keeps the errors about the check the author meant.
 */
function checkWith<Extra extends z.ZodRawShape>(extra: Extra) {
  const extraSchema = z.strictObject(extra);
  return z.unknown().transform((input, ctx): { check: Check } & z.output<typeof extraSchema> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: `must be an object: ${exactlyOneKind}`, input });
      return z.NEVER;
    }
    const entries = Object.entries(input);
    const kinds = entries.filter(([key]) => isCheckKind(key));
    const rest = Object.fromEntries(entries.filter(([key]) => !isCheckKind(key)));
    for (const key of Object.keys(rest).filter((key) => !(key in extra))) {
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown check type: ${exactlyOneKind}`, input });
    }
    if (kinds.length !== 1) {
      const found = kinds.length ? ` (found ${kinds.map(([key]) => key).join(' and ')})` : '';
      ctx.addIssue({ code: 'custom', message: `${exactlyOneKind}${found}`, input });
    }
    const extraResult = extraSchema.safeParse(Object.fromEntries(Object.entries(rest).filter(([key]) => key in extra)), { reportInput: true });
    if (!extraResult.success) ctx.issues.push(...(extraResult.error.issues as z.core.$ZodRawIssue[]));
    if (kinds.length !== 1 || Object.keys(rest).some((key) => !(key in extra)) || !extraResult.success) return z.NEVER;
    const [kind, body] = kinds[0] as [CheckKind, unknown];
    const result = checkKinds[kind].safeParse(body, { reportInput: true });
    if (!result.success) {
      ctx.issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [kind, ...issue.path] }) as z.core.$ZodRawIssue));
      return z.NEVER;
    }
    return { ...extraResult.data, check: { [kind]: result.data } as Check };
  });
}

/** In a multi-run lesson, which run a check looks at; absent: every run. */
const runId = name.optional();

const labelledCheck = checkWith({ label: name, run: runId });
const optionCheck = checkWith({ run: runId });

const option = z.strictObject({
  text: name,
  correct: z.boolean().default(false),
  /** Holds exactly when the option is correct, in the state after the question's step. */
  check: optionCheck.optional(),
});

const choiceQuestion = z.strictObject({
  question: name,
  options: z.array(option).min(2),
  /** More than one option is correct (the player shows checkboxes). */
  multiple: z.boolean().default(false),
  explanation: name,
  /** Quiz only: the step whose state the option checks look at. */
  step: stepNumber.optional(),
});

const panelsQuestion = z.strictObject({
  question: name.default('Which panels will change at this step?'),
  /** The panels that change (possibly none). */
  panels: z.array(panel),
  explanation: name,
  /** Quiz only: the step it is about. */
  step: stepNumber.optional(),
  run: runId,
});

/** A multiple-choice question (`options`) or a "which panels change?" question (`panels`). */
const question = z.unknown().transform((input, ctx) => {
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  const kinds = isObject ? (['options', 'panels'] as const).filter((key) => key in input) : [];
  if (kinds.length !== 1) {
    ctx.addIssue({ code: 'custom', message: 'a question has either options (multiple choice) or panels (which panels change)', input });
    return z.NEVER;
  }
  const result = kinds[0] === 'options'
    ? choiceQuestion.safeParse(input, { reportInput: true })
    : panelsQuestion.safeParse(input, { reportInput: true });
  if (!result.success) {
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return kinds[0] === 'options'
    ? { kind: 'choice' as const, ...(result.data as z.output<typeof choiceQuestion>) }
    : { kind: 'panels' as const, ...(result.data as z.output<typeof panelsQuestion>) };
});
export type QuestionSource = z.output<typeof question>;

/** A lesson step: one scenario step (contract format) plus its checks and predictions. */
const lessonStep = z.looseObject({
  checks: z.array(labelledCheck).default([]),
  predict: z.array(question).default([]),
}).transform((value, ctx) => {
  const { checks, predict, ...scenarioStep } = value;
  const result = stepSchema.safeParse(scenarioStep, { reportInput: true });
  if (!result.success) {
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return { step: result.data, checks, predict };
});

const settings = z.record(z.string(), z.unknown());

export const frontMatterSchema = z.strictObject({
  title: name,
  goals: z.array(name).min(1),
  /** The virtual clock at the first step, e.g. 2026-01-01T00:00:00Z. */
  start: z.string(),
  /** Setting overrides (contract section 1). */
  settings: settings.default({}),
  /** Optional: the site as several workers (contract section 2); without it, one worker. */
  servers: serversSchema.optional(),
  /** Optional: the same steps under other settings, side by side. Each run's settings go over `settings`; its servers replace `servers`. */
  runs: z
    .array(z.strictObject({
      id: z.string().regex(/^[a-z0-9_]+$/, 'must be lowercase letters, digits or _'),
      label: name,
      settings: settings.default({}),
      servers: serversSchema.optional(),
    }))
    .min(2)
    .optional(),
  steps: z.array(lessonStep).min(1),
  quiz: z.array(question).min(1),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
