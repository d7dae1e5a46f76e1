/**
 * Every check kind in one place: its schema (what an author writes in a
 * lesson or a challenge), how it is judged on a run's records, and which
 * steps and profiles it names (so the compilers can refuse a reference to
 * nothing). A new check kind is one entry here plus its tests; nothing else
 * branches on check kinds by name.
 */
import { cookieHeaderPairs, setCookieParts } from '../sim/browser/cookieText.ts';
import { ownRecord, z } from '../sim/zod.ts';
import { NOT_SENT_TEXT, REJECT_TEXT } from '../sim/browser/reasons.ts';
import { DECISION_TEXT, type DecisionReason } from '../sim/django/trace.ts';
import type { StepRecord } from '../sim/scenario/run.ts';
import { STEP_KINDS } from '../sim/scenario/schema.ts';
import { kindOf as kindOfStep, stepKindOf, workerName, type StepKind } from '../sim/scenario/steps.ts';
import { resolveSettings } from '../sim/django/settings.ts';
import type { CacheEntry, FileEntry, TranscriptCookie, TranscriptEntry, TranscriptStore } from '../sim/scenario/transcript.ts';
import { PANELS, type Panel } from './panels.ts';

export interface Verdict {
  pass: boolean;
  /** What the state really is, in a few words (shown when a check fails, and in the tests' messages). */
  actual: string;
}

/** What a check is judged on: the run's records up to the step being checked (`records[K - 1]` is Step K). */
export interface CheckContext {
  records: readonly StepRecord[];
  /** The last of `records`: the state the check looks at. */
  now: StepRecord;
  /** How many of `records` came before the learner's own steps (a challenge's start state); 0 in a lesson. */
  since: number;
  /**
   * A signed cookie's payload, decoded without verifying it; null when it is
   * not signed data. Handed in by checks.ts, so that this registry (which the
   * build-time compilers load) stays free of the signing code.
   */
  readSigned(value: string): { data: unknown; compressed: boolean } | null;
}

/** A step number, a profile or a worker that a check names, at `path` inside the check's body. */
export type CheckReference =
  | { path: (string | number)[]; step: number }
  | { path: (string | number)[]; profile: string; atStep?: number }
  | { path: (string | number)[]; worker: string };

interface CheckKind<S extends z.ZodType> {
  schema: S;
  /** The panel where the checked fact is on screen; null for a check about all three. */
  panel: Panel | null;
  /** Whether the check reads the session's data itself, not just whether a session exists (the Server panel then shows it decoded). */
  readsSessionData?(body: z.output<S>): boolean;
  evaluate(body: z.output<S>, context: CheckContext): Verdict;
  /** The steps and profiles the check names; absent: none. */
  references?(body: z.output<S>): CheckReference[];
}

/** A check kind; its schema is built at the first check of that kind parsed (see zod.ts). */
const kind = <S extends z.ZodType>({ schema, ...definition }: Omit<CheckKind<S>, 'schema'> & { schema: () => S }): CheckKind<z.ZodLazy<S>> => ({
  ...definition,
  schema: z.lazy(schema),
});

const stepNumber = z.lazy(() => z.number().int().min(1));
const name = z.lazy(() => z.string().min(1));
const jsonObject = z.lazy(() => ownRecord(z.unknown()));

export const PLACES = ['db', 'cache', 'files'] as const;
export type StorePlace = (typeof PLACES)[number];

const DECISION_REASONS = Object.keys(DECISION_TEXT) as [DecisionReason, ...DecisionReason[]];

/** Another moment to compare with: a step (default: now) and a profile (default: the check's own). */
const moment = z.lazy(() => z.strictObject({ step: stepNumber.optional(), profile: name.optional() }));

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

function atLeastOneField(value: object, ctx: z.RefinementCtx) {
  if (Object.values(value).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'needs at least one field' });
}

const cookieAttributes = () => ({
  value: z.string().optional(),
  domain: z.string().optional(),
  host_only: z.boolean().optional(),
  path: z.string().optional(),
  secure: z.boolean().optional(),
  http_only: z.boolean().optional(),
  same_site: z.enum(['strict', 'lax', 'none', 'unspecified']).optional(),
  /** An ISO time, or null for a cookie that ends when the browser closes. */
  expires: z.string().nullable().optional(),
});
const ATTRIBUTES = ['value', 'domain', 'host_only', 'path', 'secure', 'http_only', 'same_site', 'expires'] as const;

const noRequest: Verdict = { pass: false, actual: 'this step sent no request' };

/** With per-worker caches or files (`servers`), the worker whose cache or disk is meant. */
const placeWorker = workerName.optional();

/** A worker goes with a cache or files; a session check without a place looks where the engine keeps sessions. */
function workerOnlyWithItsOwnPlace(value: { place?: StorePlace; worker?: string }, ctx: z.RefinementCtx) {
  if (value.worker !== undefined && value.place === 'db') {
    ctx.addIssue({ code: 'custom', path: ['worker'], message: 'only goes with place: cache or files (the database is shared by every worker)' });
  }
}

const workerReference = (worker: string | undefined): CheckReference[] => (worker === undefined ? [] : [{ path: ['worker'], worker }]);

export const CHECK_KINDS = {
  /** The jar of a profile has (with these attributes) or lacks a cookie. */
  jar: kind({
    panel: 'browser',
    schema: () => z
      .strictObject({
        profile: name.default('default'),
        has: name.optional(),
        lacks: name.optional(),
        ...cookieAttributes(),
        same_value_as: moment.optional(),
        differs_from: moment.optional(),
      })
      .superRefine(oneOf(['has', 'lacks']))
      .superRefine(onlyWith('has', [...ATTRIBUTES, 'same_value_as', 'differs_from'])),
    evaluate(check, { records, now }) {
      const cookies = jarOf(now.entry, check.profile);
      const actual = cookies.length
        ? `${check.profile}'s jar: ${cookies.map(describeCookie).join('; ')}`
        : `${check.profile}'s jar is empty`;
      if (check.lacks !== undefined) return { pass: !cookies.some((c) => c.name === check.lacks), actual };
      const cookieName = check.has as string;
      const matches = cookies
        .filter((c) => c.name === cookieName)
        .filter((c) => ATTRIBUTES.every((a) => check[a] === undefined || c[a] === check[a]));
      for (const [key, same] of [['same_value_as', true], ['differs_from', false]] as const) {
        const other = check[key];
        if (!other) continue;
        const profile = other.profile ?? check.profile;
        const step = other.step ?? records.length;
        const then = jarOf(records[step - 1].entry, profile).find((c) => c.name === cookieName);
        if (!then) return { pass: false, actual: `${actual}; no ${cookieName} in ${profile}'s jar at Step ${step}` };
        const kept = matches.filter((c) => (c.value === then.value) === same);
        const compared = `${actual}; ${profile}'s ${cookieName} at Step ${step}: ${short(then.value)}`;
        if (!kept.length) return { pass: false, actual: compared };
        matches.splice(0, matches.length, ...kept);
      }
      return { pass: matches.length > 0, actual };
    },
    references(check) {
      const refs: CheckReference[] = [{ path: ['profile'], profile: check.profile }];
      for (const key of ['same_value_as', 'differs_from'] as const) {
        const other = check[key];
        if (!other) continue;
        if (other.step !== undefined) refs.push({ path: [key, 'step'], step: other.step });
        refs.push({ path: [key, 'profile'], profile: other.profile ?? check.profile, atStep: other.step });
      }
      return refs;
    },
  }),

  /** This step's request sent or did not send a cookie. */
  request: kind({
    panel: 'network',
    schema: () => z.strictObject({ sends: name.optional(), omits: name.optional() }).superRefine(oneOf(['sends', 'omits'])),
    evaluate(check, { now }) {
      const request = now.entry.request;
      if (!request) return noRequest;
      const names = cookieNames(request.cookie);
      const header = request.cookie === null ? 'no Cookie header' : `Cookie: ${short(request.cookie, 80)}`;
      if (check.sends !== undefined) return { pass: names.includes(check.sends), actual: header };
      const omitted = check.omits as string;
      const why = now.effects.exchange?.sent.notSent.find((n) => n.cookie.name === omitted);
      return { pass: !names.includes(omitted), actual: why ? `${header}; ${omitted} not sent: ${NOT_SENT_TEXT[why.reason]}` : header };
    },
  }),

  /** This step was a request from this profile, with this method, to this path, started by this origin's page, of this kind. */
  exchange: kind({
    panel: 'network',
    schema: () => z
      .strictObject({
        profile: name.optional(),
        method: z.string().regex(/^[A-Z]+$/, 'must be an uppercase HTTP method').optional(),
        path: z.string().startsWith('/').optional(),
        /** The origin whose page started the request (a request names none: the URL's own origin). */
        initiator: z.string().url().optional(),
        kind: z.enum(['navigation', 'fetch']).optional(),
      })
      .superRefine(atLeastOneField),
    evaluate(check, { now }) {
      const request = now.entry.request;
      const spec = stepKindOf(now.entry.step).requestOf(now.entry.step);
      if (!request || !spec) return noRequest;
      const url = new URL(request.url);
      const initiator = spec.initiator ?? url.origin;
      const requestKind = spec.kind ?? 'navigation';
      const pass = (check.profile === undefined || request.browser === check.profile)
        && (check.method === undefined || request.method === check.method)
        && (check.path === undefined || url.pathname === check.path)
        && (check.initiator === undefined || initiator === check.initiator)
        && (check.kind === undefined || requestKind === check.kind);
      return { pass, actual: `${request.method} ${url.pathname} from ${request.browser}'s browser (a ${requestKind} started by ${initiator})` };
    },
    references: (check) => (check.profile === undefined ? [] : [{ path: ['profile'], profile: check.profile }]),
  }),

  /** The virtual clock after this step is at least this time. */
  clock: kind({
    panel: 'server',
    schema: () => z.strictObject({ at_least: z.iso.datetime() }),
    evaluate(check, { now }) {
      return { pass: Date.parse(now.entry.clock) >= Date.parse(check.at_least), actual: `the clock says ${now.entry.clock}` };
    },
  }),

  /** This step's response status. */
  status: kind({
    panel: 'network',
    schema: () => z.number().int().min(100).max(599),
    evaluate(status, { now }) {
      const response = now.entry.response;
      if (!response) return noRequest;
      return { pass: response.status === status, actual: `status ${response.status}` };
    },
  }),

  /** This step's Set-Cookie headers: none, one that sets a cookie, or one that deletes it. */
  set_cookie: kind({
    panel: 'network',
    schema: () => z.union([
      z.literal('none'),
      z
        .strictObject({
          sets: name.optional(),
          deletes: name.optional(),
          /** Attribute name → exact value, true (present) or false (absent); names ignore case. */
          attributes: ownRecord(z.union([z.string(), z.boolean()])).optional(),
          /** name=value is longer than this many bytes. */
          size_over: z.number().int().min(0).optional(),
          /** Whether the browser applied the line (stored, replaced or deleted) rather than rejecting it. */
          applied: z.boolean().optional(),
        })
        .superRefine(oneOf(['sets', 'deletes']))
        .superRefine(onlyWith('sets', ['attributes', 'size_over'])),
    ]),
    evaluate(check, { now }) {
      const response = now.entry.response;
      if (!response) return noRequest;
      const lines = response.set_cookie.map(parseSetCookieLine);
      const actual = lines.length ? lines.map((l) => `Set-Cookie: ${short(l.line, 140)}`).join(' | ') : 'no Set-Cookie';
      if (check === 'none') return { pass: lines.length === 0, actual };
      const cookieName = (check.sets ?? check.deletes) as string;
      const candidates = lines.filter((l) => l.name === cookieName && isDeletion(l) === (check.deletes !== undefined));
      const wanted = candidates.filter((l) =>
        Object.entries(check.attributes ?? {}).every(([attribute, expected]) => {
          const value = l.attributes.get(attribute.toLowerCase());
          return expected === true ? value !== undefined : expected === false ? value === undefined : value === expected;
        })
        && (check.size_over === undefined || byteLength(l.name + l.value) > check.size_over));
      if (check.applied === undefined || !wanted.length) {
        const size = check.size_over === undefined ? '' : candidates.map((l) => ` (name and value: ${byteLength(l.name + l.value)} bytes)`).join('');
        return { pass: wanted.length > 0, actual: actual + size };
      }
      const outcomes = now.effects.exchange?.stored ?? [];
      const applied = wanted.some((l) => {
        const outcome = outcomes.find((o) => o.line === l.line);
        return outcome !== undefined && outcome.result !== 'rejected';
      });
      const rejection = outcomes.find((o) => wanted.some((l) => l.line === o.line) && o.result === 'rejected');
      const browser = rejection?.reason ? `the browser rejected it: ${REJECT_TEXT[rejection.reason]}${rejection.detail ? ` Here ${rejection.detail}.` : ''}` : applied ? 'the browser applied it' : 'the browser did not apply it';
      return { pass: applied === check.applied, actual: `${actual}; ${browser}` };
    },
  }),

  /** This step's Vary header has or lacks a name. */
  vary: kind({
    panel: 'network',
    schema: () => z.strictObject({ has: name.optional(), lacks: name.optional() }).superRefine(oneOf(['has', 'lacks'])),
    evaluate(check, { now }) {
      const response = now.entry.response;
      if (!response) return noRequest;
      const vary = response.vary.map((v) => v.toLowerCase());
      const actual = response.vary.length ? `Vary: ${response.vary.join(', ')}` : 'no Vary header';
      return check.has !== undefined
        ? { pass: vary.includes(check.has.toLowerCase()), actual }
        : { pass: !vary.includes((check.lacks as string).toLowerCase()), actual };
    },
  }),

  /** How many rows, entries or files a store place holds; `nothing`: every place is empty. */
  store: kind({
    panel: 'server',
    schema: () => z.union([
      z.literal('nothing'),
      z.strictObject({ place: z.enum(PLACES), worker: placeWorker, count: z.number().int().min(0) }).superRefine(workerOnlyWithItsOwnPlace),
    ]),
    evaluate(check, { now }) {
      const store = now.entry.store;
      const places = Object.entries(store) as [string, unknown[]][];
      const counts = places.map(([p, items]) => `${p}: ${items.length}`);
      const actual = counts.length ? counts.join(', ') : 'no server-side store (the engine keeps sessions in the cookie)';
      if (check === 'nothing') return { pass: places.every(([, items]) => items.length === 0), actual };
      const key = storeKey(store, check.place, check.worker);
      if ('error' in key) return { pass: false, actual: `${key.error}; ${actual}` };
      return { pass: store[key.key]?.length === check.count, actual };
    },
    references: (check) => (check === 'nothing' ? [] : workerReference(check.worker)),
  }),

  /** The stored session of the key a profile's cookie holds. */
  session: kind({
    panel: 'server',
    readsSessionData: (body) => body.data !== undefined || body.includes !== undefined || body.lacks !== undefined,
    schema: () => z
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
      }),
    evaluate(check, { records, now }) {
      const store = now.entry.store;
      const keyStep = check.key_from_step ?? records.length;
      const cookie = jarOf(records[keyStep - 1].entry, check.profile).find((c) => c.name === check.cookie);
      const whose = `${check.profile}'s ${check.cookie}${check.key_from_step ? ` at Step ${keyStep}` : ''}`;
      if (!cookie) return { pass: check.missing === true, actual: `no ${whose} cookie, so no session to look up` };
      const place = check.place ?? PLACES.find((p) => placesOf(store, p).length > 0);
      if (!place) return { pass: false, actual: 'this engine keeps no server-side store' };
      const where = storeKey(store, place, check.worker);
      if ('error' in where) return { pass: false, actual: where.error };
      const found = storedSession(store, where.key, cookie.value, check.cookie);
      const key = short(cookie.value);
      if (found === undefined) return { pass: check.missing === true, actual: `no session for ${whose} (${key}) in ${where.key}` };
      const actual = `${where.key} holds ${whose} (${key}): ${found === null ? 'an empty file' : short(JSON.stringify(found), 200)}`;
      if (check.missing) return { pass: false, actual };
      const data = (found ?? {}) as Record<string, unknown>;
      const pass = (check.data === undefined || sameJson(data, check.data))
        && (check.includes === undefined || includes(data, check.includes))
        && (check.lacks === undefined || check.lacks.every((k) => !Object.hasOwn(data, k)));
      return { pass, actual };
    },
    references(check) {
      const refs: CheckReference[] = [{ path: ['profile'], profile: check.profile, atStep: check.key_from_step }, ...workerReference(check.worker)];
      if (check.key_from_step !== undefined) refs.push({ path: ['key_from_step'], step: check.key_from_step });
      return refs;
    },
  }),

  /** The payload of a signed cookie in a jar, decoded (not verified): what anyone holding it can read. */
  cookie_data: kind({
    panel: 'server',
    schema: () => z
      .strictObject({
        profile: name.default('default'),
        name: name.default('sessionid'),
        equals: z.unknown().optional(),
        includes: jsonObject.optional(),
      })
      .superRefine(oneOf(['equals', 'includes'])),
    evaluate(check, { now, readSigned }) {
      const cookie = jarOf(now.entry, check.profile).find((c) => c.name === check.name);
      if (!cookie) return { pass: false, actual: `no ${check.name} in ${check.profile}'s jar` };
      const inspected = readSigned(cookie.value);
      if (inspected === null) return { pass: false, actual: `${check.name}'s value does not decode as signed data` };
      const { data } = inspected;
      const actual = `${check.name} decodes to ${short(JSON.stringify(data), 200)}${inspected.compressed ? ' (compressed)' : ''}`;
      return { pass: check.includes !== undefined ? includes(data, check.includes) : sameJson(data, check.equals), actual };
    },
    references: (check) => [{ path: ['profile'], profile: check.profile }],
  }),

  /** SessionMiddleware's decision on this step's response. */
  decision: kind({
    panel: 'server',
    schema: () => z
      .strictObject({
        reason: z.enum(DECISION_REASONS).optional(),
        cookie: z.enum(['set', 'deleted', 'untouched']).optional(),
        accessed: z.boolean().optional(),
        modified: z.boolean().optional(),
        empty: z.boolean().optional(),
        saved: z.boolean().optional(),
      })
      .superRefine(atLeastOneField),
    evaluate(check, { now }) {
      const made = now.effects.exchange?.trace.session;
      if (!made) return noRequest;
      const fields = ['reason', 'cookie', 'accessed', 'modified', 'empty', 'saved'] as const;
      const pass = fields.every((f) => check[f] === undefined || made[f] === check[f]);
      const actual = `${made.reason}: accessed ${made.accessed}, modified ${made.modified}, empty ${made.empty}, saved ${made.saved}, cookie ${made.cookie}`;
      return { pass, actual };
    },
  }),

  /** This step's response body. */
  json: kind({
    panel: 'network',
    schema: () => z.strictObject({ equals: z.unknown().optional(), includes: jsonObject.optional() }).superRefine(oneOf(['equals', 'includes'])),
    evaluate(check, { now }) {
      const response = now.entry.response;
      if (!response) return noRequest;
      const body = response.json;
      const actual = body === null ? 'the body is not JSON' : `body ${short(JSON.stringify(body), 160)}`;
      return check.includes !== undefined
        ? { pass: includes(body, check.includes), actual }
        : { pass: sameJson(body, check.equals), actual };
    },
  }),

  /** Something the server did during this step (a store, auth or session event). */
  event: kind({
    panel: 'server',
    schema: () => z.strictObject({
      kind: z.enum(['store', 'auth', 'session']).optional(),
      op: name,
      place: z.enum(['db', 'cache', 'file', 'cookie']).optional(),
      action: name.optional(),
      user: name.optional(),
    }),
    evaluate(check, { now }) {
      const events = [...(now.effects.exchange?.trace.events ?? []), ...(now.effects.events ?? [])];
      const pass = events.some((e) =>
        (Object.entries(check) as [string, unknown][]).every(([field, value]) => (e as unknown as Record<string, unknown>)[field] === value));
      const actual = events.length
        ? `events: ${events.map((e) => [e.kind, e.op, 'place' in e ? e.place : null, 'action' in e ? e.action : null].filter(Boolean).join(' ')).join(', ')}`
        : 'no server events';
      return { pass, actual };
    },
  }),

  /** Whether the script of the page that started this step's fetch may read the response. */
  page_can_read: kind({
    panel: 'network',
    schema: () => z.boolean(),
    evaluate(expected, { now }) {
      const response = now.entry.response;
      if (!response) return noRequest;
      const readable = response.page_can_read;
      if (readable === undefined) return { pass: false, actual: 'a navigation: the page that started it is left behind, there is no script to read it' };
      return {
        pass: readable === expected,
        actual: readable ? 'the page may read the response (same origin)' : 'the page cannot read the response (cross-origin, no CORS headers: opaque)',
      };
    },
  }),

  /** The worker that served this step's request (with `servers`). */
  worker: kind({
    panel: 'server',
    schema: () => workerName,
    evaluate(expected, { now }) {
      const request = now.entry.request;
      if (!request) return noRequest;
      const served = request.worker;
      return { pass: served === expected, actual: served === undefined ? 'the site runs as one worker' : `served by worker ${served}` };
    },
    references: (worker) => [{ path: [], worker }],
  }),

  /**
   * A setting of the release running now, i.e. of the last deploy (the demo
   * site's value where the release leaves it out): equal to, or other than, a value.
   */
  release: kind({
    panel: 'server',
    schema: () => z
      .strictObject({ setting: name, equals: z.unknown().optional(), not: z.unknown().optional() })
      .superRefine(oneOf(['equals', 'not'])),
    evaluate(check, { records }) {
      const releases = records.filter((r) => r.error === null).map((r) => stepKindOf(r.entry.step).release(r.entry.step)).filter((r) => r !== null);
      const last = releases[releases.length - 1];
      if (!last) return { pass: false, actual: 'no release has been deployed yet' };
      const resolved = resolveSettings(last);
      if (!resolved.ok) return { pass: false, actual: 'the last release has settings Django refuses' };
      const value = (resolved.settings as unknown as Record<string, unknown>)[check.setting];
      const actual = `the release running has ${check.setting} = ${short(JSON.stringify(value) ?? 'nothing', 80)}`;
      return { pass: check.not !== undefined ? !sameJson(value, check.not) : sameJson(value, check.equals), actual };
    },
  }),

  /** Some step of this kind has run (in a challenge: since its start state). */
  took: kind({
    panel: 'server',
    schema: () => z.enum(STEP_KINDS as [StepKind, ...StepKind[]]),
    evaluate(stepKind, { records, since }) {
      const taken = records.slice(since).map((r) => kindOfStep(r.entry.step));
      return { pass: taken.includes(stepKind), actual: taken.length ? `steps taken: ${[...new Set(taken)].join(', ')}` : 'no step taken yet' };
    },
  }),

  /** Exactly these panels changed at this step. */
  changes: kind({
    panel: null,
    schema: () => z.array(z.enum(PANELS)),
    evaluate(panels, { records }) {
      const changed = changedPanels(records);
      return { pass: sameJson(changed, PANELS.filter((p) => panels.includes(p))), actual: changed.length ? `changed: ${changed.join(', ')}` : 'nothing changed' };
    },
  }),
};

export type CheckKindName = keyof typeof CHECK_KINDS;
export const CHECK_KIND_NAMES = Object.keys(CHECK_KINDS) as CheckKindName[];
type Body<K extends CheckKindName> = z.output<(typeof CHECK_KINDS)[K]['schema']>;
/** One machine-checkable fact about the state after a step: an object with exactly one kind key. */
export type Check = { [K in CheckKindName]: { [P in K]: Body<K> } }[CheckKindName];

export type JarCheck = Body<'jar'>;
export type SetCookieCheck = Body<'set_cookie'>;
export type SessionCheck = Body<'session'>;
export type CookieDataCheck = Body<'cookie_data'>;
export type DecisionCheck = Body<'decision'>;
export type EventCheck = Body<'event'>;

export function isCheckKind(key: string): key is CheckKindName {
  return Object.hasOwn(CHECK_KINDS, key);
}

function kindOf(check: Check): CheckKindName {
  return Object.keys(check)[0] as CheckKindName;
}

type AnyKind = CheckKind<z.ZodType>;

/** Judges `check` in `context` by asking its kind. */
export function judge(check: Check, context: CheckContext): Verdict {
  const name = kindOf(check);
  return (CHECK_KINDS[name] as unknown as AnyKind).evaluate((check as Record<string, unknown>)[name], context);
}

/** Where `check`'s fact is on screen; null for a check about all three panels. */
export function panelOf(check: Check): Panel | null {
  return CHECK_KINDS[kindOf(check)].panel;
}

/** Whether `check` looks at the session's data itself, not just whether a session exists. */
export function readsSessionData(check: Check): boolean {
  const name = kindOf(check);
  return (CHECK_KINDS[name] as unknown as AnyKind).readsSessionData?.((check as Record<string, unknown>)[name]) ?? false;
}

/** The steps and profiles `check` names, with paths from the check itself (`['jar', 'profile']`). */
export function checkReferences(check: Check): CheckReference[] {
  const name = kindOf(check);
  const refs = (CHECK_KINDS[name] as unknown as AnyKind).references?.((check as Record<string, unknown>)[name]) ?? [];
  return refs.map((ref) => ({ ...ref, path: [name, ...ref.path] }));
}

/** Which panels the last of `records` changed: the jars, the wire (a request was sent), the server's store. */
export function changedPanels(records: readonly StepRecord[]): Panel[] {
  const now = records[records.length - 1].entry;
  const before = records.length > 1 ? records[records.length - 2].entry : null;
  const changed: Record<Panel, boolean> = {
    browser: !sameLists(before?.jars ?? {}, now.jars),
    network: now.request !== null,
    server: !sameLists((before?.store ?? {}) as Record<string, unknown[]>, now.store as Record<string, unknown[]>),
  };
  return PANELS.filter((p) => changed[p]);
}

interface ParsedLine {
  line: string;
  name: string;
  value: string;
  /** Attribute names lowercased; a flag has the value true. */
  attributes: Map<string, string | true>;
}

function parseSetCookieLine(line: string): ParsedLine {
  const { name, value, attributes } = setCookieParts(line);
  return { line, name, value, attributes };
}

// Django deletes a cookie with Max-Age=0 and an expiry in 1970.
const isDeletion = (parsed: ParsedLine) => parsed.attributes.get('max-age') === '0';

/** The store's places of one kind: `cache`, or `cache@a`, `cache@b` for a cache per worker. */
function placesOf(store: TranscriptStore, place: StorePlace): string[] {
  return Object.keys(store).filter((key) => key === place || key.startsWith(`${place}@`));
}

/**
 * Where to look for `place` (of `worker`): its own `cache@a`, or the one
 * `cache` every worker shares. Without a worker, a place kept per worker is
 * ambiguous.
 */
function storeKey(store: TranscriptStore, place: StorePlace, worker: string | undefined): { key: keyof TranscriptStore } | { error: string } {
  const own = `${place}@${worker}` as keyof TranscriptStore;
  if (worker !== undefined && own in store) return { key: own };
  if (place in store) return { key: place };
  const perWorker = placesOf(store, place);
  if (perWorker.length === 0) return { error: `this engine keeps no ${place}` };
  return { error: worker === undefined ? `each worker has its own ${place} (${perWorker.join(', ')}): name the worker` : `no ${place} of worker ${worker} (${perWorker.join(', ')})` };
}

/** The data stored for `key` in the store's `place`: undefined when absent, null for an empty file. */
function storedSession(store: TranscriptStore, place: keyof TranscriptStore, key: string, cookieName: string): unknown {
  if (place === 'db') return store.db?.find((row) => row.session_key === key)?.data;
  // Cache keys are the engine's prefix followed by the session key.
  if (place === 'cache' || place.startsWith('cache@')) return (store[place] as CacheEntry[]).find((e) => e.key.endsWith(key))?.data;
  return (store[place] as FileEntry[]).find((f) => f.name === cookieName + key)?.data;
}

function jarOf(entry: TranscriptEntry, profile: string): TranscriptCookie[] {
  return entry.jars[profile] ?? [];
}

function describeCookie(c: TranscriptCookie): string {
  const flags = [c.http_only && 'HttpOnly', c.secure && 'Secure', `SameSite=${c.same_site}`, c.expires ? `expires ${c.expires}` : 'until the browser closes'];
  return `${c.name}=${short(c.value)} (${flags.filter(Boolean).join(', ')})`;
}

function cookieNames(header: string | null): string[] {
  return cookieHeaderPairs(header).map((pair) => pair.name);
}

/** Long values (signed cookies can be 4 KB) cut to their start, with their length. */
function short(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 8)}… (${text.length} chars)`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function sameLists(a: Record<string, unknown[] | undefined>, b: Record<string, unknown[] | undefined>): boolean {
  // A place or profile that is not there yet is as good as an empty one.
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => sameJson(a[k] ?? [], b[k] ?? []));
}

/** Deep equality of JSON values; object keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Every key of `expected` is in `actual` with an equal value. */
function includes(actual: unknown, expected: Record<string, unknown>): boolean {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([k, v]) => Object.hasOwn(actual, k) && sameJson((actual as Record<string, unknown>)[k], v));
}
