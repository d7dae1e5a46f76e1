/**
 * The contract's "Comparing" rules, as the oracle's normalize.py and
 * compare.py apply them:
 *
 * 1. Session keys are random: each is relabelled <k1>, <k2>, … in the order it
 *    first appears (steps in order; in a step: request.cookie,
 *    response.set_cookie, jars by profile name, store db/cache/files,
 *    response.json, then the step itself), and every occurrence is replaced.
 * 2. A compressed signed value must verify and decode to the same data; two
 *    zlib implementations may compress the same JSON differently, so it is
 *    replaced by its timestamp and its data with sorted keys.
 * 3. Store rows follow the random keys: they are re-sorted by their label.
 */
import { BadSignature, PayloadError, loads } from '../../src/sim/django/signing';
import { pyFloatRepr } from '../../src/sim/django/pyjson';
import type { PyValue } from '../../src/sim/django/values';
import type { Step } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';

const SECRET_KEY = 'playground-insecure-secret-key-0123456789';
const SIGNED_COOKIES_SALT = 'django.contrib.sessions.backends.signed_cookies';
const SESSION_KEY = /^[a-z0-9]{32}$/;
const SIGNED_COMPRESSED = /\.[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}/g;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string in a JSON value, object keys included. */
function* jsonStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* jsonStrings(item);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* jsonStrings(item);
    }
  }
}

/** The values of `name=value` pairs in a Cookie header (or anything shaped like one). */
function cookiePairValues(text: string): string[] {
  return text
    .split(';')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.slice(pair.indexOf('=') + 1).trim());
}

/** Python's string order: by code point (JavaScript's `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function sessionKeysInOrder(transcript: unknown): string[] {
  const found = new Set<string>();
  const see = (candidate: unknown) => {
    if (typeof candidate === 'string' && SESSION_KEY.test(candidate)) found.add(candidate);
  };
  const rows = (place: unknown) => (Array.isArray(place) ? place.filter(isObject) : []);
  const tail = (name: unknown) => (typeof name === 'string' ? name.slice(-32) : '');

  const steps = isObject(transcript) && Array.isArray(transcript.steps) ? transcript.steps.filter(isObject) : [];
  for (const entry of steps) {
    const request = isObject(entry.request) ? entry.request : {};
    const response = isObject(entry.response) ? entry.response : {};
    if (typeof request.cookie === 'string') cookiePairValues(request.cookie).forEach(see);
    for (const line of Array.isArray(response.set_cookie) ? response.set_cookie : []) {
      // Only the cookie's own value; attributes follow the first ';'.
      if (typeof line === 'string') cookiePairValues(line.split(';', 1)[0]).forEach(see);
    }
    const jars = isObject(entry.jars) ? entry.jars : {};
    for (const profile of Object.keys(jars).sort(compareCodePoints)) {
      for (const cookie of rows(jars[profile])) see(cookie.value);
    }
    const store = isObject(entry.store) ? entry.store : {};
    // Places in the store's order: db, cache (or cache@a, cache@b, …), files (or files@a, …).
    for (const place of Object.keys(store)) {
      const label = rowLabel(place);
      for (const row of rows(store[place])) {
        // session_key, or django.contrib.sessions.cache<key>, sessionid<key>
        const value = row[label];
        if (typeof value === 'string') see(label === 'session_key' ? value : tail(value));
        [...jsonStrings(row.data)].forEach(see);
      }
    }
    [...jsonStrings(response.json)].forEach(see);
    // A set_cookie_by_hand value, or a key typed into a step some other way.
    for (const text of jsonStrings(entry.step)) {
      see(text);
      cookiePairValues(text).forEach(see);
    }
  }
  return [...found];
}

/** `json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`. */
function sortedJson(value: PyValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : pyFloatRepr(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (!(value instanceof Map)) throw new TypeError('a signed JSON payload holds no datetime');
  const keys = [...value.keys()].sort(compareCodePoints);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(value.get(key) as PyValue)}`).join(',')}}`;
}

function canonicalSigned(signed: string): string {
  let data: PyValue;
  try {
    // No max age: the frozen clock decides nothing here, only the signature does.
    data = loads(signed, { key: SECRET_KEY, salt: SIGNED_COOKIES_SALT, maxAge: null, now: 0 });
  } catch (error) {
    if (error instanceof BadSignature || error instanceof PayloadError) return signed;
    throw error;
  }
  const timestamp = signed.split(':')[1];
  return `<signed-compressed ts=${timestamp} data=${sortedJson(data)}>`;
}

function rewriteStrings(value: unknown, fix: (text: string) => string): unknown {
  if (typeof value === 'string') return fix(value);
  if (Array.isArray(value)) return value.map((item) => rewriteStrings(item, fix));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [fix(key), rewriteStrings(item, fix)]));
  }
  return value;
}

/** Python's natural sort key order: <k2> before <k10>. Splitting on digit runs puts them at the odd places. */
function compareNatural(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = i % 2 === 1 ? compareNumerals(x[i], y[i]) : compareCodePoints(x[i], y[i]);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Digit runs by value, however long (int('007') == 7). */
function compareNumerals(a: string, b: string): number {
  const m = a.replace(/^0+/, '');
  const n = b.replace(/^0+/, '');
  return m.length !== n.length ? m.length - n.length : compareCodePoints(m, n);
}

export function normalizeTranscript(transcript: Transcript): Transcript {
  const keys = sessionKeysInOrder(transcript);
  const labels = new Map(keys.map((key, i) => [key, `<k${i + 1}>`]));
  // Keys are [a-z0-9] only: nothing to escape.
  const anyKey = keys.length > 0 ? new RegExp(keys.join('|'), 'g') : null;
  const fix = (text: string) => {
    const canonical = text.replace(SIGNED_COMPRESSED, canonicalSigned);
    return anyKey ? canonical.replace(anyKey, (key) => labels.get(key)!) : canonical;
  };
  const result = rewriteStrings(transcript, fix) as Transcript;
  for (const entry of result.steps) {
    for (const place of Object.keys(entry.store ?? {})) {
      const label = rowLabel(place);
      const rows: unknown = (entry.store as Record<string, unknown>)[place];
      if (Array.isArray(rows)) {
        const labelOf = (row: unknown) => (isObject(row) && typeof row[label] === 'string' ? row[label] : '');
        rows.sort((a, b) => compareNatural(labelOf(a), labelOf(b)));
      }
    }
  }
  return result;
}

/** The field that names a row in a store place: `db`, `cache`, `cache@a`, `files`, `files@b`, … */
function rowLabel(place: string): 'session_key' | 'key' | 'name' {
  return place === 'db' ? 'session_key' : place.startsWith('cache') ? 'key' : 'name';
}

/** A step in a few words, to head its differences: `request GET https://shop.example/ [default]`. */
function describeStep(step: Step | undefined): string {
  const [kind, arg] = isObject(step) ? (Object.entries(step)[0] ?? []) : [];
  if (kind === undefined) return '?';
  if (kind === 'request' && isObject(arg)) return `request ${arg.method} ${arg.url} [${arg.browser ?? 'default'}]`;
  return `${kind} ${JSON.stringify(arg)}`;
}

function show(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

function diffValues(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...Object.keys(expected), ...Object.keys(actual).filter((key) => !Object.hasOwn(expected, key))];
    for (const key of keys) diffValues(expected[key], actual[key], path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      diffValues(expected[i], actual[i], `${path}[${i}]`, out);
    }
  } else if (expected !== actual) {
    out.push(`${path || '(root)'}: expected ${show(expected)}, actual ${show(actual)}`);
  }
}

/**
 * The differences between two transcripts after normalizing both, one line
 * each, naming the step and the JSON path inside its entry; [] when they agree.
 */
export function diffTranscripts(expected: Transcript, actual: Transcript): string[] {
  const e = normalizeTranscript(expected);
  const a = normalizeTranscript(actual);
  const out: string[] = [];
  if (e.name !== a.name) out.push(`name: expected ${show(e.name)}, actual ${show(a.name)}`);
  if (e.steps.length !== a.steps.length) out.push(`step count: expected ${e.steps.length}, actual ${a.steps.length}`);
  for (let i = 0; i < Math.max(e.steps.length, a.steps.length); i++) {
    const lines: string[] = [];
    diffValues(e.steps[i], a.steps[i], '', lines);
    const heading = `step ${i} (${describeStep((e.steps[i] ?? a.steps[i]).step)})`;
    out.push(...lines.map((line) => `${heading} ${line}`));
  }
  return out;
}
