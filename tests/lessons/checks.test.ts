import { describe, expect, test } from 'vitest';
import { changedPanels, evaluate, evaluateRunCheck } from '../../src/lessons/checks';
import { panelOf, readsSessionData } from '../../src/lessons/checkKinds';
import type { Check } from '../../src/lessons/schema';
import { directTransport } from '../../src/sim/world';
import { runScenario, type StepRecord } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';
import visitCounterDb from '../contract/golden/02-visit-counter-db.json';
import signedCookies from '../contract/golden/06-signed-cookies-counter-and-cart.json';
import loginCyclesKey from '../contract/golden/08-login-cycles-key-db.json';
import hijackThenLogout from '../contract/golden/10-hijack-then-logout-db.json';
import browserClose from '../contract/golden/14-expire-on-browser-close-cached-db.json';
import clearsessions from '../contract/golden/16-two-week-expiry-and-clearsessions-db.json';
import rotationWithFallbacks from '../contract/golden/34-rotate-secret-key-with-fallbacks-db.json';
import secureScenario from '../contract/scenarios/18-secure-cookie-http-vs-https-db.json';
import laxScenario from '../contract/scenarios/19-samesite-lax-cross-site-db.json';
import serverErrorsScenario from '../contract/scenarios/24-server-errors-not-saved-db.json';
import loginFailuresScenario from '../contract/scenarios/25-login-failures-and-switching-user-db.json';
import perWorkerCache from '../contract/golden/27-per-worker-cache-login-unknown-on-other-worker-cache.json';
import sharedCache from '../contract/golden/35-restart-cache-shared-cache.json';
import fetchCredentials from '../contract/golden/36-fetch-credentials-omit-and-same-origin.json';

// Expectations come from the transcripts recorded from real Django (and the contract's text), not from the engine.

/** A golden transcript's first `step` entries as records (no trace: real Django recorded none). */
function upTo(transcript: unknown, step: number): StepRecord[] {
  return (transcript as Transcript).steps.slice(0, step).map((entry) => ({ entry, effects: {}, error: null, profiles: Object.keys(entry.jars) }));
}

async function simulated(scenario: unknown): Promise<StepRecord[]> {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await runScenario(parsed.scenario, directTransport)).records;
}

const pass = (check: Check, records: StepRecord[]) => evaluate(check, records).pass;

describe('jar', () => {
  // 02: Step 4 is the second /visits/ (after 30 s): same key, expiry moved to 15:09:56.
  const records = upTo(visitCounterDb, 4);

  test('has a cookie, with attribute values', () => {
    expect(pass({ jar: { profile: 'default', has: 'sessionid' } }, records)).toBe(true);
    expect(pass({ jar: { profile: 'default', has: 'sessionid', http_only: true, secure: false, same_site: 'lax', expires: '2026-03-28T15:09:56Z' } }, records)).toBe(true);
    expect(pass({ jar: { profile: 'default', has: 'sessionid', expires: null } }, records)).toBe(false);
    expect(pass({ jar: { profile: 'default', has: 'theme', http_only: false, value: 'dark' } }, records)).toBe(true);
    expect(pass({ jar: { profile: 'default', lacks: 'csrftoken' } }, records)).toBe(true);
    expect(pass({ jar: { profile: 'default', lacks: 'theme' } }, records)).toBe(false);
  });

  test('the same value as at an earlier step, or in another profile', () => {
    expect(pass({ jar: { profile: 'default', has: 'sessionid', same_value_as: { step: 2 } } }, records)).toBe(true);
    expect(pass({ jar: { profile: 'default', has: 'sessionid', differs_from: { step: 2 } } }, records)).toBe(false);
    // Before Step 2 there was no session cookie to compare with.
    expect(evaluate({ jar: { profile: 'default', has: 'sessionid', same_value_as: { step: 1 } } }, records)).toEqual({
      pass: false,
      actual: "default's jar: sessionid=vqritf2x72ttesadadb62iiagjgcoidn (HttpOnly, SameSite=lax, expires 2026-03-28T15:09:56Z); theme=dark (SameSite=unspecified, until the browser closes); no sessionid in default's jar at Step 1",
    });
    // 08: logging in moves the session to a new key.
    expect(pass({ jar: { profile: 'default', has: 'sessionid', differs_from: { step: 2 } } }, upTo(loginCyclesKey, 3))).toBe(true);
    // 10: the attacker's copy is the victim's key.
    expect(pass({ jar: { profile: 'attacker', has: 'sessionid', same_value_as: { profile: 'victim' } } }, upTo(hijackThenLogout, 2))).toBe(true);
  });

  test('a cookie that ends when the browser closes has no expiry', () => {
    expect(pass({ jar: { profile: 'default', has: 'sessionid', expires: null } }, upTo(browserClose, 2))).toBe(true);
    expect(pass({ jar: { profile: 'default', lacks: 'sessionid' } }, upTo(browserClose, 4))).toBe(true);
  });
});

describe('the wire', () => {
  const records = upTo(visitCounterDb, 4);

  test('request: the cookies sent', () => {
    expect(evaluate({ request: { sends: 'sessionid' } }, records)).toEqual({ pass: true, actual: 'Cookie: theme=dark; sessionid=vqritf2x72ttesadadb62iiagjgcoidn' });
    expect(pass({ request: { omits: 'sessionid' } }, upTo(visitCounterDb, 2))).toBe(true);
    expect(evaluate({ request: { sends: 'sessionid' } }, upTo(visitCounterDb, 3))).toEqual({ pass: false, actual: 'this step sent no request' });
  });

  test('status, Vary and the JSON body', () => {
    expect(pass({ status: 200 }, records)).toBe(true);
    expect(evaluate({ status: 500 }, records)).toEqual({ pass: false, actual: 'status 200' });
    expect(pass({ vary: { has: 'cookie' } }, records)).toBe(true);
    expect(pass({ vary: { lacks: 'Cookie' } }, records)).toBe(false);
    expect(pass({ json: { equals: { visits: 2 } } }, records)).toBe(true);
    expect(pass({ json: { equals: { visits: 2, extra: 1 } } }, records)).toBe(false);
    expect(pass({ json: { includes: { session: { visits: 3 } } } }, upTo(visitCounterDb, 7))).toBe(true);
  });

  test('set_cookie: none, sets with attributes, deletes', () => {
    expect(pass({ set_cookie: { sets: 'sessionid', attributes: { 'max-age': '1209600', HttpOnly: true, Secure: false, SameSite: 'Lax' } } }, records)).toBe(true);
    expect(pass({ set_cookie: { sets: 'sessionid', attributes: { Secure: true } } }, records)).toBe(false);
    expect(pass({ set_cookie: 'none' }, records)).toBe(false);
    expect(evaluate({ set_cookie: 'none' }, upTo(visitCounterDb, 7))).toEqual({ pass: true, actual: 'no Set-Cookie' });
    // 10, Step 4: the victim logs out: Max-Age=0.
    const logout = upTo(hijackThenLogout, 4);
    expect(pass({ set_cookie: { deletes: 'sessionid' } }, logout)).toBe(true);
    expect(pass({ set_cookie: { sets: 'sessionid' } }, logout)).toBe(false);
  });

  test('exchange: which profile asked for which path, with which method', () => {
    // 10: Step 3 is the attacker's GET /me/; Step 4 the victim's POST /logout/; Step 2 copies a cookie (no request).
    expect(evaluate({ exchange: { profile: 'attacker', method: 'GET', path: '/me/' } }, upTo(hijackThenLogout, 3))).toEqual({ pass: true, actual: "GET /me/ from attacker's browser (a navigation started by https://shop.example)" });
    expect(pass({ exchange: { initiator: 'https://shop.example', kind: 'navigation' } }, upTo(hijackThenLogout, 3))).toBe(true);
    expect(pass({ exchange: { initiator: 'https://evil.example' } }, upTo(hijackThenLogout, 3))).toBe(false);
    expect(pass({ exchange: { kind: 'fetch' } }, upTo(hijackThenLogout, 3))).toBe(false);
    expect(pass({ exchange: { profile: 'victim' } }, upTo(hijackThenLogout, 3))).toBe(false);
    expect(pass({ exchange: { path: '/logout/', method: 'POST' } }, upTo(hijackThenLogout, 4))).toBe(true);
    expect(pass({ exchange: { path: '/logout' } }, upTo(hijackThenLogout, 4))).toBe(false);
    expect(evaluate({ exchange: { path: '/me/' } }, upTo(hijackThenLogout, 2))).toEqual({ pass: false, actual: 'this step sent no request' });
  });

  test('clock: at least a given time', () => {
    // 16: Step 2 moves the clock a week past the first visit (2026-01-01T00:00:00Z).
    expect(pass({ clock: { at_least: '2026-01-08T00:00:00Z' } }, upTo(clearsessions, 2))).toBe(true);
    expect(pass({ clock: { at_least: '2026-01-07T23:59:59Z' } }, upTo(clearsessions, 2))).toBe(true);
    expect(evaluate({ clock: { at_least: '2026-01-08T00:00:01Z' } }, upTo(clearsessions, 2))).toEqual({ pass: false, actual: 'the clock says 2026-01-08T00:00:00Z' });
  });

  test('release: a setting of the last deploy, the demo site\'s value where the release leaves it out', () => {
    // 34: Step 3 deploys a new SECRET_KEY with the old one as its fallback, the engine left at its default (db).
    const after = upTo(rotationWithFallbacks, 4);
    expect(pass({ release: { setting: 'SECRET_KEY', not: 'playground-insecure-secret-key-0123456789' } }, after)).toBe(true);
    expect(evaluate({ release: { setting: 'SECRET_KEY_FALLBACKS', equals: ['playground-insecure-secret-key-0123456789'] } }, after)).toEqual({
      pass: true, actual: 'the release running has SECRET_KEY_FALLBACKS = ["playground-insecure-secret-key-0123456789"]',
    });
    expect(pass({ release: { setting: 'SESSION_ENGINE', equals: 'django.contrib.sessions.backends.db' } }, after)).toBe(true);
    expect(pass({ release: { setting: 'SESSION_ENGINE', not: 'django.contrib.sessions.backends.db' } }, after)).toBe(false);
    expect(evaluate({ release: { setting: 'SECRET_KEY', not: 'x' } }, upTo(rotationWithFallbacks, 2))).toEqual({ pass: false, actual: 'no release has been deployed yet' });
  });

  test('took: a step of that kind ran, counting only the steps after `since`', () => {
    // 10: Step 2 is the copy_cookie.
    expect(pass({ took: 'copy_cookie' }, upTo(hijackThenLogout, 3))).toBe(true);
    expect(pass({ took: 'copy_cookie' }, upTo(hijackThenLogout, 1))).toBe(false);
    expect(evaluate({ took: 'copy_cookie' }, upTo(hijackThenLogout, 4), 2)).toEqual({ pass: false, actual: 'steps taken: request' });
    expect(evaluate({ took: 'close_browser' }, upTo(hijackThenLogout, 2), 2)).toEqual({ pass: false, actual: 'no step taken yet' });
  });

  test('set_cookie: the size of name and value', () => {
    // 06, Step 1: sessionid=eyJ2aXNpdHMiOjF9:1vb66i:<43 characters>: 9 + 16 + 1 + 6 + 1 + 43 = 76 bytes.
    expect(pass({ set_cookie: { sets: 'sessionid', size_over: 75 } }, upTo(signedCookies, 1))).toBe(true);
    expect(evaluate({ set_cookie: { sets: 'sessionid', size_over: 76 } }, upTo(signedCookies, 1)).actual).toMatch(/\(name and value: 76 bytes\)$/);
  });
});

describe('the server', () => {
  test('store: rows by place, or nothing at all', () => {
    expect(pass({ store: { place: 'db', count: 1 } }, upTo(visitCounterDb, 4))).toBe(true);
    expect(evaluate({ store: { place: 'db', count: 3 } }, upTo(clearsessions, 5))).toEqual({ pass: true, actual: 'db: 3' });
    // 16, Step 6: clearsessions removed the expired row.
    expect(pass({ store: { place: 'db', count: 2 } }, upTo(clearsessions, 6))).toBe(true);
    expect(evaluate({ store: 'nothing' }, upTo(signedCookies, 3))).toEqual({ pass: true, actual: 'no server-side store (the engine keeps sessions in the cookie)' });
    expect(pass({ store: { place: 'db', count: 0 } }, upTo(signedCookies, 3))).toBe(false);
    expect(pass({ store: { place: 'cache', count: 1 } }, upTo(browserClose, 1))).toBe(true);
  });

  test('several workers: each worker\'s own cache, or the one they share; who served a request', () => {
    // 27, Step 1: the login on worker a lives in a's cache only.
    const login = upTo(perWorkerCache, 1);
    expect(pass({ store: { place: 'cache', worker: 'a', count: 1 } }, login)).toBe(true);
    expect(evaluate({ store: { place: 'cache', worker: 'b', count: 0 } }, login)).toEqual({ pass: true, actual: 'cache@a: 1, cache@b: 0' });
    expect(evaluate({ store: { place: 'cache', count: 1 } }, login)).toEqual({
      pass: false,
      actual: 'each worker has its own cache (cache@a, cache@b): name the worker; cache@a: 1, cache@b: 0',
    });
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', worker: 'a', includes: { _auth_user_id: '1' } } }, login)).toBe(true);
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', worker: 'b', missing: true } }, login)).toBe(true);
    expect(evaluate({ session: { profile: 'default', cookie: 'sessionid', missing: true } }, login)).toEqual({
      pass: false,
      actual: 'each worker has its own cache (cache@a, cache@b): name the worker',
    });
    expect(pass({ worker: 'a' }, login)).toBe(true);
    // Round robin: the next request went to b.
    expect(evaluate({ worker: 'a' }, upTo(perWorkerCache, 2))).toEqual({ pass: false, actual: 'served by worker b' });
    expect(evaluate({ worker: 'a' }, upTo(perWorkerCache, 6))).toEqual({ pass: false, actual: 'this step sent no request' });
    expect(evaluate({ worker: 'a' }, upTo(visitCounterDb, 2))).toEqual({ pass: false, actual: 'the site runs as one worker' });
    // 35: a shared cache is every worker's cache; restarting it (Step 6) empties it.
    expect(pass({ store: { place: 'cache', count: 1 } }, upTo(sharedCache, 5))).toBe(true);
    expect(pass({ store: { place: 'cache', worker: 'b', count: 1 } }, upTo(sharedCache, 5))).toBe(true);
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', worker: 'b', includes: { visits: 1 } } }, upTo(sharedCache, 5))).toBe(true);
    expect(pass({ store: { place: 'cache', count: 0 } }, upTo(sharedCache, 6))).toBe(true);
  });

  test('page_can_read: a fetch\'s answer is readable by its page only from the same origin', () => {
    // 36, Step 2: evil.example's fetch with credentials "include" sent the cookie; the answer is opaque to its script.
    expect(evaluate({ page_can_read: false }, upTo(fetchCredentials, 2))).toEqual({
      pass: true,
      actual: 'the page cannot read the response (cross-origin, no CORS headers: opaque)',
    });
    // Step 5: a page of shop.example itself may read it.
    expect(pass({ page_can_read: true }, upTo(fetchCredentials, 5))).toBe(true);
    expect(pass({ page_can_read: false }, upTo(fetchCredentials, 5))).toBe(false);
    // Step 1 is a navigation: no script reads it.
    expect(pass({ page_can_read: false }, upTo(fetchCredentials, 1))).toBe(false);
  });

  test('session: the stored data of the key a profile holds', () => {
    const records = upTo(visitCounterDb, 4);
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', data: { visits: 2 } } }, records)).toBe(true);
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', includes: { visits: 1 } } }, records)).toBe(false);
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', lacks: ['_auth_user_id'] } }, records)).toBe(true);
    // 14: cached_db keeps both; the cache entry is found too.
    expect(pass({ session: { profile: 'default', cookie: 'sessionid', place: 'cache', data: { visits: 2, _session_expiry: 0 } } }, upTo(browserClose, 3))).toBe(true);
    // 10, Step 5: the attacker still sends the key, but its row went with the logout.
    expect(evaluate({ session: { profile: 'attacker', cookie: 'sessionid', key_from_step: 4, missing: true } }, upTo(hijackThenLogout, 4))).toEqual({
      pass: true,
      actual: "no session for attacker's sessionid at Step 4 (b43ndu0ci141ck7l9q04rf7n3ncj9w1s) in db",
    });
    expect(evaluate({ session: { profile: 'default', cookie: 'sessionid', missing: true } }, upTo(signedCookies, 1))).toEqual({
      pass: false,
      actual: 'this engine keeps no server-side store',
    });
  });

  test('cookie_data: a signed cookie can be read without the key', () => {
    expect(evaluate({ cookie_data: { profile: 'default', name: 'sessionid', equals: { visits: 1 } } }, upTo(signedCookies, 1))).toEqual({
      pass: true,
      actual: 'sessionid decodes to {"visits":1}',
    });
    // 06, Step 6: three apples, compressed (the value starts with a dot).
    expect(evaluate({ cookie_data: { profile: 'default', name: 'sessionid', includes: { cart: ['apple', 'apple', 'apple'] } } }, upTo(signedCookies, 6))).toEqual({
      pass: true,
      actual: 'sessionid decodes to {"visits":2,"cart":["apple","apple","apple"]} (compressed)',
    });
    expect(pass({ cookie_data: { profile: 'default', name: 'sessionid', includes: { visits: 1 } } }, upTo(visitCounterDb, 2))).toBe(false);
  });
});

describe('changedPanels', () => {
  test('a request always shows on the wire; the jar and the store only when they differ', () => {
    // 02: Step 2 starts the session, Step 3 is 30 s passing, Step 7 a read-only peek.
    expect(changedPanels(upTo(visitCounterDb, 2))).toEqual(['browser', 'network', 'server']);
    expect(changedPanels(upTo(visitCounterDb, 3))).toEqual([]);
    expect(changedPanels(upTo(visitCounterDb, 7))).toEqual(['network']);
    // 14, Step 4: closing the browser drops the session cookie; the server keeps the row.
    expect(changedPanels(upTo(browserClose, 4))).toEqual(['browser']);
    // 16, Step 6: clearsessions.
    expect(changedPanels(upTo(clearsessions, 6))).toEqual(['server']);
    // 02, Step 1: a cookie written by hand changes only the jar.
    expect(changedPanels(upTo(visitCounterDb, 1))).toEqual(['browser']);
    expect(pass({ changes: ['network'] }, upTo(visitCounterDb, 7))).toBe(true);
    expect(evaluate({ changes: [] }, upTo(visitCounterDb, 7))).toEqual({ pass: false, actual: 'changed: network' });
  });
});

describe('checks that need what the server and the browser decided', () => {
  test('decision: a 500 is not saved', async () => {
    // 24, Step 2: /boom/ modifies the session and answers 500: nothing saved, Vary: Cookie.
    const records = (await simulated(serverErrorsScenario)).slice(0, 2);
    expect(pass({ decision: { reason: 'not_saved_server_error', modified: true, saved: false } }, records)).toBe(true);
    expect(pass({ decision: { saved: true } }, records)).toBe(false);
  });

  test('event: login cycles the key, and switching user flushes', async () => {
    // 25: Step 5 logs alice in over an anonymous session, Step 7 bob over alice's.
    const records = await simulated(loginFailuresScenario);
    expect(pass({ event: { kind: 'auth', op: 'login', action: 'cycle_key' } }, records.slice(0, 5))).toBe(true);
    expect(pass({ event: { kind: 'auth', op: 'login', action: 'flush' } }, records.slice(0, 7))).toBe(true);
    expect(pass({ event: { kind: 'auth', op: 'login', action: 'flush' } }, records.slice(0, 5))).toBe(false);
  });

  test('set_cookie applied: a Secure cookie from an http:// response is refused', async () => {
    const records = await simulated(secureScenario);
    const first = evaluate({ set_cookie: { sets: 'sessionid', applied: false } }, records.slice(0, 1));
    expect(first.pass).toBe(true);
    expect(first.actual).toMatch(/the browser rejected it: A Secure cookie can only be set by an https:\/\/ response\.$/);
    expect(pass({ set_cookie: { sets: 'sessionid', applied: true } }, records.slice(0, 3))).toBe(true);
  });

  test('request omits: with the browser\'s reason', async () => {
    // 19, Step 3: a cross-site fetch does not carry a Lax cookie.
    const verdict = evaluate({ request: { omits: 'sessionid' } }, (await simulated(laxScenario)).slice(0, 3));
    expect(verdict).toEqual({
      pass: true,
      actual: 'no Cookie header; sessionid not sent: The cookie is SameSite=Lax and this cross-site request is not a top-level navigation with a safe method such as GET.',
    });
  });
});

test('evaluateRunCheck: one run, or every run', () => {
  // Step 4 is a request in both: the third /visits/ (02) and the first cart item (06).
  const runs = { db: upTo(visitCounterDb, 4), signed: upTo(signedCookies, 4) };
  expect(evaluateRunCheck({ run: 'db', check: { store: { place: 'db', count: 1 } } }, runs, 4)).toEqual({ pass: true, actual: 'db: 1' });
  expect(evaluateRunCheck({ run: null, check: { status: 200 } }, runs, 4)).toEqual({ pass: true, actual: 'db: status 200; signed: status 200' });
  expect(evaluateRunCheck({ run: null, check: { store: 'nothing' } }, runs, 4)).toEqual({
    pass: false,
    actual: 'db: db: 1; signed: no server-side store (the engine keeps sessions in the cookie)',
  });
});

describe('each check kind says where its fact is on screen', () => {
  test.each<[unknown, string | null]>([
    [{ jar: { name: 'sessionid' } }, 'browser'],
    [{ status: 200 }, 'network'],
    [{ page_can_read: false }, 'network'],
    [{ store: { db: 1 } }, 'server'],
    [{ changes: ['browser'] }, null],
  ])('%j: %s', (check, panel) => expect(panelOf(check as Check)).toBe(panel));

  test('only a session check about the data itself makes the Server panel decode it', () => {
    expect(readsSessionData({ session: { profile: 'default', cookie: 'sessionid', includes: { visits: 1 } } } as Check)).toBe(true);
    expect(readsSessionData({ session: { profile: 'default', cookie: 'sessionid', missing: true } } as Check)).toBe(false);
    expect(readsSessionData({ status: 200 } as Check)).toBe(false);
  });
});
