import { Browser, pageCanRead, type CookieSendReport, type RequestInfo, type SetCookieOutcome, type StoredCookie } from './browser';
import { formatIsoUtc, VirtualClock } from './clock';
import { headerValues, type SimRequest, type SimResponse } from './django/http';
import { djangoJsonDatetime } from './django/pyjson';
import { loads } from './django/signing';
import { engineName, formatSettingErrors, resolveSettings, type Settings } from './django/settings';
import { CACHED_DB_KEY_PREFIX } from './django/sessions/cachedDb';
import { CACHE_KEY_PREFIX } from './django/sessions/cache';
import { DemoSite, newServerStorage, type ServerTrace } from './django/site';
import type { ServerStorage } from './django/storage';
import type { TraceEvent } from './django/trace';
import { PyDateTime, type PyValue } from './django/values';
import { SeededRandom } from './random';
import type { RequestSpec, Step } from './scenario/schema';
import type { TranscriptEntry, TranscriptStore } from './scenario/transcript';

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
}

const SESSION_SALT = 'django.contrib.sessions.SessionStore';

/**
 * The whole simulated world of one run: the virtual clock, the seeded random
 * source, the browser's profiles and the Django site with its storage.
 * Pure: requests travel through whatever Transport the caller provides.
 */
export class World {
  readonly settings: Settings;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly browser: Browser;
  readonly storage: ServerStorage;
  readonly site: DemoSite;

  constructor(options: {
    start: number;
    settings?: Record<string, unknown>;
    seed?: number | readonly number[];
    browser?: Browser;
    storage?: ServerStorage;
  }) {
    const resolved = resolveSettings(options.settings ?? {});
    if (!resolved.ok) throw new SettingsError(formatSettingErrors(resolved.errors));
    this.settings = resolved.settings;
    this.clock = new VirtualClock(options.start);
    this.random = new SeededRandom(options.seed ?? 1);
    this.browser = options.browser ?? new Browser();
    this.storage = options.storage ?? newServerStorage(this.settings);
    this.site = new DemoSite(this.settings, this.storage, this.clock, this.random);
  }

  /** A deep copy: the same state, evolving independently (time travel keeps these). */
  clone(): World {
    return new World({
      start: this.clock.now(),
      settings: { ...this.settings },
      seed: this.random.state(),
      browser: this.browser.clone(),
      storage: this.storage.clone(),
    });
  }

  get now(): number {
    return this.clock.now();
  }

  /** Runs one scenario step; a request goes through `transport`. Throws on bad input (the caller records it). */
  async step(step: Step, transport: Transport): Promise<StepEffects> {
    if ('request' in step) return { exchange: await this.request(step.request, transport) };
    if ('advance_seconds' in step) {
      this.clock.advance(step.advance_seconds);
      for (const name of this.browser.names()) this.browser.profile(name).purge(this.now);
      return {};
    }
    if ('close_browser' in step) return { dropped: this.browser.profile(step.close_browser).close() };
    if ('set_cookie_by_hand' in step) {
      const { browser, name, value } = step.set_cookie_by_hand;
      return { outcomes: [this.browser.profile(browser).setByHand(name, value, this.now)] };
    }
    if ('copy_cookie' in step) {
      const { from, to, name } = step.copy_cookie;
      const source = this.browser.profile(from);
      return { outcomes: this.browser.profile(to).copyFrom(source, name, this.now) };
    }
    if ('clearsessions' in step) return { events: this.site.clearSessions() };
    throw new Error(`unknown step: ${JSON.stringify(step)}`);
  }

  async request(spec: RequestSpec, transport: Transport): Promise<Exchange> {
    if (!URL.canParse(spec.url)) throw new Error(`not an absolute URL: ${spec.url}`);
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
    const { response, trace } = await transport(request, this.site);
    const stored = jar.receive(info, headerValues(response, 'Set-Cookie'), this.now);
    return { profile, info, request, sent, response, trace, stored };
  }

  /** The transcript entry for a step that just ran (contract section 3). */
  transcriptEntry(step: Step, effects: StepEffects): TranscriptEntry {
    const exchange = effects.exchange;
    return {
      step,
      clock: formatIsoUtc(this.now),
      request: exchange
        ? { browser: exchange.profile, method: exchange.request.method, url: exchange.request.url, cookie: exchange.request.cookie }
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
      jars: this.browser.snapshot(this.now),
      store: this.storeSnapshot(),
    };
  }

  /** What the server holds, by place, as the transcripts show it. */
  storeSnapshot(): TranscriptStore {
    const engine = engineName(this.settings);
    const store: TranscriptStore = {};
    if (engine === 'db' || engine === 'cached_db') {
      store.db = [...this.storage.sessions.values()]
        .sort((a, b) => compare(a.session_key, b.session_key))
        .map((row) => ({
          session_key: row.session_key,
          expire_date: formatIsoUtc(row.expire_date),
          data: this.sessionJson(row.session_data),
        }));
    }
    if (engine === 'cache' || engine === 'cached_db') {
      store.cache = this.storage.cache.entries()
        .filter((e) => e.key.startsWith(CACHE_KEY_PREFIX) || e.key.startsWith(CACHED_DB_KEY_PREFIX))
        .map((e) => ({ key: e.key, expires: e.expires === null ? null : formatIsoUtc(e.expires), data: jsonValue(e.value) }))
        .sort((a, b) => compare(a.key, b.key));
    }
    if (engine === 'file') {
      store.files = [...this.storage.files.values()]
        .sort((a, b) => compare(a.name, b.name))
        .map((f) => ({ name: f.name, data: f.content ? this.sessionJson(f.content) : null }));
    }
    return store;
  }

  /** A stored session's data as the transcripts show it; shared between snapshots, never to be mutated. */
  sessionJson(data: string): unknown {
    const key = this.settings.SECRET_KEY;
    return decodedSessionJson(`${key.length}:${key}${data}`, () => jsonValue(this.decodeSessionData(data)));
  }

  /** SessionBase.decode without the trace: anything that does not verify is an empty dict. */
  decodeSessionData(data: string): PyValue {
    try {
      return loads(data, { key: this.settings.SECRET_KEY, salt: SESSION_SALT, now: Math.floor(this.now / 1000) });
    } catch {
      return {};
    }
  }
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

/** A session value as JSON shows it: a datetime as DjangoJSONEncoder writes it (ms precision, Z). */
export function jsonValue(value: PyValue): unknown {
  if (value instanceof PyDateTime) return djangoJsonDatetime(value.ms);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}
