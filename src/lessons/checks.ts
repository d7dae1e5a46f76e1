/**
 * Evaluates a lesson's checks against a run's records. Pure: the player and
 * the tests share it. `records` are the run's records up to and including the
 * step being checked; a check that looks back at Step K reads `records[K - 1]`.
 */
import { NOT_SENT_TEXT, REJECT_TEXT } from '../sim/browser';
import { SITE_DEFAULTS } from '../sim/django/settings';
import { SIGNED_COOKIES_SALT } from '../sim/django/sessions/signedCookies';
import { inspectSigned } from '../sim/django/signing';
import type { StepRecord } from '../sim/scenario/run';
import type { CacheEntry, FileEntry, TranscriptCookie, TranscriptEntry, TranscriptStore } from '../sim/scenario/transcript';
import { jsonValue } from '../sim/world';
import {
  PANELS,
  PLACES,
  type Check,
  type CookieDataCheck,
  type DecisionCheck,
  type EventCheck,
  type JarCheck,
  type Panel,
  type SessionCheck,
  type SetCookieCheck,
  type StorePlace,
} from './schema';
import type { RunCheck } from './types';

export interface Verdict {
  pass: boolean;
  /** What the state really is, in a few words (shown when a check fails, and in the tests' messages). */
  actual: string;
}

/** Evaluates `check` in the state after the last of `records`. */
export function evaluate(check: Check, records: readonly StepRecord[]): Verdict {
  const now = records[records.length - 1];
  if (!now) return { pass: false, actual: 'no step has run yet' };
  const entry = now.entry;
  if ('jar' in check) return jar(check.jar, records);
  if ('request' in check) {
    if (!entry.request) return { pass: false, actual: 'this step sent no request' };
    const names = cookieNames(entry.request.cookie);
    const header = entry.request.cookie === null ? 'no Cookie header' : `Cookie: ${short(entry.request.cookie, 80)}`;
    if (check.request.sends !== undefined) return { pass: names.includes(check.request.sends), actual: header };
    const name = check.request.omits;
    const why = now.effects.exchange?.sent.notSent.find((n) => n.cookie.name === name);
    return { pass: !names.includes(name as string), actual: why ? `${header}; ${name} not sent: ${NOT_SENT_TEXT[why.reason]}` : header };
  }
  if ('status' in check) {
    if (!entry.response) return { pass: false, actual: 'this step sent no request' };
    return { pass: entry.response.status === check.status, actual: `status ${entry.response.status}` };
  }
  if ('set_cookie' in check) return setCookie(check.set_cookie, now);
  if ('vary' in check) {
    if (!entry.response) return { pass: false, actual: 'this step sent no request' };
    const vary = entry.response.vary.map((v) => v.toLowerCase());
    const actual = entry.response.vary.length ? `Vary: ${entry.response.vary.join(', ')}` : 'no Vary header';
    return check.vary.has !== undefined
      ? { pass: vary.includes(check.vary.has.toLowerCase()), actual }
      : { pass: !vary.includes((check.vary.lacks as string).toLowerCase()), actual };
  }
  if ('store' in check) {
    const places = Object.entries(entry.store) as [string, unknown[]][];
    const counts = places.map(([p, items]) => `${p}: ${items.length}`);
    const actual = counts.length ? counts.join(', ') : 'no server-side store (the engine keeps sessions in the cookie)';
    if (check.store === 'nothing') return { pass: places.every(([, items]) => items.length === 0), actual };
    const key = storeKey(entry.store, check.store.place, check.store.worker);
    if ('error' in key) return { pass: false, actual: `${key.error}; ${actual}` };
    return { pass: entry.store[key.key]?.length === check.store.count, actual };
  }
  if ('page_can_read' in check) {
    if (!entry.response) return { pass: false, actual: 'this step sent no request' };
    const readable = entry.response.page_can_read;
    if (readable === undefined) return { pass: false, actual: 'a navigation: the page that started it is left behind, there is no script to read it' };
    return {
      pass: readable === check.page_can_read,
      actual: readable ? 'the page may read the response (same origin)' : 'the page cannot read the response (cross-origin, no CORS headers: opaque)',
    };
  }
  if ('worker' in check) {
    if (!entry.request) return { pass: false, actual: 'this step sent no request' };
    const served = entry.request.worker;
    return { pass: served === check.worker, actual: served === undefined ? 'the site runs as one worker' : `served by worker ${served}` };
  }
  if ('session' in check) return session(check.session, records);
  if ('cookie_data' in check) return cookieData(check.cookie_data, entry);
  if ('decision' in check) return decision(check.decision, now);
  if ('json' in check) {
    if (!entry.response) return { pass: false, actual: 'this step sent no request' };
    const body = entry.response.json;
    const actual = body === null ? 'the body is not JSON' : `body ${short(JSON.stringify(body), 160)}`;
    return 'includes' in check.json && check.json.includes !== undefined
      ? { pass: includes(body, check.json.includes), actual }
      : { pass: sameJson(body, check.json.equals), actual };
  }
  if ('event' in check) return event(check.event, now);
  const changed = changedPanels(records);
  return { pass: sameJson(changed, PANELS.filter((p) => check.changes.includes(p))), actual: changedText(changed) };
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

/**
 * A check at Step `step` of a lesson whose runs produced `runs` (records by
 * run id): in its own run, or in every run when it names none.
 */
export function evaluateRunCheck(check: RunCheck, runs: Readonly<Record<string, readonly StepRecord[]>>, step: number): Verdict {
  const ids = check.run === null ? Object.keys(runs) : [check.run];
  const verdicts = ids.map((id) => ({ id, ...evaluate(check.check, (runs[id] ?? []).slice(0, step)) }));
  if (verdicts.length === 1) return { pass: verdicts[0].pass, actual: verdicts[0].actual };
  return { pass: verdicts.every((v) => v.pass), actual: verdicts.map((v) => `${v.id}: ${v.actual}`).join('; ') };
}

function changedText(panels: readonly Panel[]): string {
  return panels.length ? `changed: ${panels.join(', ')}` : 'nothing changed';
}

function jar(check: JarCheck, records: readonly StepRecord[]): Verdict {
  const entry = records[records.length - 1].entry;
  const cookies = jarOf(entry, check.profile);
  const actual = cookies.length
    ? `${check.profile}'s jar: ${cookies.map(describeCookie).join('; ')}`
    : `${check.profile}'s jar is empty`;
  if (check.lacks !== undefined) return { pass: !cookies.some((c) => c.name === check.lacks), actual };
  const name = check.has as string;
  const candidates = cookies.filter((c) => c.name === name);
  const attributes = ['value', 'domain', 'host_only', 'path', 'secure', 'http_only', 'same_site', 'expires'] as const;
  const matches = candidates.filter((c) => attributes.every((a) => check[a] === undefined || c[a] === check[a]));
  for (const [key, same] of [['same_value_as', true], ['differs_from', false]] as const) {
    const moment = check[key];
    if (!moment) continue;
    const profile = moment.profile ?? check.profile;
    const step = moment.step ?? records.length;
    const other = jarOf(records[step - 1].entry, profile).find((c) => c.name === name);
    if (!other) return { pass: false, actual: `${actual}; no ${name} in ${profile}'s jar at Step ${step}` };
    const kept = matches.filter((c) => (c.value === other.value) === same);
    const compared = `${actual}; ${profile}'s ${name} at Step ${step}: ${short(other.value)}`;
    if (!kept.length) return { pass: false, actual: compared };
    matches.splice(0, matches.length, ...kept);
  }
  return { pass: matches.length > 0, actual };
}

interface ParsedLine {
  line: string;
  name: string;
  value: string;
  /** Attribute names lowercased; a flag has the value true. */
  attributes: Map<string, string | true>;
}

function parseSetCookieLine(line: string): ParsedLine {
  const [pair, ...rest] = line.split(';');
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string | true>();
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at < 0) attributes.set(part.trim().toLowerCase(), true);
    else attributes.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return { line, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

// Django deletes a cookie with Max-Age=0 and an expiry in 1970.
const isDeletion = (parsed: ParsedLine) => parsed.attributes.get('max-age') === '0';

function setCookie(check: SetCookieCheck, now: StepRecord): Verdict {
  const response = now.entry.response;
  if (!response) return { pass: false, actual: 'this step sent no request' };
  const lines = response.set_cookie.map(parseSetCookieLine);
  const actual = lines.length ? lines.map((l) => `Set-Cookie: ${short(l.line, 140)}`).join(' | ') : 'no Set-Cookie';
  if (check === 'none') return { pass: lines.length === 0, actual };
  const name = (check.sets ?? check.deletes) as string;
  const candidates = lines.filter((l) => l.name === name && isDeletion(l) === (check.deletes !== undefined));
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
}

/** The session key the profile's cookie holds, and the stored session of that key in `place`. */
function session(check: SessionCheck, records: readonly StepRecord[]): Verdict {
  const entry = records[records.length - 1].entry;
  const keyStep = check.key_from_step ?? records.length;
  const cookie = jarOf(records[keyStep - 1].entry, check.profile).find((c) => c.name === check.cookie);
  const whose = `${check.profile}'s ${check.cookie}${check.key_from_step ? ` at Step ${keyStep}` : ''}`;
  if (!cookie) return { pass: check.missing === true, actual: `no ${whose} cookie, so no session to look up` };
  const place = check.place ?? PLACES.find((p) => placesOf(entry.store, p).length > 0);
  if (!place) return { pass: false, actual: 'this engine keeps no server-side store' };
  const key = storeKey(entry.store, place, check.worker);
  if ('error' in key) return { pass: false, actual: key.error };
  const found = storedSession(entry.store, key.key, cookie.value, check.cookie);
  const shortKey = short(cookie.value);
  if (found === undefined) return { pass: check.missing === true, actual: `no session for ${whose} (${shortKey}) in ${key.key}` };
  const actual = `${key.key} holds ${whose} (${shortKey}): ${found === null ? 'an empty file' : short(JSON.stringify(found), 200)}`;
  if (check.missing) return { pass: false, actual };
  const data = (found ?? {}) as Record<string, unknown>;
  const pass = (check.data === undefined || sameJson(data, check.data))
    && (check.includes === undefined || includes(data, check.includes))
    && (check.lacks === undefined || check.lacks.every((k) => !Object.hasOwn(data, k)));
  return { pass, actual };
}

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

function cookieData(check: CookieDataCheck, entry: TranscriptEntry): Verdict {
  const cookie = jarOf(entry, check.profile).find((c) => c.name === check.name);
  if (!cookie) return { pass: false, actual: `no ${check.name} in ${check.profile}'s jar` };
  // The payload decodes without the key: signing protects it from changes, not from being read.
  const inspected = inspectSigned(cookie.value, { key: SITE_DEFAULTS.SECRET_KEY, salt: SIGNED_COOKIES_SALT, now: 0 });
  if (inspected.data === undefined) return { pass: false, actual: `${check.name}'s value does not decode as signed data` };
  const data = jsonValue(inspected.data);
  const actual = `${check.name} decodes to ${short(JSON.stringify(data), 200)}${inspected.compressed ? ' (compressed)' : ''}`;
  return { pass: check.includes !== undefined ? includes(data, check.includes) : sameJson(data, check.equals), actual };
}

function decision(check: DecisionCheck, now: StepRecord): Verdict {
  const made = now.effects.exchange?.trace.session;
  if (!made) return { pass: false, actual: 'this step sent no request' };
  const fields = ['reason', 'cookie', 'accessed', 'modified', 'empty', 'saved'] as const;
  const pass = fields.every((f) => check[f] === undefined || made[f] === check[f]);
  const actual = `${made.reason}: accessed ${made.accessed}, modified ${made.modified}, empty ${made.empty}, saved ${made.saved}, cookie ${made.cookie}`;
  return { pass, actual };
}

function event(check: EventCheck, now: StepRecord): Verdict {
  const events = [...(now.effects.exchange?.trace.events ?? []), ...(now.effects.events ?? [])];
  const pass = events.some((e) =>
    (Object.entries(check) as [string, unknown][]).every(([field, value]) => (e as unknown as Record<string, unknown>)[field] === value));
  const actual = events.length
    ? `events: ${events.map((e) => [e.kind, e.op, 'place' in e ? e.place : null, 'action' in e ? e.action : null].filter(Boolean).join(' ')).join(', ')}`
    : 'no server events';
  return { pass, actual };
}

function jarOf(entry: TranscriptEntry, profile: string): TranscriptCookie[] {
  return entry.jars[profile] ?? [];
}

function describeCookie(c: TranscriptCookie): string {
  const flags = [c.http_only && 'HttpOnly', c.secure && 'Secure', `SameSite=${c.same_site}`, c.expires ? `expires ${c.expires}` : 'until the browser closes'];
  return `${c.name}=${short(c.value)} (${flags.filter(Boolean).join(', ')})`;
}

function cookieNames(header: string | null): string[] {
  if (header === null) return [];
  return header.split(';').map((pair) => pair.slice(0, pair.includes('=') ? pair.indexOf('=') : 0).trim());
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
