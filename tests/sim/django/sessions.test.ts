import { beforeEach, describe, expect, test } from 'vitest';
import { CreateError, KeyError, SuspiciousOperation, UpdateError } from '../../../src/sim/django/errors';
import { processSessionResponse } from '../../../src/sim/django/middleware';
import type { EngineName } from '../../../src/sim/django/settings';
import type { SessionBase } from '../../../src/sim/django/sessions/base';
import { clearExpiredSessions } from '../../../src/sim/django/sessions';
import { TimestampSigner } from '../../../src/sim/django/signing';
import { PyDateTime } from '../../../src/sim/django/values';
import { pyDictOf } from '../../support/py';
import {
  allHeldKeys,
  contextFor,
  ENGINE_NAMES,
  heldKeys,
  open,
  SECRET_KEY,
  SERVER_ENGINES,
  stored,
  T0,
  type TestContext,
} from './context';

// What Django's SessionTestsMixin (tests/sessions_tests/tests.py) checks, for
// every engine it applies to, plus the engine-specific tests of that file.
// Values that are not in Django's suite were printed by Django 3.2 running the
// same calls (the session classes are the same in 5.2, except set_expiry of a
// date, which 5.2 stores as ISO text: that part follows 5.2's base.py).

const AGE = 1209600; // SESSION_COOKIE_AGE of the demo site (Django's default)
const SERVER = SERVER_ENGINES;
const SIGNED: EngineName[] = ['signed_cookies'];

function flags(session: SessionBase) {
  return { accessed: session.accessed, modified: session.modified };
}

function thrown(call: () => unknown): Error | undefined {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

function untouched(session: SessionBase): SessionBase {
  session.accessed = false;
  session.modified = false;
  return session;
}

describe.each(ENGINE_NAMES)('%s: the session dict and its flags', (engine) => {
  let ctx: TestContext;
  let session: SessionBase;
  beforeEach(() => {
    ctx = contextFor(engine);
    session = open(ctx);
  });

  test('a new session is neither accessed nor modified', () => {
    expect(flags(session)).toEqual({ accessed: false, modified: false });
  });

  test('get of a missing key gives None; reading marks accessed only', () => {
    expect(session.get('cat')).toBeNull();
    expect(session.get('cat', 'dflt')).toBe('dflt');
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('storing marks modified; pop gives the value back', () => {
    session.set('cat', 'dog');
    expect(session.modified).toBe(true);
    expect(session.pop('cat')).toBe('dog');
  });

  test('pop of a present key marks accessed and modified', () => {
    session.set('some key', 'exists');
    untouched(session);
    expect(session.pop('some key')).toBe('exists');
    expect(flags(session)).toEqual({ accessed: true, modified: true });
    expect(session.get('some key')).toBeNull();
  });

  test('pop of a missing key with a default: accessed, not modified', () => {
    expect(session.pop('some key', 'does not exist')).toBe('does not exist');
    expect(session.pop('some key', null)).toBeNull();
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('pop of a missing key without a default raises KeyError and modifies nothing', () => {
    expect(() => session.pop('some key')).toThrow(KeyError);
    expect(session.modified).toBe(false);
  });

  test('setdefault inserts once and marks modified', () => {
    expect(session.setdefault('foo', 'bar')).toBe('bar');
    expect(session.setdefault('foo', 'baz')).toBe('bar');
    expect(flags(session)).toEqual({ accessed: true, modified: true });
  });

  test('setdefault of a key already there does not mark modified', () => {
    session.set('foo', 'bar');
    untouched(session);
    expect(session.setdefault('foo', 'baz')).toBe('bar');
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('keys keep insertion order as a dict does: integer-like keys stay in place, a deleted key set again goes last', () => {
    for (const key of ['b', '2', 'a', '10']) session.set(key, key);
    expect(session.keys()).toEqual(['b', '2', 'a', '10']);
    session.set('2', 'again');
    expect(session.keys()).toEqual(['b', '2', 'a', '10']);
    session.delete('2');
    session.set('2', 'last');
    expect(session.items()).toEqual([['b', 'b'], ['a', 'a'], ['10', '10'], ['2', 'last']]);
  });

  test('update marks modified, even with nothing to add', () => {
    session.update(pyDictOf({ 'update key': 1 }));
    expect(flags(session)).toEqual({ accessed: true, modified: true });
    expect(session.get('update key')).toBe(1);
    untouched(session);
    session.update(new Map());
    expect(session.modified).toBe(true);
  });

  test('membership is a read', () => {
    session.set('some key', 1);
    untouched(session);
    expect(session.has('some key')).toBe(true);
    expect(session.has('other')).toBe(false);
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('values, keys and items are reads, in insertion order', () => {
    expect(session.values()).toEqual([]);
    expect(session.accessed).toBe(true);
    session.set('x', 1);
    session.set('a', 2);
    untouched(session);
    expect(session.keys()).toEqual(['x', 'a']);
    expect(session.values()).toEqual([1, 2]);
    expect(session.items()).toEqual([['x', 1], ['a', 2]]);
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('clear empties the dict and marks accessed and modified', () => {
    session.set('x', 1);
    untouched(session);
    expect(session.items()).toEqual([['x', 1]]);
    session.clear();
    expect(session.items()).toEqual([]);
    expect(flags(session)).toEqual({ accessed: true, modified: true });
  });

  test('session[key] and del session[key] of a missing key raise KeyError', () => {
    expect(() => session.getItem('nope')).toThrow(KeyError);
    expect(() => session.delete('nope')).toThrow(KeyError);
    expect(thrown(() => session.getItem('nope'))?.toString()).toBe("KeyError: 'nope'");
    expect(session.modified).toBe(false);
    session.set('yes', 1);
    untouched(session);
    session.delete('yes');
    expect(flags(session)).toEqual({ accessed: true, modified: true });
  });

  test('the test cookie: set, checked, deleted', () => {
    expect(session.has(SESSION_TEST_COOKIE)).toBe(false);
    session.setTestCookie();
    expect(session.testCookieWorked()).toBe(true);
    expect(session.get(SESSION_TEST_COOKIE)).toBe('worked');
    session.deleteTestCookie();
    expect(session.has(SESSION_TEST_COOKIE)).toBe(false);
    expect(session.testCookieWorked()).toBe(false);
  });

  test('is_empty: no key and no data', () => {
    expect(session.isEmpty()).toBe(true);
    // A key counts even before it is loaded, and after clear().
    expect(open(ctx, 'abcdefgh').isEmpty()).toBe(false);
    const cleared = open(ctx, 'abcdefgh');
    cleared.clear();
    expect(cleared.isEmpty()).toBe(false);
    session.set('x', 1);
    expect(session.isEmpty()).toBe(false);
  });

  test('set_expiry(None) with no custom expiry reads but does not modify', () => {
    session.setExpiry(null);
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });
});

const SESSION_TEST_COOKIE = 'testcookie';

describe.each(ENGINE_NAMES)('%s: keys', (engine) => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = contextFor(engine);
  });

  test('an empty string is not a key', () => {
    expect(open(ctx, '').sessionKey).toBeNull();
  });

  test('a key under 8 characters is refused; 8 are enough', () => {
    expect(open(ctx, '1234567').sessionKey).toBeNull();
    expect(open(ctx, '12345678').sessionKey).toBe('12345678');
  });

  test('an invalid key is replaced by a new one when saved', () => {
    const session = open(ctx, '1');
    session.save();
    expect(session.sessionKey).not.toBe('1');
    expect(session.sessionKey).not.toBeNull();
    expect(session.get('cat')).toBeNull();
  });
});

describe.each(SERVER)('%s: keys', (engine) => {
  test('a new key is 32 characters of a-z0-9', () => {
    const ctx = contextFor(engine);
    expect(stored(ctx, {})).toMatch(/^[a-z0-9]{32}$/);
  });
});

describe.each(SERVER)('%s: save, delete, flush, cycle', (engine) => {
  let ctx: TestContext;
  let session: SessionBase;
  beforeEach(() => {
    ctx = contextFor(engine);
    session = open(ctx);
  });

  test('save makes the key exist', () => {
    session.save();
    expect(session.exists(session.sessionKey as string)).toBe(true);
    expect(allHeldKeys(ctx)).toEqual([session.sessionKey]);
  });

  test('save does not clear the data', () => {
    session.set('a', 'b');
    session.save();
    expect(session.getItem('a')).toBe('b');
  });

  test('delete(key) removes the record', () => {
    session.save();
    session.deleteFromStore(session.sessionKey);
    expect(session.exists(session.sessionKey as string)).toBe(false);
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('flush removes the record, forgets the key, marks accessed and modified', () => {
    session.set('foo', 'bar');
    session.save();
    const previous = session.sessionKey as string;
    session.flush();
    expect(session.exists(previous)).toBe(false);
    expect(session.sessionKey).toBeNull();
    expect(flags(session)).toEqual({ accessed: true, modified: true });
    expect(session.items()).toEqual([]);
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('cycle_key keeps the data under a new key; the old record is gone', () => {
    session.set('a', 'c');
    session.set('b', 'd');
    session.save();
    const previous = session.sessionKey as string;
    const data = session.items();
    session.cycleKey();
    expect(session.exists(previous)).toBe(false);
    expect(session.sessionKey).not.toBe(previous);
    expect(session.items()).toEqual(data);
    expect(session.modified).toBe(true);
    // The new key is saved at once (with the data), the old one deleted.
    expect(allHeldKeys(ctx)).toEqual([session.sessionKey]);
    expect(open(ctx, session.sessionKey).items()).toEqual(data);
  });

  test('cycle_key of a session not loaded yet loads it first', () => {
    const key = stored(ctx, { a: 'c', b: 'd' });
    const fresh = open(ctx, key);
    fresh.cycleKey();
    expect(fresh.items()).toEqual([['a', 'c'], ['b', 'd']]);
    expect(fresh.sessionKey).not.toBe(key);
    expect(allHeldKeys(ctx)).toEqual([fresh.sessionKey]);
  });

  test('loading an unknown key creates no record and drops the key', () => {
    const session = open(ctx, 'someunknownkey');
    expect(session.load()).toEqual(new Map());
    expect(session.sessionKey).toBeNull();
    expect(session.exists('someunknownkey')).toBe(false);
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('a save after the session was deleted elsewhere raises UpdateError and does not resurrect it', () => {
    const s1 = open(ctx);
    s1.set('test_data', 'value1');
    s1.save(true);
    open(ctx, s1.sessionKey).deleteFromStore();
    s1.set('test_data', 'value2');
    expect(() => s1.save()).toThrow(UpdateError);
    expect(s1.load()).toEqual(new Map());
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('save(must_create) of a key that exists raises CreateError and writes nothing', () => {
    const key = stored(ctx, { a: 1 });
    const again = open(ctx, key);
    again.set('a', 2);
    expect(() => again.save(true)).toThrow(CreateError);
    expect(open(ctx, key).get('a')).toBe(1);
  });
});

describe.each(SIGNED)('%s: save, flush, cycle', (engine) => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = contextFor(engine);
  });

  test('the "key" is the signed data, and nothing is held on the server', () => {
    const session = open(ctx);
    session.set('a', 'b');
    session.save();
    expect(session.sessionKey).toMatch(/^[A-Za-z0-9_-]+:[A-Za-z0-9]+:[A-Za-z0-9_-]+$/);
    expect(open(ctx, session.sessionKey).items()).toEqual([['a', 'b']]);
    expect(session.exists(session.sessionKey as string)).toBe(false);
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('flush forgets the value and marks modified; an old copy still loads (nothing to revoke)', () => {
    const session = open(ctx);
    session.set('foo', 'bar');
    session.save();
    const copy = session.sessionKey;
    session.flush();
    expect(session.sessionKey).toBeNull();
    expect(flags(session)).toEqual({ accessed: true, modified: true });
    expect(open(ctx, copy).get('foo')).toBe('bar');
  });

  test('delete() empties the data and forgets the value, marking modified so the cookie is rewritten', () => {
    const session = open(ctx);
    session.set('a', 'b');
    session.save();
    untouched(session);
    session.deleteFromStore();
    expect(session.sessionKey).toBeNull();
    expect(session.modified).toBe(true);
    expect(session.items()).toEqual([]);
    expect(session.isEmpty()).toBe(true);
  });

  test('cycle_key re-signs the same data', () => {
    const session = open(ctx);
    session.set('a', 'c');
    session.save();
    const before = session.sessionKey;
    ctx.clock.advance(1);
    session.cycleKey();
    expect(session.sessionKey).not.toBe(before);
    expect(session.modified).toBe(true);
    expect(open(ctx, session.sessionKey).items()).toEqual([['a', 'c']]);
  });
});

describe.each(ENGINE_NAMES)('%s: expiry', (engine) => {
  let ctx: TestContext;
  let session: SessionBase;
  beforeEach(() => {
    ctx = contextFor(engine);
    session = open(ctx);
  });

  test('the default expiry is SESSION_COOKIE_AGE, also after set_expiry(0)', () => {
    expect(session.getExpiryAge()).toBe(AGE);
    session.setExpiry(0);
    expect(session.getExpiryAge()).toBe(AGE);
    expect(session.getExpiryDate()).toBe(T0 + AGE * 1000);
  });

  test('the default follows SESSION_COOKIE_AGE', () => {
    const short = open(contextFor(engine, { SESSION_COOKIE_AGE: 600 }));
    expect(short.getExpiryAge()).toBe(600);
  });

  test('a custom expiry in seconds counts from the modification', () => {
    const modification = T0 + 1234;
    session.setExpiry(10);
    expect(session.getExpiryDate({ modification })).toBe(modification + 10_000);
    expect(session.getExpiryAge({ modification })).toBe(10);
    expect(session.get('_session_expiry')).toBe(10);
  });

  test('a custom expiry date is stored as its ISO text (current Django) and counts down', () => {
    const modification = T0;
    session.setExpiry(new PyDateTime(modification + 10_000));
    expect(session.get('_session_expiry')).toBe('2026-01-01T00:00:10+00:00');
    expect(session.getExpiryDate({ modification })).toBe(modification + 10_000);
    expect(session.getExpiryAge({ modification })).toBe(10);
    // Whole seconds, rounded down (timedelta.days * 86400 + timedelta.seconds).
    expect(session.getExpiryAge({ modification: modification + 500 })).toBe(9);
    expect(session.getExpiryAge({ modification: modification + 11_000 })).toBe(-1);
  });

  test('a date with a fraction of a second keeps it, as microseconds', () => {
    session.setExpiry(new PyDateTime(T0 + 10_123));
    expect(session.get('_session_expiry')).toBe('2026-01-01T00:00:10.123000+00:00');
    expect(session.getExpiryDate()).toBe(T0 + 10_123);
  });

  test('set_expiry(None) goes back to the global policy', () => {
    session.setExpiry(null);
    session.setExpiry(10);
    session.setExpiry(null);
    expect(session.getExpiryAge()).toBe(AGE);
    expect(session.has('_session_expiry')).toBe(false);
  });

  test.each([
    [false, [false, true, false]],
    [true, [false, true, true]],
  ])('expire at browser close with SESSION_EXPIRE_AT_BROWSER_CLOSE=%s: after 10, 0, None', (setting, expected) => {
    const s = open(contextFor(engine, { SESSION_EXPIRE_AT_BROWSER_CLOSE: setting }));
    const seen: boolean[] = [];
    for (const value of [10, 0, null]) {
      s.setExpiry(value);
      seen.push(s.getExpireAtBrowserClose());
    }
    expect(seen).toEqual(expected);
  });
});

describe.each(SERVER)('%s: an expiry date in the past', (engine) => {
  test('the session expires at once: a new store finds nothing', () => {
    const ctx = contextFor(engine);
    const session = open(ctx);
    session.set('foo', 'bar');
    session.setExpiry(new PyDateTime(T0 - 10_000));
    session.save();
    const reloaded = open(ctx, session.sessionKey);
    expect(reloaded.has('foo')).toBe(false);
    expect(reloaded.sessionKey).not.toBe(session.sessionKey);
  });

  test('a negative number of seconds too', () => {
    const ctx = contextFor(engine);
    const session = open(ctx);
    session.set('foo', 'bar');
    session.setExpiry(-10);
    session.save();
    expect(open(ctx, session.sessionKey).has('foo')).toBe(false);
  });
});

describe.each(SIGNED)('%s: an expiry date in the past', (engine) => {
  test('is not checked: only SESSION_COOKIE_AGE limits a signed cookie (Django ticket #19201)', () => {
    const ctx = contextFor(engine);
    const session = open(ctx);
    session.set('foo', 'bar');
    session.setExpiry(new PyDateTime(T0 - 10_000));
    session.save();
    expect(open(ctx, session.sessionKey).get('foo')).toBe('bar');
    ctx.clock.advance(AGE);
    expect(open(ctx, session.sessionKey).get('foo')).toBe('bar');
    ctx.clock.advance(1);
    expect(open(ctx, session.sessionKey).get('foo')).toBeNull();
  });
});

describe.each(SERVER)('%s: where the expiry goes when saved', (engine) => {
  test('set_expiry(10) stores the number and expires the record 10 seconds after the save', () => {
    const ctx = contextFor(engine);
    const session = open(ctx);
    session.setExpiry(10);
    session.save();
    const key = session.sessionKey as string;
    expect(open(ctx, key).get('_session_expiry')).toBe(10);
    const row = ctx.storage.sessions.get(key);
    const entry = ctx.storage.cache.entries().find((e) => e.key.endsWith(key));
    if (engine === 'db' || engine === 'cached_db') expect(row?.expire_date).toBe(T0 + 10_000);
    if (engine === 'cache' || engine === 'cached_db') expect(entry?.expires).toBe(T0 + 10_000);
    // The file engine takes a stored number as "seconds left": it never expires the file (scenario 13).
    ctx.clock.advance(11);
    expect(open(ctx, key).get('_session_expiry')).toBe(engine === 'file' ? 10 : null);
  });
});

describe.each(ENGINE_NAMES)('%s: encoding', (engine) => {
  let ctx: TestContext;
  let session: SessionBase;
  beforeEach(() => {
    ctx = contextFor(engine);
    session = open(ctx);
  });

  test('decode reads what encode wrote', () => {
    const data = pyDictOf({ 'a test key': 'a test value' });
    expect(session.decode(session.encode(data), 'k')).toEqual(data);
  });

  test.each([
    ['a value that is not signed', 'bad:encoded:value'],
    ['base64 of something else', 'Zmxhc2tkajphbGtkamY='],
    ['nothing at all', ''],
  ])('%s decodes to an empty session', (_, value) => {
    expect(session.decode(value, 'k')).toEqual(new Map());
  });

  test('a correctly signed value that is not JSON decodes to an empty session', () => {
    const signer = new TimestampSigner({ key: SECRET_KEY, salt: 'django.contrib.sessions.SessionStore', now: () => T0 / 1000 });
    expect(session.decode(signer.sign('invalid data'), 'k')).toEqual(new Map());
  });

  test('data signed under another SECRET_KEY decodes to an empty session', () => {
    const other = open(contextFor(engine, { SECRET_KEY: 'another-secret' }));
    expect(session.decode(other.encode(pyDictOf({ a: 1 })), 'k')).toEqual(new Map());
  });
});

describe('tampered stored data loads as an empty session', () => {
  function tamper(text: string): string {
    return (text[0] === 'x' ? 'y' : 'x') + text.slice(1);
  }

  test.each(['db', 'cached_db'] as const)('%s: a row whose data does not verify', (engine) => {
    const ctx = contextFor(engine);
    const key = stored(ctx, { a: 1 });
    const row = ctx.storage.sessions.get(key)!;
    ctx.storage.sessions.set(key, { ...row, session_data: tamper(row.session_data) });
    ctx.storage.cache.delete(`django.contrib.sessions.cached_db${key}`);
    const session = open(ctx, key);
    expect(session.items()).toEqual([]);
    // The key stands (the row is there): nothing to save, no new key.
    expect(session.sessionKey).toBe(key);
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('file: a file whose data does not verify', () => {
    const ctx = contextFor('file');
    const key = stored(ctx, { a: 1 });
    const file = ctx.storage.files.get(`sessionid${key}`)!;
    ctx.storage.files.set(file.name, { ...file, content: tamper(file.content) });
    const session = open(ctx, key);
    expect(session.items()).toEqual([]);
    expect(session.sessionKey).toBe(key);
    expect(flags(session)).toEqual({ accessed: true, modified: false });
  });

  test('signed_cookies: a value whose signature fails is marked modified, so it is re-signed over {}', () => {
    const ctx = contextFor('signed_cookies');
    const session = open(ctx);
    session.set('a', 1);
    session.save();
    const forged = tamper(session.sessionKey as string);
    const loaded = open(ctx, forged);
    expect(loaded.items()).toEqual([]);
    expect(loaded.sessionKey).toBe(forged);
    expect(flags(loaded)).toEqual({ accessed: true, modified: true });
  });
});

describe.each(ENGINE_NAMES)('%s: lazy loading', (engine) => {
  test('constructing a session reads nothing; the first access does', () => {
    const ctx = contextFor(engine);
    const writer = open(ctx);
    writer.set('a', 1);
    writer.save();
    const key = writer.sessionKey as string;
    ctx.trace.length = 0;
    const session = open(ctx, key);
    expect(ctx.trace).toEqual([]);
    expect(flags(session)).toEqual({ accessed: false, modified: false });
    expect(session.sessionKey).toBe(key);
    expect(session.get('a')).toBe(1);
    expect(ctx.trace.some((e) => e.kind === 'store' && e.op === 'read')).toBe(true);
  });

  test('the data is read at first access, not at construction', () => {
    const ctx = contextFor(engine);
    const key = stored(ctx, { a: 1 });
    const session = open(ctx, key);
    if (engine === 'signed_cookies') return; // the cookie is its own store: nothing can change behind it
    open(ctx, key).deleteFromStore();
    expect(session.get('a')).toBeNull();
    expect(session.sessionKey).toBeNull();
  });

  test('clear() reads nothing', () => {
    const ctx = contextFor(engine);
    const key = stored(ctx, { a: 1 });
    ctx.trace.length = 0;
    const session = open(ctx, key);
    session.clear();
    expect(session.items()).toEqual([]);
    expect(ctx.trace).toEqual([]);
    expect(session.sessionKey).toBe(key);
  });

  test('changing a stored list in place is not noticed, so it is not saved', () => {
    const ctx = contextFor(engine);
    const key = stored(ctx, { cart: ['apple'] });
    const session = open(ctx, key);
    (session.get('cart') as string[]).push('pear');
    expect(session.get('cart')).toEqual(['apple', 'pear']);
    expect(session.modified).toBe(false);
    const response = { status: 200, headers: [['Content-Type', 'application/json']] as [string, string][], body: '{}' };
    const decision = processSessionResponse(ctx.settings, session, key, response, ctx.clock.now());
    expect(decision.saved).toBe(false);
    expect(open(ctx, key).get('cart')).toEqual(['apple']);
  });
});

describe('the cache engine and LocMemCache culling (CACHES.default.OPTIONS)', () => {
  const OPTIONS = { CACHES: { default: { OPTIONS: { MAX_ENTRIES: 3 } } } };

  function fourSessions(ctx: TestContext): string[] {
    const keys = [0, 1, 2].map((n) => stored(ctx, { n }));
    open(ctx, keys[0]).get('n'); // a read makes the first one recently used
    keys.push(stored(ctx, { n: 3 }));
    return keys;
  }

  test('cache: the least recently used session is culled and lost', () => {
    const ctx = contextFor('cache', OPTIONS);
    const keys = fourSessions(ctx);
    expect(ctx.storage.cache.entries().map((e) => keys.indexOf(e.key.slice(-32)))).toEqual([3, 0, 2]);
    const lost = open(ctx, keys[1]);
    expect(lost.items()).toEqual([]);
    expect(lost.sessionKey).toBeNull();
    expect(ctx.trace.some((e) => e.kind === 'store' && e.op === 'culled')).toBe(true);
  });

  test('cached_db: a new session is written to the cache twice, so it culls twice; the db still has every session', () => {
    const ctx = contextFor('cached_db', OPTIONS);
    const keys = fourSessions(ctx);
    expect(ctx.storage.cache.entries().map((e) => keys.indexOf(e.key.slice(-32)))).toEqual([3, 0]);
    const reloaded = open(ctx, keys[1]);
    expect(reloaded.items()).toEqual([['n', 1]]);
    expect(reloaded.sessionKey).toBe(keys[1]);
    // Reading it from the db put it back in the cache.
    expect(ctx.storage.cache.entries().map((e) => keys.indexOf(e.key.slice(-32)))).toEqual([1, 3, 0]);
  });

  test('cache: a session entry expires with the session (timeout = expiry age), lazily', () => {
    const ctx = contextFor('cache', { SESSION_COOKIE_AGE: 600 });
    const key = stored(ctx, { a: 1 });
    expect(ctx.storage.cache.entries()[0].expires).toBe(T0 + 600_000);
    ctx.clock.advance(600);
    expect(ctx.storage.cache.size).toBe(1);
    expect(open(ctx, key).get('a')).toBeNull();
    expect(ctx.storage.cache.size).toBe(0);
  });

  test('cache: the session dict itself is stored (no JSON): a datetime saves', () => {
    const ctx = contextFor('cache');
    const session = open(ctx);
    session.set('last_seen', new PyDateTime(T0));
    session.save();
    expect(open(ctx, session.sessionKey).get('last_seen')).toEqual(new PyDateTime(T0));
  });

  test.each(['db', 'cached_db', 'file', 'signed_cookies'] as const)('%s: a datetime cannot be saved (JSON)', (engine) => {
    const ctx = contextFor(engine);
    const session = open(ctx);
    session.set('last_seen', new PyDateTime(T0));
    expect(() => session.save()).toThrow(/datetime is not JSON serializable/);
  });

  test('cached_db: exists() finds a key in the cache without the db', () => {
    const ctx = contextFor('cached_db');
    const key = stored(ctx, {});
    ctx.storage.sessions.delete(key);
    expect(open(ctx).exists(key)).toBe(true);
  });

  test('cached_db: a cached entry is read without the db', () => {
    const ctx = contextFor('cached_db');
    const key = stored(ctx, { a: 1 });
    ctx.storage.sessions.delete(key);
    expect(open(ctx, key).get('a')).toBe(1);
  });

  test.each(['cache', 'cached_db'] as const)('%s: an overlong key loads as an empty session', (engine) => {
    const ctx = contextFor(engine);
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    expect(open(ctx, letters.repeat(20)).load()).toEqual(new Map());
  });
});

describe('the file engine', () => {
  test.each(['a\\b\\c\\d\\e', 'a/b/c/d/e/f', '../../etc/passwd', 'ABCDEFGHIJ'])('refuses %j as a file name (no directory traversal)', (key) => {
    const ctx = contextFor('file');
    expect(() => open(ctx).exists(key)).toThrow(SuspiciousOperation);
    const session = open(ctx, key);
    expect(session.items()).toEqual([]);
    expect(session.sessionKey).toBeNull();
  });

  test('names files SESSION_COOKIE_NAME + key', () => {
    const ctx = contextFor('file', { SESSION_COOKIE_NAME: 'sid' });
    const key = stored(ctx, {});
    expect([...ctx.storage.files.keys()]).toEqual([`sid${key}`]);
  });

  test('an empty placeholder file loads as an empty session that keeps its key', () => {
    const ctx = contextFor('file');
    const key = 'abcdefghijklmnopqrstuvwxyz012345';
    ctx.storage.files.set(`sessionid${key}`, { name: `sessionid${key}`, content: '', mtime: T0 });
    const session = open(ctx, key);
    expect(session.items()).toEqual([]);
    expect(session.sessionKey).toBe(key);
  });

  test('a file older than SESSION_COOKIE_AGE is deleted on load and a new empty session created at once', () => {
    const ctx = contextFor('file');
    const key = stored(ctx, { a: 1 });
    ctx.clock.advance(AGE);
    const session = open(ctx, key);
    expect(session.items()).toEqual([]);
    expect(session.sessionKey).not.toBe(key);
    expect(session.modified).toBe(true);
    expect(allHeldKeys(ctx)).toEqual([session.sessionKey]);
  });

  test('a save that fails to encode leaves the empty placeholder of a new session', () => {
    const ctx = contextFor('file');
    const session = open(ctx);
    session.set('last_seen', new PyDateTime(T0));
    expect(() => session.save()).toThrow();
    const files = [...ctx.storage.files.values()];
    expect(files).toHaveLength(1);
    expect(files[0].content).toBe('');
  });
});

describe('clearsessions', () => {
  test.each(['db', 'cached_db'] as const)('%s: deletes the rows that expired, keeps the others', (engine) => {
    const ctx = contextFor(engine);
    const future = open(ctx);
    future.set('foo', 'bar');
    future.setExpiry(3600);
    future.save();
    const past = open(ctx);
    past.set('foo', 'bar');
    past.setExpiry(-3600);
    past.save();
    expect(heldKeys(ctx).db).toHaveLength(2);
    clearExpiredSessions(engine, ctx);
    expect(heldKeys(ctx).db).toEqual([future.sessionKey]);
    // cached_db: the cache is left alone.
    if (engine === 'cached_db') expect(heldKeys(ctx).cache).toHaveLength(2);
  });

  test('db: a row that expires right now is no longer loaded, yet clearsessions keeps it until it is past', () => {
    const ctx = contextFor('db', { SESSION_COOKIE_AGE: 60 });
    const key = stored(ctx, { a: 1 });
    ctx.clock.advance(60);
    clearExpiredSessions('db', ctx);
    expect(heldKeys(ctx).db).toEqual([key]);
    expect(open(ctx, key).get('a')).toBeNull();
    ctx.clock.advance(1);
    clearExpiredSessions('db', ctx);
    expect(heldKeys(ctx).db).toEqual([]);
  });

  test('file with SESSION_COOKIE_AGE=0: only the session with a future expiry survives', () => {
    const ctx = contextFor('file', { SESSION_COOKIE_AGE: 0 });
    const future = open(ctx);
    future.set('foo', 'bar');
    future.setExpiry(3600);
    future.save();
    const past = open(ctx);
    past.set('foo', 'bar');
    past.setExpiry(-3600);
    past.save();
    const plain = open(ctx);
    plain.set('foo', 'bar');
    plain.save();
    expect(heldKeys(ctx).files).toHaveLength(3);
    clearExpiredSessions('file', ctx);
    expect(heldKeys(ctx).files).toEqual([future.sessionKey]);
  });

  test('file: by modification time; no new file for an expired one; an empty placeholder is never checked', () => {
    const ctx = contextFor('file');
    const old = stored(ctx, { a: 1 });
    const placeholder = 'abcdefghijklmnopqrstuvwxyz012345';
    ctx.storage.files.set(`sessionid${placeholder}`, { name: `sessionid${placeholder}`, content: '', mtime: T0 });
    ctx.clock.advance(3600);
    const young = stored(ctx, { b: 1 });
    ctx.clock.advance(AGE - 3600);
    clearExpiredSessions('file', ctx);
    expect(heldKeys(ctx).files).toEqual([placeholder, young].sort());
    expect(heldKeys(ctx).files).not.toContain(old);
  });

  test.each(['cache', 'signed_cookies'] as const)('%s: nothing to do', (engine) => {
    const ctx = contextFor(engine, { SESSION_COOKIE_AGE: 60 });
    stored(ctx, { a: 1 });
    const before = ctx.storage.toJSON();
    ctx.clock.advance(120);
    clearExpiredSessions(engine, ctx);
    expect(ctx.storage.toJSON()).toEqual(before);
  });
});
