import { beforeEach, describe, expect, test } from 'vitest';
import {
  authenticate,
  BACKEND_SESSION_KEY,
  getSessionAuthHash,
  getUser,
  HASH_SESSION_KEY,
  login,
  logout,
  MODEL_BACKEND,
  SESSION_KEY,
  updateSessionAuthHash,
} from '../../../src/sim/django/auth';
import type { User } from '../../../src/sim/django/storage';
import { allHeldKeys, contextFor, ENGINE_NAMES, open, SERVER_ENGINES, stored, type TestContext } from './context';

// django.contrib.auth's session side: login, get_user, logout and
// update_session_auth_hash. Every expectation was printed by Django 3.2
// running the same calls on the contract's users (the functions are the same
// in 5.2 for a ModelBackend user whose password field is not re-hashed).

const ALICE_HASH = '1027c8cb511186157d4d319c2bed830f38e69bfd9a4fa59b7d376c08efb65c6e';
const BOB_HASH = 'c697d579a893ff2670a51dc249ec9facaeae9fde9137413ff03889bfef361ef3';

function user(ctx: TestContext, username: string): User {
  return ctx.storage.users.find((u) => u.username === username) as User;
}

const aliceSession = { [SESSION_KEY]: '1', [BACKEND_SESSION_KEY]: MODEL_BACKEND, [HASH_SESSION_KEY]: ALICE_HASH };

test('the session auth hash is the HMAC of the stored password field (contract users)', () => {
  const ctx = contextFor('db');
  expect(getSessionAuthHash(ctx, user(ctx, 'alice'))).toBe(ALICE_HASH);
  expect(getSessionAuthHash(ctx, user(ctx, 'bob'))).toBe(BOB_HASH);
});

test('the hash depends on SECRET_KEY', () => {
  const ctx = contextFor('db', { SECRET_KEY: 'another-secret' });
  expect(getSessionAuthHash(ctx, user(ctx, 'alice'))).not.toBe(ALICE_HASH);
});

describe('authenticate', () => {
  test('the right password gives the user; a wrong one or an unknown name gives None', () => {
    const ctx = contextFor('db');
    expect(authenticate(ctx, 'alice', 'wonderland')?.id).toBe(1);
    expect(authenticate(ctx, 'bob', 'builder')?.id).toBe(2);
    expect(authenticate(ctx, 'alice', 'builder')).toBeNull();
    expect(authenticate(ctx, 'carol', 'wonderland')).toBeNull();
    expect(authenticate(ctx, 'Alice', 'wonderland')).toBeNull();
  });
});

describe.each(ENGINE_NAMES)('%s: login', (engine) => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = contextFor(engine);
  });

  test('an anonymous session gets a new key (against fixation), keeps its data and records the user', () => {
    const key = stored(ctx, { cart: ['x'] });
    const session = open(ctx, key);
    login(ctx, session, user(ctx, 'alice'));
    expect(Object.fromEntries(session.items())).toEqual({ cart: ['x'], ...aliceSession });
    // signed_cookies: cycle_key re-signs the same data at the same second, so the value is only new once saved.
    if (engine === 'signed_cookies') return;
    expect(session.sessionKey).not.toBe(key);
    expect(session.exists(key)).toBe(false);
  });

  test('the same user logging in again keeps the key', () => {
    const key = stored(ctx, aliceSession);
    const session = open(ctx, key);
    login(ctx, session, user(ctx, 'alice'));
    expect(session.sessionKey).toBe(key);
    expect(session.modified).toBe(true);
  });

  test('another user logging in flushes the session: nothing of the first user is kept', () => {
    const key = stored(ctx, { ...aliceSession, cart: ['x'] });
    const session = open(ctx, key);
    login(ctx, session, user(ctx, 'bob'));
    expect(session.sessionKey).toBeNull();
    expect(Object.fromEntries(session.items())).toEqual({
      [SESSION_KEY]: '2', [BACKEND_SESSION_KEY]: MODEL_BACKEND, [HASH_SESSION_KEY]: BOB_HASH,
    });
    if (engine !== 'signed_cookies') expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('the same user with a stale hash is flushed too', () => {
    const key = stored(ctx, { ...aliceSession, [HASH_SESSION_KEY]: 'stale', cart: ['x'] });
    const session = open(ctx, key);
    login(ctx, session, user(ctx, 'alice'));
    expect(session.sessionKey).toBeNull();
    expect(session.has('cart')).toBe(false);
    expect(session.get(HASH_SESSION_KEY)).toBe(ALICE_HASH);
  });
});

describe.each(ENGINE_NAMES)('%s: get_user', (engine) => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = contextFor(engine);
  });

  function check(data: Record<string, string | number>) {
    const key = stored(ctx, data);
    const session = open(ctx, key);
    const found = getUser(ctx, session);
    return {
      user: found?.username ?? null,
      keptKey: session.sessionKey === key,
      modified: session.modified,
      accessed: session.accessed,
      stillStored: engine === 'signed_cookies' ? null : session.exists(key),
    };
  }

  const kept = engine === 'signed_cookies' ? null : true;
  const gone = engine === 'signed_cookies' ? null : false;

  test.each([
    ['a valid session', aliceSession, 'alice', true],
    ['a user id stored as a number', { ...aliceSession, [SESSION_KEY]: 1 }, 'alice', true],
    ['no backend', { [SESSION_KEY]: '1' }, null, true],
    ['a backend not in AUTHENTICATION_BACKENDS', { ...aliceSession, [BACKEND_SESSION_KEY]: 'x.Y' }, null, true],
    ['a user that does not exist', { ...aliceSession, [SESSION_KEY]: '9' }, null, true],
  ] as const)('%s', (_, data, username, keepsKey) => {
    expect(check(data)).toEqual({ user: username, keptKey: keepsKey, modified: false, accessed: true, stillStored: kept });
  });

  test.each([
    ['a wrong hash', { ...aliceSession, [HASH_SESSION_KEY]: 'x' }],
    ['no hash', { [SESSION_KEY]: '1', [BACKEND_SESSION_KEY]: MODEL_BACKEND }],
    ['an empty hash', { ...aliceSession, [HASH_SESSION_KEY]: '' }],
  ] as const)('%s: the session is flushed', (_, data) => {
    expect(check(data)).toEqual({ user: null, keptKey: false, modified: true, accessed: true, stillStored: gone });
  });

  test('a password change elsewhere makes the hash stale', () => {
    const key = stored(ctx, aliceSession);
    user(ctx, 'alice').password = 'pbkdf2_sha256$260000$otherSalt$xyz=';
    const session = open(ctx, key);
    expect(getUser(ctx, session)).toBeNull();
    expect(session.sessionKey).toBeNull();
  });
});

describe.each(SERVER_ENGINES)('%s: logout and update_session_auth_hash', (engine) => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = contextFor(engine);
  });

  test('logout flushes: the record is gone and the key forgotten', () => {
    const key = stored(ctx, aliceSession);
    const session = open(ctx, key);
    logout(ctx, session, () => getUser(ctx, session));
    expect(session.sessionKey).toBeNull();
    expect(session.items()).toEqual([]);
    expect(allHeldKeys(ctx)).toEqual([]);
  });

  test('update_session_auth_hash: a new key and the new hash when the request\'s user is that user', () => {
    const key = stored(ctx, aliceSession);
    const alice = user(ctx, 'alice');
    alice.password = 'pbkdf2_sha256$260000$otherSalt$xyz=';
    const session = open(ctx, key);
    updateSessionAuthHash(ctx, session, alice, alice);
    expect(session.sessionKey).not.toBe(key);
    expect(session.exists(key)).toBe(false);
    expect(session.get(HASH_SESSION_KEY)).toBe(getSessionAuthHash(ctx, alice));
    expect(session.get(HASH_SESSION_KEY)).not.toBe(ALICE_HASH);
  });

  test('update_session_auth_hash for another user only cycles the key', () => {
    const key = stored(ctx, { a: 1 });
    const session = open(ctx, key);
    updateSessionAuthHash(ctx, session, user(ctx, 'alice'), null);
    expect(session.sessionKey).not.toBe(key);
    expect(Object.fromEntries(session.items())).toEqual({ a: 1 });
  });
});
