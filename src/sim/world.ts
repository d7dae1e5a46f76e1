import { Browser, pageCanRead, type CookieSendReport, type JarsAtMoment, type RequestInfo, type SetCookieOutcome, type StoredCookie } from './browser';
import { isAbsoluteUrl } from './browser/site';
import { formatIsoUtc, VirtualClock } from './clock';
import { headerValues, type SimRequest, type SimResponse } from './django/http';
import { djangoJsonDatetime } from './django/pyjson';
import { engineName, formatSettingErrors, resolveSettings, type EngineName, type Settings } from './django/settings';
import { decodeSessionData } from './django/sessions/base';
import { ENGINE_PLACES } from './django/sessions';
import { placeNames, ServerFarm, topologyOf, type FarmTables, type ServersSpec, type Topology } from './django/servers';
import { DEMO_USERS, DemoSite, type ServerTrace } from './django/site';
import type { ServerStorage, SessionRow } from './django/storage';
import type { TraceEvent } from './django/trace';
import type { CacheEntry } from './django/locmem';
import { PyDateTime, type PyValue } from './django/values';
import { SeededRandom } from './random';
import { stepKindOf } from './scenario/steps';
import type { RequestSpec, Step } from './scenario/schema';
import type { CacheEntry as TranscriptCacheEntry, DbRow, TranscriptEntry, TranscriptStore } from './scenario/transcript';
import { CACHED_DB_KEY_PREFIX } from './django/sessions/cachedDb';
import { CACHE_KEY_PREFIX } from './django/sessions/cache';
import { formatCount } from './count';

/** What the server answers, with its explanation: how a transport hands a reply back. */
export interface ServerReply {
  response: SimResponse;
  trace: ServerTrace;
}

/** Carries a simulated request to `site`: through MSW in the app, a direct call in pure tests. */
export type Transport = (request: SimRequest, site: DemoSite) => Promise<ServerReply>;

/** No transport at all: the site answers in-process (the core's own tests). */
export const directTransport: Transport = (request, site) => Promise.resolve(site.handle(request));

export class SettingsError extends Error {}

/** One HTTP exchange as the browser lived it. */
export interface Exchange {
  profile: string;
  /** The worker process that served it. */
  worker: string;
  info: RequestInfo;
  request: SimRequest;
  sent: CookieSendReport;
  response: SimResponse;
  trace: ServerTrace;
  stored: SetCookieOutcome[];
}

/** What a step did besides (or instead of) an exchange. */
export interface StepEffects {
  exchange?: Exchange;
  /** close_browser: the session cookies dropped. */
  dropped?: StoredCookie[];
  /** set_cookie_by_hand / copy_cookie: what the jar did. */
  outcomes?: SetCookieOutcome[];
  /** clearsessions: what the store did. */
  events?: TraceEvent[];
  /** deploy / restart_server / restart_cache: what the servers did, one sentence each. */
  servers?: string[];
}

/** A place of the store, as the transcripts name it. */
export interface Place {
  kind: 'db' | 'cache' | 'files';
  name: string;
}

/**
 * The whole simulated world of one run: the virtual clock, the seeded random
 * source, the browser's profiles, and the servers: the current release's
 * settings, the workers and what they hold (a ServerFarm). Pure: requests
 * travel through whatever Transport the caller provides.
 */
export class World {
  /** The settings of the release in force (the scenario's, or the latest deploy's). */
  settings: Settings;
  readonly topology: Topology;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly browser: Browser;
  readonly farm: ServerFarm;
  /** Every engine some release so far has used, first use first (the transcript lists their places). */
  readonly enginesUsed: EngineName[];
  /** Requests so far that named no worker: the next such one goes to workers[roundRobin mod n]. */
  roundRobin: number;

  constructor(options: {
    start: number;
    settings?: Record<string, unknown>;
    servers?: ServersSpec;
    seed?: number | readonly number[];
    browser?: Browser;
    farm?: ServerFarm;
    enginesUsed?: EngineName[];
    roundRobin?: number;
  }) {
    this.settings = resolveOrThrow(options.settings ?? {});
    this.topology = options.farm?.topology ?? topologyOf(options.servers);
    this.clock = new VirtualClock(options.start);
    this.random = new SeededRandom(options.seed ?? 1);
    this.browser = options.browser ?? new Browser();
    this.farm = options.farm ?? new ServerFarm(
      this.topology,
      DEMO_USERS.map(({ id, username, password }) => ({ id, username, password })),
      cacheOptionsOf(this.settings),
    );
    this.enginesUsed = options.enginesUsed ? [...options.enginesUsed] : [engineName(this.settings)];
    this.roundRobin = options.roundRobin ?? 0;
  }

  /** A deep copy: the same state, evolving independently (time travel keeps these). */
  clone(): World {
    const copy = new World({
      start: this.clock.now(),
      seed: this.random.state(),
      browser: this.browser.clone(),
      farm: this.farm.clone(),
      enginesUsed: this.enginesUsed,
      roundRobin: this.roundRobin,
    });
    copy.settings = this.settings;
    return copy;
  }

  get now(): number {
    return this.clock.now();
  }

  /** What the first worker sees (on a single server, everything the site holds). */
  get storage(): ServerStorage {
    return this.farm.view(this.topology.workers[0]);
  }

  /** The demo site as `worker` runs it under the current release. */
  site(worker: string = this.topology.workers[0]): DemoSite {
    return new DemoSite(this.settings, this.farm.view(worker), this.clock, this.random, this.hostOf(worker));
  }

  /** The worker name store events carry for a place of its own; undefined when nothing is per worker. */
  hostOf(worker: string): { name: string; ownCache: boolean; ownFiles: boolean } | undefined {
    if (!this.topology.named) return undefined;
    return { name: worker, ownCache: this.topology.cache === 'per_worker', ownFiles: this.topology.files === 'per_worker' };
  }

  /** The worker named `name`; throws, naming the field, for one the servers do not have. */
  worker(name: string, field: string): string {
    if (!this.topology.named) throw new Error(`${field} names worker "${name}", but the scenario has no servers`);
    if (!this.topology.workers.includes(name)) throw new Error(`${field}: unknown worker "${name}" (workers: ${this.topology.workers.join(', ')})`);
    return name;
  }

  /** Runs one scenario step; a request goes through `transport`. Throws on bad input (the caller records it). */
  step(step: Step, transport: Transport): Promise<StepEffects> {
    return stepKindOf(step).run(this, step, transport);
  }

  async request(spec: RequestSpec, transport: Transport): Promise<Exchange> {
    if (!isAbsoluteUrl(spec.url)) throw new Error(`not an absolute URL: ${spec.url}`);
    const worker = spec.worker !== undefined ? this.worker(spec.worker, 'request.worker') : this.topology.workers[this.roundRobin % this.topology.workers.length];
    const profile = spec.browser ?? 'default';
    const jar = this.browser.profile(profile);
    const info: RequestInfo = {
      url: spec.url,
      method: spec.method.toUpperCase(),
      initiator: spec.initiator ?? null,
      kind: spec.kind ?? 'navigation',
      ...(spec.credentials ? { credentials: spec.credentials } : {}),
    };
    const sent = jar.cookieHeader(info, this.now);
    const request: SimRequest = { method: info.method, url: spec.url, cookie: sent.header, form: spec.form ?? {} };
    const { response, trace } = await transport(request, this.site(worker));
    if (spec.worker === undefined) this.roundRobin++;
    const stored = jar.receive(info, headerValues(response, 'Set-Cookie'), this.now);
    return { profile, worker, info, request, sent, response, trace, stored };
  }

  /**
   * A new release: from now on the settings are the demo site's plus these
   * overrides (earlier overrides no longer apply), and every worker restarts.
   */
  deploy(overrides: Record<string, unknown>): string[] {
    const next = resolveOrThrow(overrides);
    this.settings = next;
    const engine = engineName(next);
    if (!this.enginesUsed.includes(engine)) this.enginesUsed.push(engine);
    return ['A new release: every worker now runs with its settings.', ...this.restart(this.topology.workers)];
  }

  /** Those workers' processes restart: their memory (a per-worker cache) is lost; the db, the files and a shared cache keep everything. */
  restart(workers: readonly string[]): string[] {
    return workers.map((worker) => {
      const who = this.topology.named ? `Worker ${worker}` : 'The server';
      return this.farm.restartWorker(worker, cacheOptionsOf(this.settings))
        ? `${who} restarted: its local-memory cache is empty; the database and the session files are untouched.`
        : `${who} restarted: it keeps nothing in its own memory that sessions need (the cache is shared), so nothing was lost.`;
    });
  }

  restartCache(): string[] {
    if (!this.topology.named || this.topology.cache !== 'shared') {
      throw new Error('restart_cache needs servers with "cache": "shared" (a per-worker cache restarts with its worker: use restart_server)');
    }
    this.farm.restartCache();
    return ['The shared cache server restarted and lost every entry; the database and the session files are untouched.'];
  }

  /**
   * The transcript entry (contract section 3) of a step that just ran, with
   * `error` when the world refused it, laid out when first asked for. What it
   * reads is taken now and no later change touches it: the clock, the
   * exchange, each jar's list of cookies, a copy of the store's tables (a few
   * kB a step on a big table, shared structure), unless the tables hold more
   * than `keepStoreUpTo` rows: then reading the store throws StoreNotKept. A
   * replay then pays only for the entries something reads (the sequence
   * diagram reads a window of them, and the profiles of all).
   */
  entryLater(step: Step, effects: StepEffects, error: string | null, keepStoreUpTo = Infinity): EntryLater {
    const rows = this.#storedRows();
    const store: StoreAtMoment = rows <= keepStoreUpTo
      ? { tables: this.farm.tablesCopy(), places: this.places(), settings: this.settings }
      : { notKept: { rows, limit: keepStoreUpTo } };
    return new EntryLater({ step, error, exchange: effects.exchange, now: this.now, named: this.topology.named, jars: this.browser.cookiesNow(this.now), store });
  }

  /** places(), kept while no release adds an engine (enginesUsed only grows). */
  #places: { engines: number; places: readonly Place[] } | null = null;

  /** The places some release's engine used, in the transcripts' order (db, caches, files), each with its name. */
  places(): readonly Place[] {
    if (this.#places?.engines === this.enginesUsed.length) return this.#places.places;
    const kinds = new Set(this.enginesUsed.flatMap((engine) => ENGINE_PLACES[engine]));
    const out: Place[] = [];
    if (kinds.has('db')) out.push({ kind: 'db', name: 'db' });
    for (const kind of ['cache', 'files'] as const) {
      if (kinds.has(kind)) for (const name of placeNames(this.topology, kind)) out.push({ kind, name });
    }
    this.#places = { engines: this.enginesUsed.length, places: out };
    return out;
  }

  #storedRows(): number {
    let rows = this.farm.sessions.size;
    for (const folder of this.farm.folders.values()) rows += folder.size;
    return rows;
  }

  /** What the server holds, by place, as the transcripts show it. */
  storeSnapshot(): TranscriptStore {
    return snapshotStore(this.farm, this.places(), this.settings);
  }

  /** SessionBase.decode under the current release, without the trace: anything that does not verify is an empty dict. */
  decodeSessionData(data: string): PyValue {
    return decodeSessionData(this.settings, data, this.now).data;
  }
}

/** The store as a step left it: copies of its tables, or why they were not kept. */
type StoreAtMoment = { tables: FarmTables; places: readonly Place[]; settings: Settings } | { notKept: { rows: number; limit: number } };

/** What a step's entry is laid out from, taken when the step ran. */
interface EntryInputs {
  step: Step;
  error: string | null;
  exchange: Exchange | undefined;
  now: number;
  named: boolean;
  jars: JarsAtMoment;
  store: StoreAtMoment;
}

/**
 * A step's transcript entry, from what the step left (see World.entryLater),
 * laid out when first asked for. A class, not closures: a replay keeps one for
 * every step, and a class's instances are the smallest way to keep it.
 */
export class EntryLater {
  readonly #taken: EntryInputs;
  #entry: TranscriptEntry | undefined;

  constructor(taken: EntryInputs) {
    this.#taken = taken;
  }

  /** The browser's profiles then, in name order: the entry's `jars` keys, without laying the jars out. */
  get profiles(): readonly string[] {
    return this.#taken.jars.names;
  }

  entry(): TranscriptEntry {
    this.#entry ??= this.#layOut();
    return this.#entry;
  }

  #layOut(): TranscriptEntry {
    const { step, error, exchange, now, named, jars, store: storeAtMoment } = this.#taken;
    let store: TranscriptStore | undefined;
    const entry: TranscriptEntry = {
      step,
      clock: formatIsoUtc(now),
      request: exchange
        ? {
          browser: exchange.profile,
          ...(named ? { worker: exchange.worker } : {}),
          method: exchange.request.method,
          url: exchange.request.url,
          cookie: exchange.request.cookie,
        }
        : null,
      response: exchange
        ? {
          status: exchange.response.status,
          set_cookie: headerValues(exchange.response, 'Set-Cookie'),
          vary: headerValues(exchange.response, 'Vary').flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
          json: parseJsonBody(exchange.response.body),
          ...(exchange.info.kind === 'fetch' ? { page_can_read: pageCanRead(exchange.info) } : {}),
        }
        : null,
      jars: jars.transcript(),
      // Laid out only when read: most entries' stores never are (the pictures and the checks read jars and exchanges).
      get store() {
        if ('notKept' in storeAtMoment) throw new StoreNotKept(storeAtMoment.notKept.rows, storeAtMoment.notKept.limit);
        store ??= snapshotStore(storeAtMoment.tables, storeAtMoment.places, storeAtMoment.settings);
        return store;
      },
    };
    // Set, not spread: a spread would lay out the store.
    if (error !== null) entry.error = error;
    return entry;
  }
}

/** A store that was not kept, so that a long run over a big table stays within memory. */
export class StoreNotKept extends Error {
  constructor(rows: number, limit: number) {
    super(`this step's server held ${formatCount(rows)} stored sessions: the playground keeps every step's whole store only for runs of up to ${formatCount(limit)}`);
  }
}

function resolveOrThrow(overrides: Record<string, unknown>): Settings {
  const resolved = resolveSettings(overrides);
  if (!resolved.ok) throw new SettingsError(formatSettingErrors(resolved.errors));
  return resolved.settings;
}

/** What `farm` holds in `places`, as the transcripts show it; a row's layout is kept while the release's keys are the same. */
function snapshotStore(farm: FarmTables, places: readonly Place[], settings: Settings): TranscriptStore {
  const store: TranscriptStore = {};
  // Decoding reads no clock (no max_age): the release's keys and the text decide the result.
  const keys = JSON.stringify([settings.SECRET_KEY, ...settings.SECRET_KEY_FALLBACKS]);
  const sessionJson = (data: string) => decodedSessionJson(`${keys.length}:${keys}${data}`, () => jsonValue(decodeSessionData(settings, data, 0).data));
  for (const place of places) {
    if (place.kind === 'db') {
      let laidOut = dbRows.get(keys);
      if (!laidOut) dbRows.set(keys, (laidOut = new WeakMap()));
      const rows: DbRow[] = [];
      for (const row of farm.sessions.list()) {
        let shown = laidOut.get(row);
        if (!shown) laidOut.set(row, (shown = { session_key: row.session_key, expire_date: formatIsoUtc(row.expire_date), data: sessionJson(row.session_data) }));
        rows.push(shown);
      }
      store.db = rows.sort((a, b) => compare(a.session_key, b.session_key));
    } else if (place.kind === 'cache') {
      store[place.name as 'cache'] = (farm.caches.get(place.name) as ServerStorage['cache']).entries()
        .filter((e) => e.key.startsWith(CACHE_KEY_PREFIX) || e.key.startsWith(CACHED_DB_KEY_PREFIX))
        .map(cacheRow)
        .sort((a, b) => compare(a.key, b.key));
    } else {
      store[place.name as 'files'] = [...(farm.folders.get(place.name) as ServerStorage['files']).list()]
        .sort((a, b) => compare(a.name, b.name))
        .map((f) => ({ name: f.name, data: f.content ? sessionJson(f.content) : null }));
    }
  }
  return store;
}

// A cache entry is replaced, never changed (a read moves it, a write makes a new one): laid out once.
const cacheRows = new WeakMap<CacheEntry, TranscriptCacheEntry>();
function cacheRow(entry: CacheEntry): TranscriptCacheEntry {
  let row = cacheRows.get(entry);
  if (!row) cacheRows.set(entry, (row = { key: entry.key, expires: entry.expires === null ? null : formatIsoUtc(entry.expires), data: jsonValue(entry.value) }));
  return row;
}

// Rows are replaced, never mutated: each is laid out once per set of keys, however many snapshots list it.
const dbRows = new Map<string, WeakMap<SessionRow, DbRow>>();

function cacheOptionsOf(settings: Settings): { maxEntries: number; cullFrequency: number } {
  const options = settings.CACHES.default.OPTIONS;
  return { maxEntries: options.MAX_ENTRIES, cullFrequency: options.CULL_FREQUENCY };
}

// Every step's snapshot lists every stored session: each is decoded once, not once per step.
const decodedSessions = new Map<string, unknown>();
function decodedSessionJson(keyAndData: string, decode: () => unknown): unknown {
  let json = decodedSessions.get(keyAndData);
  if (json === undefined) {
    json = decode();
    if (decodedSessions.size >= 100_000) decodedSessions.delete(decodedSessions.keys().next().value as string);
    decodedSessions.set(keyAndData, json);
  }
  return json;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/**
 * A session value as a transcript's JSON holds it: a datetime as DjangoJSONEncoder
 * writes it (ms precision, Z), a dict as an object (which, being JavaScript's,
 * lists integer-like keys first: JSON gives members no order, the wire text does).
 */
export function jsonValue(value: PyValue): unknown {
  if (value instanceof PyDateTime) return djangoJsonDatetime(value.ms);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, jsonValue(v)]));
  return value;
}
