/**
 * Plays a Plan (see arbitraries.ts) step by step and checks, after every
 * step, what must hold whatever the steps are. Each check reads the
 * transcript entry (what real Django's transcripts record too) and the jar
 * as it was before a request; none asks the engine what it meant to do.
 *
 * The invariants, precisely:
 *
 * - no-expired-cookie: every `name=value` in a request's Cookie header is a
 *   cookie the profile's jar held before the request, unexpired at the
 *   request's time (expires null or later than now); and no jar lists an
 *   expired cookie.
 * - set-means-stored: after a request whose response set the session cookie
 *   to K (not a deletion: a value, and no Max-Age <= 0) and whose profile's
 *   jar now holds K, the store holds a live session K: db a row expiring
 *   later; cached_db that row and a live cache entry; cache a live entry;
 *   file a file with data (signed_cookies has no store).
 * - losses-have-causes: a session key that was in a place (db rows, cache
 *   entries, files) before a step and is not after it left only because
 *   (a) the step was a request whose Cookie header carried it (its session
 *   was read, flushed or cycled), (b) the step was a request writing a full
 *   cache (LocMemCache culls before writing; a request adds at most two
 *   entries first), or (c) clearsessions removed an expired row (expire_date
 *   earlier than now) or a file that may have expired (see FileWrites).
 *   After clearsessions no db row has expired.
 * - never-resurrected: a key that was stored and then left every place never
 *   comes back. With set-means-stored this makes "the cookie names a live
 *   session" hold until the session expires, is evicted or is flushed.
 * - expired-stays-dead: a db row or cache entry that had expired before a
 *   step is not live after it (but see checkExpiredStaysDead on /clear/).
 * - expired-not-adopted: GET /peek/ whose session cookie names no live
 *   session (for signed_cookies: signed more than SESSION_COOKIE_AGE ago)
 *   shows an empty session.
 * - flush-leaves-nothing: after a 200 to POST /logout/, /flush/, /cycle/ or
 *   /password/ whose request carried a live session key K (Django reads the
 *   last cookie of that name), neither the store nor the response's
 *   Set-Cookie contains K anywhere.
 * - valid-steps-run: a valid step is never refused (no `error` in its entry).
 */
import { runStep, worldFor } from '../../src/sim/scenario/run';
import type { Scenario, Step } from '../../src/sim/scenario/schema';
import type { Transcript, TranscriptEntry, TranscriptStore } from '../../src/sim/scenario/transcript';
import type { StoredCookie } from '../../src/sim/browser';
import type { Transport, World } from '../../src/sim/world';
import { isSteal, START, type Action, type Plan } from './arbitraries';

const CACHE_PREFIX = 'django.contrib.sessions.cache';
const CACHED_DB_PREFIX = 'django.contrib.sessions.cached_db';
const UNKNOWN_KEY = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';

type Engine = 'db' | 'cache' | 'cached_db' | 'file' | 'signed_cookies';

/** The run's constants the checks need, from the plan's settings (not from the engine). */
export interface RunFacts {
  engine: Engine;
  cookieName: string;
  maxEntries: number;
  /** SESSION_COOKIE_AGE, in ms. */
  age: number;
}

export function factsOf(settings: Record<string, unknown>): RunFacts {
  const engine = String(settings.SESSION_ENGINE ?? 'django.contrib.sessions.backends.db').split('.').pop() as Engine;
  const options = (settings.CACHES as { default?: { OPTIONS?: { MAX_ENTRIES?: number } } } | undefined)?.default?.OPTIONS;
  return {
    engine,
    cookieName: typeof settings.SESSION_COOKIE_NAME === 'string' ? settings.SESSION_COOKIE_NAME : 'sessionid',
    maxEntries: options?.MAX_ENTRIES ?? 300,
    age: (typeof settings.SESSION_COOKIE_AGE === 'number' ? settings.SESSION_COOKIE_AGE : 1209600) * 1000,
  };
}

/** Session keys by place, with what each check needs to know about them. */
export interface Places {
  /** key → expire_date (ms) */
  db: Map<string, number>;
  /** key → expires (ms, or null for never); keys of both engines' prefixes */
  cache: Map<string, number | null>;
  /** key → the file's decoded data (null for the empty placeholder) */
  files: Map<string, unknown>;
  cacheSize: number;
}

export function placesOf(store: TranscriptStore, cookieName: string): Places {
  const cache = new Map<string, number | null>();
  for (const entry of store.cache ?? []) {
    const prefix = entry.key.startsWith(CACHED_DB_PREFIX) ? CACHED_DB_PREFIX : CACHE_PREFIX;
    cache.set(entry.key.slice(prefix.length), entry.expires === null ? null : Date.parse(entry.expires));
  }
  return {
    db: new Map((store.db ?? []).map((row) => [row.session_key, Date.parse(row.expire_date)])),
    cache,
    files: new Map((store.files ?? []).filter((f) => f.name.startsWith(cookieName)).map((f) => [f.name.slice(cookieName.length), f.data])),
    cacheSize: (store.cache ?? []).length,
  };
}

const allKeys = (places: Places) => new Set([...places.db.keys(), ...places.cache.keys(), ...places.files.keys()]);

const alive = (expires: number | null | undefined, now: number) => expires !== undefined && (expires === null || expires > now);

/**
 * Would the engine load session `key` at `now`? Django loads a row whose
 * expire_date is later than now and a cache entry whose time is not up; a
 * file's expiry hangs on its mtime, which the transcript does not show, so
 * any file counts.
 */
export function isLive(places: Places, engine: Engine, key: string, now: number): boolean {
  switch (engine) {
    case 'db':
      return alive(places.db.get(key), now);
    case 'cached_db':
      return alive(places.db.get(key), now) || alive(places.cache.get(key), now);
    case 'cache':
      return alive(places.cache.get(key), now);
    case 'file':
      return places.files.has(key);
    case 'signed_cookies':
      return false;
  }
}

/** `name=value` pairs of a Cookie header (values never hold "; ": the jar refuses ";"). */
export function cookiePairs(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? { name: '', value: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

/** The session cookie Django reads: the last of that name (later duplicates win in parse_cookie). */
const readKey = (facts: RunFacts, header: string | null) =>
  cookiePairs(header).filter((p) => p.name === facts.cookieName).at(-1)?.value;

/** A Set-Cookie line's name, value and Max-Age (null when absent). */
export function parseSetCookieLine(line: string): { name: string; value: string; maxAge: number | null } {
  const [pair, ...attributes] = line.split('; ');
  const eq = pair.indexOf('=');
  const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), maxAge: maxAge === undefined ? null : Number(maxAge.slice(8)) };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The time (ms) a signing.dumps value was signed: its middle field, in Django's base 62; null if not that shape. */
export function signedAt(value: string): number | null {
  const parts = value.split(':');
  if (parts.length !== 3 || !/^[0-9A-Za-z]+$/.test(parts[1])) return null;
  return [...parts[1]].reduce((n, digit) => n * 62 + BASE62.indexOf(digit), 0) * 1000;
}

// ---- the checks, one function each, on plain data --------------------------------

export function checkNoExpiredCookieSent(jarBefore: readonly StoredCookie[], header: string | null, now: number): string[] {
  const unused = [...jarBefore];
  const problems: string[] = [];
  for (const { name, value } of cookiePairs(header)) {
    const live = unused.findIndex((c) => c.name === name && c.value === value && (c.expires === null || c.expires > now));
    if (live >= 0) {
      unused.splice(live, 1);
    } else if (unused.some((c) => c.name === name && c.value === value)) {
      problems.push(`no-expired-cookie: sent ${name}=${value}, which had expired`);
    } else {
      problems.push(`no-expired-cookie: sent ${name}=${value}, which the jar did not hold`);
    }
  }
  return problems;
}

export function checkJarsListNoExpired(entry: TranscriptEntry): string[] {
  const now = Date.parse(entry.clock);
  return Object.entries(entry.jars).flatMap(([profile, cookies]) =>
    cookies
      .filter((c) => c.expires !== null && Date.parse(c.expires) <= now)
      .map((c) => `no-expired-cookie: jar ${profile} lists ${c.name}=${c.value}, expired at ${c.expires}`),
  );
}

export function checkSetMeansStored(facts: RunFacts, entry: TranscriptEntry): string[] {
  if (!entry.request || !entry.response || facts.engine === 'signed_cookies') return [];
  const now = Date.parse(entry.clock);
  const places = placesOf(entry.store, facts.cookieName);
  const jar = entry.jars[entry.request.browser] ?? [];
  const problems: string[] = [];
  for (const line of entry.response.set_cookie) {
    const { name, value, maxAge } = parseSetCookieLine(line);
    if (name !== facts.cookieName || value === '' || value === '""' || (maxAge !== null && maxAge <= 0)) continue;
    if (!jar.some((c) => c.name === name && c.value === value)) continue;
    const stored = facts.engine === 'cached_db'
      ? alive(places.db.get(value), now) && alive(places.cache.get(value), now)
      : facts.engine === 'file'
        ? places.files.get(value) != null
        : isLive(places, facts.engine, value, now);
    if (!stored) problems.push(`set-means-stored: the jar holds ${name}=${value} just set, but the store has no live session ${value}`);
  }
  return problems;
}

/**
 * When each file was last written, at the latest: a file first seen, with
 * new data, or whose key a Set-Cookie carried (the middleware saved it) was
 * written during that step, so its mtime is at least that step's time.
 */
export class FileWrites {
  #written = new Map<string, number>();

  note(facts: RunFacts, before: Places, entry: TranscriptEntry, now: number): void {
    const after = placesOf(entry.store, facts.cookieName);
    const setKeys = (entry.response?.set_cookie ?? []).map((line) => parseSetCookieLine(line).value);
    for (const [key, data] of after.files) {
      const changed = !before.files.has(key) || JSON.stringify(before.files.get(key)) !== JSON.stringify(data);
      if (changed || setKeys.includes(key)) this.#written.set(key, now);
    }
  }

  /**
   * Could clearsessions find this file expired? Django's file engine never
   * expires an empty file; it takes a `_session_expiry` number as the seconds
   * left from now, so a positive one never expires (our scenario 13) and a
   * negative one already has; a date expires at that date; otherwise mtime +
   * SESSION_COOKIE_AGE.
   */
  mayHaveExpired(facts: RunFacts, key: string, data: unknown, now: number): boolean {
    if (data === null || typeof data !== 'object') return false;
    const expiry = (data as Record<string, unknown>)._session_expiry;
    if (typeof expiry === 'number' && expiry !== 0) return expiry < 0;
    if (typeof expiry === 'string') return Date.parse(expiry) <= now;
    return (this.#written.get(key) ?? -Infinity) + facts.age <= now;
  }
}

export function checkLossesHaveCauses(
  facts: RunFacts, step: Step, before: Places, entry: TranscriptEntry, now: number, files: FileWrites,
): string[] {
  const after = placesOf(entry.store, facts.cookieName);
  const carried = new Set(
    cookiePairs(entry.request?.cookie ?? null).filter((p) => p.name === facts.cookieName).map((p) => p.value),
  );
  const isRequest = 'request' in step && entry.request !== null;
  const clearing = 'clearsessions' in step;
  const problems: string[] = [];
  const lost = <T>(place: 'db' | 'cache' | 'files', was: Map<string, T>, is: Map<string, T>, cause: (key: string) => boolean) => {
    for (const key of was.keys()) {
      if (!is.has(key) && !(isRequest && carried.has(key)) && !cause(key)) {
        problems.push(`losses-have-causes: session ${key} left ${place} with no cause`);
      }
    }
  };
  lost('db', before.db, after.db, (key) => clearing && (before.db.get(key) as number) < now);
  lost('cache', before.cache, after.cache, () => isRequest && before.cacheSize + 2 >= facts.maxEntries);
  lost('files', before.files, after.files, (key) => clearing && files.mayHaveExpired(facts, key, before.files.get(key), now));
  if (clearing) {
    for (const [key, expires] of after.db) {
      if (expires < now) problems.push(`losses-have-causes: clearsessions kept the expired row ${key}`);
    }
  }
  return problems;
}

/** Keeps, across a run, which keys were stored and which have left every place. */
export class ResurrectionWatch {
  #stored = new Set<string>();
  #gone = new Set<string>();

  check(facts: RunFacts, entry: TranscriptEntry): string[] {
    const present = allKeys(placesOf(entry.store, facts.cookieName));
    const problems = [...present].filter((k) => this.#gone.has(k)).map((k) => `never-resurrected: session ${k} is back`);
    for (const key of this.#stored) if (!present.has(key)) this.#gone.add(key);
    for (const key of present) this.#stored.add(key);
    return problems;
  }
}

/**
 * A session stored but expired before a step is not live after it (db rows
 * and cache entries), except that POST /clear/ carrying its key rewrites it:
 * clear() never loads, so Django saves under the key it was given (checked
 * with the oracle).
 */
export function checkExpiredStaysDead(facts: RunFacts, before: Places, entry: TranscriptEntry, now: number): string[] {
  if (facts.engine === 'file' || facts.engine === 'signed_cookies') return [];
  const after = placesOf(entry.store, facts.cookieName);
  const cleared = entry.request && new URL(entry.request.url).pathname === '/clear/' ? readKey(facts, entry.request.cookie) : undefined;
  return [...allKeys(before)]
    .filter((key) => key !== cleared && !isLive(before, facts.engine, key, now) && isLive(after, facts.engine, key, now))
    .map((key) => `expired-stays-dead: the expired session ${key} is live again`);
}

/** GET /peek/ with a session cookie that names no live session shows an empty session. */
export function checkExpiredNotAdopted(facts: RunFacts, before: Places, entry: TranscriptEntry, now: number): string[] {
  if (!entry.request || entry.response?.status !== 200 || new URL(entry.request.url).pathname !== '/peek/') return [];
  const key = readKey(facts, entry.request.cookie);
  if (key === undefined) return [];
  const signed = facts.engine === 'signed_cookies' ? signedAt(key) : null;
  const dead = facts.engine === 'signed_cookies'
    ? signed !== null && now - signed > facts.age
    : !isLive(before, facts.engine, key, now);
  const shown = JSON.stringify((entry.response.json as { session?: unknown } | null)?.session);
  return dead && shown !== '{}' ? [`expired-not-adopted: /peek/ with the dead session ${key} showed ${shown}`] : [];
}

const KEY_CHANGING = ['/logout/', '/flush/', '/cycle/', '/password/'];

export function checkFlushLeavesNothing(facts: RunFacts, before: Places, entry: TranscriptEntry, now: number): string[] {
  if (!entry.request || !entry.response || entry.request.method !== 'POST' || entry.response.status !== 200) return [];
  const path = new URL(entry.request.url).pathname;
  if (!KEY_CHANGING.includes(path)) return [];
  const key = readKey(facts, entry.request.cookie);
  if (key === undefined || !isLive(before, facts.engine, key, now)) return [];
  const problems: string[] = [];
  if (JSON.stringify(entry.store).includes(key)) problems.push(`flush-leaves-nothing: ${path} left session ${key} in the store`);
  if (entry.response.set_cookie.some((line) => line.includes(key))) problems.push(`flush-leaves-nothing: ${path} set the cookie to ${key} again`);
  return problems;
}

// ---- playing a plan --------------------------------------------------------------

export interface Played {
  /** The steps as they ran (stolen values filled in): replaying it gives the same transcript. */
  scenario: Scenario;
  transcript: Transcript;
  /** `step N (kind): invariant: what` — empty when every invariant held. */
  violations: string[];
}

/** The values the server issued for its session cookie, in the order they first appeared. */
class IssuedValues {
  #values: string[] = [];

  note(facts: RunFacts, entry: TranscriptEntry): void {
    for (const line of entry.response?.set_cookie ?? []) {
      const { name, value } = parseSetCookieLine(line);
      if (name === facts.cookieName && value !== '' && value !== '""') this.#add(value);
    }
    const places = placesOf(entry.store, facts.cookieName);
    for (const key of [...places.db.keys(), ...places.cache.keys(), ...places.files.keys()]) this.#add(key);
  }

  pick(index: number): string {
    return this.#values.length === 0 ? UNKNOWN_KEY : this.#values[index % this.#values.length];
  }

  #add(value: string) {
    if (!this.#values.includes(value)) this.#values.push(value);
  }
}

function resolve(action: Action, facts: RunFacts, issued: IssuedValues): Step {
  if (!isSteal(action)) return action;
  return { set_cookie_by_hand: { browser: action.steal.browser, name: facts.cookieName, value: issued.pick(action.steal.pick) } };
}

function rawJar(world: World, profile: string): StoredCookie[] {
  // Every cookie the jar holds, expired ones included: at the start of time nothing has expired yet.
  return world.browser.has(profile) ? world.browser.profile(profile).list(Number.NEGATIVE_INFINITY) : [];
}

/** Runs `plan` through `transport`, checking every invariant after every step. */
export async function play(plan: Plan, transport: Transport, name = 'property run'): Promise<Played> {
  const scenario: Scenario = { name, start: START, settings: plan.settings, steps: [] };
  const facts = factsOf(plan.settings);
  const world = worldFor(scenario, plan.seed);
  const issued = new IssuedValues();
  const watch = new ResurrectionWatch();
  const files = new FileWrites();
  const entries: TranscriptEntry[] = [];
  const violations: string[] = [];
  let storeBefore = world.storeSnapshot();

  for (const action of plan.actions) {
    const step = resolve(action, facts, issued);
    const index = scenario.steps.length;
    scenario.steps.push(step);
    const now = world.now;
    const profile = 'request' in step ? (step.request.browser ?? 'default') : null;
    const jarBefore = profile === null ? [] : rawJar(world, profile);
    const before = placesOf(storeBefore, facts.cookieName);

    let entry: TranscriptEntry;
    try {
      entry = (await runStep(world, step, transport)).entry;
    } catch (error) {
      violations.push(`step ${index} (${Object.keys(step)[0]}): runStep rejected: ${String(error)}`);
      break;
    }
    entries.push(entry);
    const problems = [
      ...(entry.error === undefined ? [] : [`valid-steps-run: refused: ${entry.error}`]),
      ...(entry.request ? checkNoExpiredCookieSent(jarBefore, entry.request.cookie, now) : []),
      ...checkJarsListNoExpired(entry),
      ...checkSetMeansStored(facts, entry),
      ...checkLossesHaveCauses(facts, step, before, entry, now, files),
      ...watch.check(facts, entry),
      ...checkExpiredStaysDead(facts, before, entry, now),
      ...checkExpiredNotAdopted(facts, before, entry, now),
      ...checkFlushLeavesNothing(facts, before, entry, now),
    ];
    files.note(facts, before, entry, now);
    violations.push(...problems.map((p) => `step ${index} (${Object.keys(step)[0]}): ${p}`));
    issued.note(facts, entry);
    storeBefore = entry.store;
  }
  return { scenario, transcript: { name, steps: entries }, violations };
}
