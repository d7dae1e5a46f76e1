/**
 * The property tests' checks catch what they claim: each is fed a made-up
 * step that breaks it (and one that does not).
 */
import { describe, expect, test } from 'vitest';
import type { StoredCookie } from '../../src/sim/browser';
import type { Step } from '../../src/sim/scenario/schema';
import type { TranscriptEntry, TranscriptStore } from '../../src/sim/scenario/transcript';
import {
  checkExpiredNotAdopted,
  checkExpiredStaysDead,
  checkFlushLeavesNothing,
  checkJarsListNoExpired,
  checkLossesHaveCauses,
  checkNoExpiredCookieSent,
  checkSetMeansStored,
  factsOf,
  FileWrites,
  placesOf,
  ResurrectionWatch,
  signedAt,
} from './invariants';

const T = Date.parse('2026-01-01T00:00:00Z');
const CLOCK = '2026-01-01T00:00:00Z';
const LATER = '2026-01-15T00:00:00Z';
const K = 'k'.repeat(32);
const db = factsOf({});
const cachedDb = factsOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.cached_db' });
const cache = factsOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.cache', CACHES: { default: { OPTIONS: { MAX_ENTRIES: 5 } } } });
const file = factsOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.file', SESSION_COOKIE_AGE: 600 });
const signed = factsOf({ SESSION_ENGINE: 'django.contrib.sessions.backends.signed_cookies' });

const jarCookie = (value: string, expires: number | null): StoredCookie => ({
  name: 'sessionid', value, domain: 'shop.example', hostOnly: true, path: '/', secure: false, httpOnly: true,
  sameSite: 'lax', expires, creation: T, seq: 1,
});

const listed = (value: string, expires: string | null = LATER) => ({
  name: 'sessionid', value, domain: 'shop.example', host_only: true, path: '/', secure: false, http_only: true,
  same_site: 'lax' as const, expires,
});

function entry(parts: {
  path?: string; method?: string; cookie?: string | null; status?: number; setCookie?: string[]; json?: unknown;
  jar?: ReturnType<typeof listed>[]; store?: TranscriptStore; request?: boolean;
}): TranscriptEntry {
  const url = `https://shop.example${parts.path ?? '/visits/'}`;
  const request = parts.request ?? true;
  return {
    step: request ? { request: { method: parts.method ?? 'GET', url } } : { advance_seconds: 1 },
    clock: CLOCK,
    request: request ? { browser: 'default', method: parts.method ?? 'GET', url, cookie: parts.cookie ?? null } : null,
    response: request ? { status: parts.status ?? 200, set_cookie: parts.setCookie ?? [], vary: [], json: parts.json ?? null } : null,
    jars: { default: parts.jar ?? [] },
    store: parts.store ?? {},
  };
}

const row = (key: string, expire = LATER) => ({ session_key: key, expire_date: expire, data: {} });
const SET_K = `sessionid=${K}; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax`;
const DELETE = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax';

describe('no-expired-cookie', () => {
  test('a cookie sent at or after its expiry, or one the jar never held, is reported', () => {
    expect(checkNoExpiredCookieSent([jarCookie('a', T)], 'sessionid=a', T)).toEqual([expect.stringContaining('had expired')]);
    expect(checkNoExpiredCookieSent([jarCookie('a', T + 1000)], 'sessionid=a', T)).toEqual([]);
    expect(checkNoExpiredCookieSent([jarCookie('a', null)], 'sessionid=b', T)).toEqual([expect.stringContaining('did not hold')]);
    expect(checkNoExpiredCookieSent([jarCookie('a', null), jarCookie('b', T - 1)], 'sessionid=a; sessionid=b', T)).toHaveLength(1);
  });

  test('a jar that lists a cookie past its expiry is reported', () => {
    expect(checkJarsListNoExpired(entry({ jar: [listed('a', CLOCK)] }))).toHaveLength(1);
    expect(checkJarsListNoExpired(entry({ jar: [listed('a', LATER), listed('b', null)] }))).toEqual([]);
  });
});

describe('set-means-stored', () => {
  test('a session cookie the jar keeps must name a live session in the store', () => {
    expect(checkSetMeansStored(db, entry({ setCookie: [SET_K], jar: [listed(K)] }))).toHaveLength(1);
    expect(checkSetMeansStored(db, entry({ setCookie: [SET_K], jar: [listed(K)], store: { db: [row(K, CLOCK)] } }))).toHaveLength(1);
    expect(checkSetMeansStored(db, entry({ setCookie: [SET_K], jar: [listed(K)], store: { db: [row(K)] } }))).toEqual([]);
    // The browser refused it, or the server deleted the cookie: nothing to hold.
    expect(checkSetMeansStored(db, entry({ setCookie: [SET_K] }))).toEqual([]);
    expect(checkSetMeansStored(db, entry({ setCookie: [DELETE] }))).toEqual([]);
  });

  test('cached_db needs the row and the cache entry; file needs data', () => {
    expect(checkSetMeansStored(cachedDb, entry({ setCookie: [SET_K], jar: [listed(K)], store: { db: [row(K)], cache: [] } }))).toHaveLength(1);
    const both = { db: [row(K)], cache: [{ key: `django.contrib.sessions.cached_db${K}`, expires: LATER, data: {} }] };
    expect(checkSetMeansStored(cachedDb, entry({ setCookie: [SET_K], jar: [listed(K)], store: both }))).toEqual([]);
    const placeholder = { files: [{ name: `sessionid${K}`, data: null }] };
    expect(checkSetMeansStored(file, entry({ setCookie: [SET_K], jar: [listed(K)], store: placeholder }))).toHaveLength(1);
  });
});

describe('losses-have-causes', () => {
  const before = placesOf({ db: [row(K, CLOCK)] }, 'sessionid');
  const gone = entry({ store: { db: [] } });
  const advance: Step = { advance_seconds: 1 };
  const clear: Step = { clearsessions: true };
  const request: Step = { request: { method: 'GET', url: 'https://shop.example/visits/' } };

  test('a row may leave only with a request carrying it, or expired at clearsessions', () => {
    expect(checkLossesHaveCauses(db, advance, before, { ...gone, request: null, response: null }, T, new FileWrites())).toHaveLength(1);
    expect(checkLossesHaveCauses(db, request, before, entry({ cookie: `sessionid=${K}`, store: {} }), T, new FileWrites())).toEqual([]);
    expect(checkLossesHaveCauses(db, request, before, entry({ cookie: 'sessionid=other', store: {} }), T, new FileWrites())).toHaveLength(1);
    expect(checkLossesHaveCauses(db, clear, before, { ...gone, request: null }, T + 1000, new FileWrites())).toEqual([]);
    expect(checkLossesHaveCauses(db, clear, before, { ...gone, request: null }, T, new FileWrites())).toHaveLength(1);
  });

  test('clearsessions must remove every expired row', () => {
    const kept = { ...entry({ store: { db: [row(K, CLOCK)] } }), request: null };
    expect(checkLossesHaveCauses(db, clear, before, kept, T + 1000, new FileWrites())).toEqual([
      expect.stringContaining('kept the expired row'),
    ]);
  });

  test('a cache entry may also be culled by a request that could fill the cache (MAX_ENTRIES 5)', () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `django.contrib.sessions.cache${String(i).padStart(32, 'x')}`, expires: LATER, data: {} }));
    const lostOne = (n: number) => checkLossesHaveCauses(cache, request, placesOf({ cache: entries(n) }, 'sessionid'), entry({ store: { cache: entries(n).slice(1) } }), T, new FileWrites());
    expect(lostOne(2)).toHaveLength(1);
    expect(lostOne(3)).toEqual([]);
  });

  test('a file leaves at clearsessions only if it may have expired', () => {
    const files = new FileWrites();
    const stored = { files: [{ name: `sessionid${K}`, data: {} }] };
    files.note(file, placesOf({}, 'sessionid'), entry({ store: stored }), T);
    const was = placesOf(stored, 'sessionid');
    const cleared = { ...entry({ store: { files: [] } }), request: null };
    expect(checkLossesHaveCauses(file, clear, was, cleared, T + 599_000, files)).toHaveLength(1);
    expect(checkLossesHaveCauses(file, clear, was, cleared, T + 600_000, files)).toEqual([]);
    expect(files.mayHaveExpired(file, K, { _session_expiry: 60 }, T + 86_400_000)).toBe(false);
    expect(files.mayHaveExpired(file, K, { _session_expiry: -5 }, T)).toBe(true);
    expect(files.mayHaveExpired(file, K, null, T + 86_400_000)).toBe(false);
  });
});

test('never-resurrected: a key that left every place and comes back is reported', () => {
  const watch = new ResurrectionWatch();
  expect(watch.check(db, entry({ store: { db: [row(K)] } }))).toEqual([]);
  expect(watch.check(db, entry({ store: { db: [] } }))).toEqual([]);
  expect(watch.check(db, entry({ store: { db: [row(K)] } }))).toEqual([`never-resurrected: session ${K} is back`]);
});

describe('expired sessions', () => {
  const expired = placesOf({ db: [row(K, CLOCK)] }, 'sessionid');
  test('a dead row made live again is reported, unless /clear/ carried its key', () => {
    const revived = { db: [row(K)] };
    expect(checkExpiredStaysDead(db, expired, entry({ cookie: `sessionid=${K}`, store: revived }), T)).toHaveLength(1);
    expect(checkExpiredStaysDead(db, expired, entry({ path: '/clear/', method: 'POST', cookie: `sessionid=${K}`, store: revived }), T)).toEqual([]);
  });

  test('/peek/ with a dead key must show an empty session', () => {
    const peek = (json: unknown, cookie = `sessionid=${K}`) => entry({ path: '/peek/', cookie, json });
    expect(checkExpiredNotAdopted(db, expired, peek({ session: { visits: 1 } }), T)).toHaveLength(1);
    expect(checkExpiredNotAdopted(db, expired, peek({ session: {} }), T)).toEqual([]);
    const old = 'eyJ2aXNpdHMiOjF9:1vb66i:1X1SgEhYD_em1zo1n8TVrbtHcz8OZUOsu5W2u328gl8';
    expect(checkExpiredNotAdopted(signed, expired, peek({ session: { visits: 1 } }, `sessionid=${old}`), T + 1209601_000)).toHaveLength(1);
    expect(checkExpiredNotAdopted(signed, expired, peek({ session: { visits: 1 } }, `sessionid=${old}`), T + 1209600_000)).toEqual([]);
  });

  test('signedAt reads the time a value was signed (golden 06, first step, 2026-01-01T00:00:00Z)', () => {
    expect(signedAt('eyJ2aXNpdHMiOjF9:1vb66i:1X1SgEhYD_em1zo1n8TVrbtHcz8OZUOsu5W2u328gl8')).toBe(T);
    expect(signedAt(K)).toBeNull();
  });
});

test('flush-leaves-nothing: a logout that leaves its live key in the store or sets it again is reported', () => {
  const live = placesOf({ db: [row(K)] }, 'sessionid');
  const logout = (store: TranscriptStore, setCookie: string[] = []) =>
    entry({ path: '/logout/', method: 'POST', cookie: `sessionid=${K}`, store, setCookie });
  expect(checkFlushLeavesNothing(db, live, logout({ db: [row(K)] }), T)).toHaveLength(1);
  expect(checkFlushLeavesNothing(db, live, logout({ db: [] }, [SET_K]), T)).toHaveLength(1);
  expect(checkFlushLeavesNothing(db, live, logout({ db: [] }, [DELETE]), T)).toEqual([]);
  // An expired row is not loaded, so logout cannot flush it (Django leaves it to clearsessions).
  expect(checkFlushLeavesNothing(db, placesOf({ db: [row(K, CLOCK)] }, 'sessionid'), logout({ db: [row(K, CLOCK)] }), T)).toEqual([]);
});
