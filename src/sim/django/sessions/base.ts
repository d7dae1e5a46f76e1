import type { Clock } from '../../clock';
import { randomString, type Random } from '../../random';
import { CreateError, KeyError } from '../errors';
import { dumps, loads, SignatureExpired, TimestampSigner } from '../signing';
import type { Settings } from '../settings';
import type { ServerStorage } from '../storage';
import type { Place, TraceEvent } from '../trace';
import { pyTruthy } from '../python';
import { PyDateTime, type PyDict, type PyValue } from '../values';

/** What an engine works with: nothing here reads the real clock or Math.random. */
export interface EngineContext {
  settings: Settings;
  storage: ServerStorage;
  clock: Clock;
  random: Random;
  /** Where the engine records what it did, for the step's explanation. */
  trace: TraceEvent[];
}

export const VALID_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const EXPIRY_KEY = '_session_expiry';
const SESSION_SALT = 'django.contrib.sessions.SessionStore';

export type ExpiryValue = number | PyDateTime | null;

/** The server-side places an engine keeps sessions in (the transcripts' store keys, before any `@worker`). */
export type StorePlace = 'db' | 'cache' | 'files';

export interface DecodedSession {
  data: PyDict;
  /** Why the data reads as {} (the stored text is unchanged), or null when it verified. */
  error: 'BadSignature' | 'SignatureExpired' | null;
  /** Which key verified it: SECRET_KEY, or one of SECRET_KEY_FALLBACKS. */
  signedWith: 'current' | 'fallback' | null;
}

/**
 * SessionBase.decode: the session data of a db row or a session file, signed
 * with salt "django.contrib.sessions.SessionStore" and verified with
 * SECRET_KEY, then each SECRET_KEY_FALLBACKS entry. Anything that does not
 * verify or parse is an empty dict, as Django reads it.
 */
export function decodeSessionData(settings: Settings, sessionData: string, nowMs: number): DecodedSession {
  try {
    // time.time() is a float: ages are compared in fractional seconds.
    const opts = { key: settings.SECRET_KEY, fallbackKeys: settings.SECRET_KEY_FALLBACKS, salt: SESSION_SALT, now: nowMs / 1000 };
    const value = loads(sessionData, opts);
    const signedWith = new TimestampSigner({ ...opts, now: () => opts.now }).verifyingKey(sessionData) === settings.SECRET_KEY ? 'current' : 'fallback';
    return { data: value instanceof Map ? value : new Map(), error: null, signedWith };
  } catch (error) {
    return { data: new Map(), error: error instanceof SignatureExpired ? 'SignatureExpired' : 'BadSignature', signedWith: null };
  }
}

/**
 * django.contrib.sessions.backends.base.SessionBase: a lazily loaded dict
 * with `accessed` and `modified` flags set exactly where Django sets them.
 */
export abstract class SessionBase {
  accessed = false;
  modified = false;
  #sessionKey: string | null = null;
  /** undefined until loaded: Django's missing `_session_cache` attribute. */
  protected cache: PyDict | undefined;

  constructor(
    protected readonly ctx: EngineContext,
    sessionKey: string | null = null,
  ) {
    this.sessionKeyValue = sessionKey;
  }

  /** The place this engine keeps sessions, for the trace. */
  abstract readonly place: Place;
  /** Every server-side place the engine reads or writes (signed_cookies: none). */
  static readonly places: readonly StorePlace[] = [];

  get sessionKey(): string | null {
    return this.#sessionKey;
  }

  /** Django's `_session_key` setter: a key that fails validation becomes None. */
  protected set sessionKeyValue(value: string | null) {
    this.#sessionKey = value !== null && this.validateSessionKey(value) ? value : null;
  }

  protected validateSessionKey(key: string): boolean {
    return key.length >= 8;
  }

  protected now(): number {
    return this.ctx.clock.now();
  }

  protected record(event: TraceEvent): void {
    this.ctx.trace.push(event);
  }

  // ---- the dict ----------------------------------------------------------------

  /** Django's `_get_session`: loads on first use, unless there is no key or no_load. */
  protected session(noLoad = false): PyDict {
    this.accessed = true;
    if (this.cache === undefined) {
      this.cache = this.#sessionKey === null || noLoad ? new Map() : this.load();
    }
    return this.cache;
  }

  has(key: string): boolean {
    return this.session().has(key);
  }

  /** session[key]: a missing key raises KeyError. */
  getItem(key: string): PyValue {
    const data = this.session();
    if (!data.has(key)) throw new KeyError(key);
    return data.get(key) as PyValue;
  }

  get(key: string, fallback: PyValue = null): PyValue {
    const data = this.session();
    return data.has(key) ? (data.get(key) as PyValue) : fallback;
  }

  set(key: string, value: PyValue): void {
    this.session().set(key, value);
    this.modified = true;
  }

  /** del session[key]: a missing key raises KeyError. */
  delete(key: string): void {
    const data = this.session();
    if (!data.delete(key)) throw new KeyError(key);
    this.modified = true;
  }

  /** session.pop(key[, default]): modified only if the key was there. */
  pop(key: string, ...fallback: [PyValue?]): PyValue {
    const data = this.session();
    const present = data.has(key);
    this.modified = this.modified || present;
    if (present) {
      const value = data.get(key) as PyValue;
      data.delete(key);
      return value;
    }
    if (fallback.length === 0) throw new KeyError(key);
    return fallback[0] as PyValue;
  }

  /** Marks the session modified only when it inserts the key. */
  setdefault(key: string, value: PyValue): PyValue {
    const data = this.session();
    if (data.has(key)) return data.get(key) as PyValue;
    this.modified = true;
    data.set(key, value);
    return value;
  }

  update(values: PyDict): void {
    const data = this.session();
    for (const [key, value] of values) data.set(key, value);
    this.modified = true;
  }

  keys(): string[] {
    return [...this.session().keys()];
  }

  values(): PyValue[] {
    return [...this.session().values()];
  }

  items(): [string, PyValue][] {
    return [...this.session()];
  }

  /** Empties the dict without reading the store, and marks it accessed and modified. */
  clear(): void {
    this.cache = new Map();
    this.accessed = true;
    this.modified = true;
  }

  /** No key and no data (an empty dict with a key is not empty). */
  isEmpty(): boolean {
    return this.#sessionKey === null && (this.cache === undefined || this.cache.size === 0);
  }

  // ---- test cookie -------------------------------------------------------------

  static readonly TEST_COOKIE_NAME = 'testcookie';
  static readonly TEST_COOKIE_VALUE = 'worked';

  setTestCookie(): void {
    this.set(SessionBase.TEST_COOKIE_NAME, SessionBase.TEST_COOKIE_VALUE);
  }

  testCookieWorked(): boolean {
    return this.get(SessionBase.TEST_COOKIE_NAME) === SessionBase.TEST_COOKIE_VALUE;
  }

  deleteTestCookie(): void {
    this.delete(SessionBase.TEST_COOKIE_NAME);
  }

  // ---- encoding ----------------------------------------------------------------

  /** signing.dumps(session, salt="django.contrib.sessions.SessionStore", compress=True). */
  encode(data: PyDict): string {
    return dumps(data, {
      key: this.ctx.settings.SECRET_KEY,
      salt: SESSION_SALT,
      compress: true,
      timestamp: Math.floor(this.now() / 1000),
    });
  }

  /** Anything that does not verify or parse decodes to an empty session, as in Django. */
  decode(sessionData: string, key: string): PyDict {
    const decoded = decodeSessionData(this.ctx.settings, sessionData, this.now());
    if (decoded.error) this.record({ kind: 'store', op: 'bad_signature', place: this.place, key, error: decoded.error });
    else if (decoded.signedWith === 'fallback') this.record({ kind: 'store', op: 'fallback_signature', place: this.place, key });
    return decoded.data;
  }

  // ---- keys --------------------------------------------------------------------

  protected newSessionKey(): string {
    for (;;) {
      const key = randomString(this.ctx.random, 32, VALID_KEY_CHARS);
      if (!this.exists(key)) return key;
    }
  }

  /**
   * Django's create() for the stores that hold sessions: a new key saved at
   * once with must_create, tried again while the key is taken.
   */
  protected createUnderNewKey(attempts = Infinity): void {
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.sessionKeyValue = this.newSessionKey();
      try {
        this.save(true);
      } catch (error) {
        if (error instanceof CreateError) continue;
        throw error;
      }
      this.modified = true;
      return;
    }
    throw new Error('Unable to create a new session key. It is likely that the cache is unavailable.');
  }

  protected getOrCreateSessionKey(): string {
    if (this.#sessionKey === null) this.sessionKeyValue = this.newSessionKey();
    return this.#sessionKey as string;
  }

  // ---- expiry ------------------------------------------------------------------

  getSessionCookieAge(): number {
    return this.ctx.settings.SESSION_COOKIE_AGE;
  }

  /** Seconds until the session expires; `expiry` and `modification` may be given to avoid a load. */
  getExpiryAge(options: { modification?: number; expiry?: PyValue } = {}): number {
    const modification = options.modification ?? this.now();
    const expiry = 'expiry' in options ? options.expiry : this.get(EXPIRY_KEY);
    if (expiry === undefined || !pyTruthy(expiry)) return this.getSessionCookieAge(); // None and 0 alike
    const date = expiryDate(expiry);
    if (date === null) return expiry as number;
    // timedelta.days * 86400 + timedelta.seconds: whole seconds, rounded down.
    return Math.floor((date - modification) / 1000);
  }

  /** When the session expires, ms since the epoch. */
  getExpiryDate(options: { modification?: number; expiry?: PyValue } = {}): number {
    const modification = options.modification ?? this.now();
    const expiry = 'expiry' in options ? options.expiry : this.get(EXPIRY_KEY);
    const date = expiryDate(expiry ?? null);
    if (date !== null) return date;
    const seconds = pyTruthy(expiry ?? null) ? (expiry as number) : this.getSessionCookieAge();
    return modification + seconds * 1000;
  }

  /**
   * set_expiry: seconds of inactivity (0 = at browser close), a date, or null
   * to go back to the global policy. A date is stored as its ISO text (current
   * Django), so the JSON serializer can hold it.
   */
  setExpiry(value: ExpiryValue): void {
    if (value === null) {
      if (this.has(EXPIRY_KEY)) this.delete(EXPIRY_KEY);
      return;
    }
    this.set(EXPIRY_KEY, value instanceof PyDateTime ? pythonIsoformat(value.ms) : value);
  }

  getExpireAtBrowserClose(): boolean {
    const expiry = this.get(EXPIRY_KEY);
    if (expiry === null) return this.ctx.settings.SESSION_EXPIRE_AT_BROWSER_CLOSE;
    return expiry === 0 || expiry === false;
  }

  // ---- lifecycle ---------------------------------------------------------------

  /** Removes the data from the store and forgets the key: logout's step. */
  flush(): void {
    this.record({ kind: 'session', op: 'flush', hadKey: this.sessionKey !== null, serverSide: this.place !== 'cookie' });
    this.clear();
    this.deleteFromStore();
    this.sessionKeyValue = null;
  }

  /** A new key for the same data; the old key's record is deleted (login's step). */
  cycleKey(): void {
    this.record({ kind: 'session', op: 'cycle_key', hadKey: this.sessionKey !== null, serverSide: true });
    const data = this.session();
    const key = this.sessionKey;
    this.create();
    this.cache = data;
    if (key) this.deleteFromStore(key);
  }

  abstract exists(sessionKey: string): boolean;
  /** A fresh key, saved at once (empty for most engines); marks the session modified. */
  abstract create(): void;
  /** Save the data; must_create raises CreateError if the key exists, otherwise UpdateError if it vanished. */
  abstract save(mustCreate?: boolean): void;
  /** Django's SessionStore.delete(session_key=None). */
  abstract deleteFromStore(sessionKey?: string | null): void;
  abstract load(): PyDict;
}

/** A stored `_session_expiry` that names a moment: a datetime, or current Django's ISO text. */
function expiryDate(expiry: PyValue): number | null {
  if (expiry instanceof PyDateTime) return expiry.ms;
  if (typeof expiry === 'string') {
    const ms = Date.parse(expiry);
    if (Number.isNaN(ms)) throw new RangeError(`Invalid isoformat string: '${expiry}'`);
    return ms;
  }
  return null;
}

/** datetime.isoformat() of an aware UTC datetime: microseconds only when non-zero. */
export function pythonIsoformat(ms: number): string {
  const iso = new Date(ms).toISOString();
  const base = iso.slice(0, 19);
  const fraction = ms % 1000 === 0 ? '' : '.' + iso.slice(20, 23) + '000';
  return `${base}${fraction}+00:00`;
}
