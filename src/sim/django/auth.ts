import { checkPassword, sessionAuthHash } from './hashers';
import type { Settings } from './settings';
import type { SessionBase } from './sessions/base';
import type { ServerStorage, User } from './storage';
import type { TraceEvent } from './trace';
import { autoFieldToPython } from './python';

/** The session keys django.contrib.auth uses. */
export const SESSION_KEY = '_auth_user_id';
export const BACKEND_SESSION_KEY = '_auth_user_backend';
export const HASH_SESSION_KEY = '_auth_user_hash';
export const MODEL_BACKEND = 'django.contrib.auth.backends.ModelBackend';

export interface AuthContext {
  settings: Settings;
  storage: ServerStorage;
  trace: TraceEvent[];
}

/**
 * Password fields whose plain password the simulation knows (the demo users',
 * and every field it made itself), so a typed password is checked without
 * running 260000 PBKDF2 iterations (the contract allows this). A pure fact
 * about each field, so one table serves every run.
 */
const KNOWN_PASSWORDS = new Map<string, string>();

export function rememberPassword(field: string, plain: string): void {
  KNOWN_PASSWORDS.set(field, plain);
}

function passwordMatches(plain: string, field: string): boolean {
  const known = KNOWN_PASSWORDS.get(field);
  return known !== undefined ? known === plain : checkPassword(plain, field);
}

export function getSessionAuthHash(ctx: AuthContext, user: User): string {
  return sessionAuthHash(user.password, ctx.settings.SECRET_KEY);
}

/** get_session_auth_fallback_hash: the hash under each SECRET_KEY_FALLBACKS entry, in order. */
function fallbackAuthHashes(ctx: AuthContext, user: User): string[] {
  return ctx.settings.SECRET_KEY_FALLBACKS.map((secret) => sessionAuthHash(user.password, secret));
}

/** ModelBackend.authenticate: the user whose password matches, else null. Touches no session. */
export function authenticate(ctx: AuthContext, username: string, password: string): User | null {
  const user = ctx.storage.users.find((u) => u.username === username);
  const ok = user !== undefined && passwordMatches(password, user.password);
  ctx.trace.push(ok ? { kind: 'auth', op: 'authenticated', user: username } : { kind: 'auth', op: 'bad_credentials', user: username });
  return ok ? user : null;
}

/**
 * _get_user_session_key: AutoField.to_python of the stored user id, Python's
 * int() with a ValidationError (a 500) for what it refuses; undefined when
 * the key is absent (Django's KeyError).
 */
function sessionUserId(session: SessionBase): number | null | undefined {
  if (!session.has(SESSION_KEY)) return undefined;
  return autoFieldToPython(session.getItem(SESSION_KEY));
}

/**
 * django.contrib.auth.login: a session that belongs to another user, or whose
 * auth hash is stale, is flushed; an anonymous session gets a new key
 * (cycle_key, against session fixation); then the user is recorded.
 */
export function login(ctx: AuthContext, session: SessionBase, user: User): void {
  const hash = getSessionAuthHash(ctx, user);
  // Loading the session first: a key that does not load is dropped.
  const authenticated = session.has(SESSION_KEY);
  const hadKey = session.sessionKey !== null;
  let action: 'cycle_key' | 'flush' | 'kept' = 'kept';
  if (authenticated) {
    if (sessionUserId(session) !== user.id || session.get(HASH_SESSION_KEY, '') !== hash) {
      session.flush();
      action = 'flush';
    }
  } else {
    session.cycleKey();
    action = 'cycle_key';
  }
  session.set(SESSION_KEY, String(user.id));
  session.set(BACKEND_SESSION_KEY, MODEL_BACKEND);
  session.set(HASH_SESSION_KEY, hash);
  ctx.trace.push({ kind: 'auth', op: 'login', user: user.username, action, hadKey });
}

/**
 * django.contrib.auth.get_user: the logged-in user, verified against the
 * session auth hash; a stale hash (the password changed) flushes the session.
 */
export function getUser(ctx: AuthContext, session: SessionBase): User | null {
  const id = sessionUserId(session);
  if (id === undefined || !session.has(BACKEND_SESSION_KEY)) return loaded(ctx, null);
  if (session.getItem(BACKEND_SESSION_KEY) !== MODEL_BACKEND) return loaded(ctx, null);
  const user = ctx.storage.users.find((u) => u.id === id) ?? null;
  if (user === null) return loaded(ctx, null);
  const stored = session.get(HASH_SESSION_KEY);
  const current = getSessionAuthHash(ctx, user);
  if (stored && stored === current) return loaded(ctx, user);
  // Not verified with the current key: try each fallback key, and stop at the first that matches.
  if (stored && fallbackAuthHashes(ctx, user).includes(stored as string)) {
    ctx.trace.push({ kind: 'auth', op: 'hash_fallback', user: user.username });
    session.cycleKey();
    session.set(HASH_SESSION_KEY, current);
    return loaded(ctx, user);
  }
  ctx.trace.push({ kind: 'auth', op: 'hash_mismatch', user: user.username });
  session.flush();
  return loaded(ctx, null);
}

function loaded(ctx: AuthContext, user: User | null): User | null {
  ctx.trace.push({ kind: 'auth', op: 'user_loaded', user: user?.username ?? null });
  return user;
}

/** django.contrib.auth.logout: evaluates request.user (for the signal), then flushes. */
export function logout(ctx: AuthContext, session: SessionBase, currentUser: () => User | null): void {
  const user = currentUser();
  const hadKey = session.sessionKey !== null;
  session.flush();
  ctx.trace.push({ kind: 'auth', op: 'logout', user: user?.username ?? null, hadKey, serverSide: session.place !== 'cookie' });
}

/** update_session_auth_hash: keep this session logged in after a password change, under a new key. */
export function updateSessionAuthHash(ctx: AuthContext, session: SessionBase, user: User, requestUser: User | null): void {
  session.cycleKey();
  if (requestUser?.id === user.id) session.set(HASH_SESSION_KEY, getSessionAuthHash(ctx, user));
}
