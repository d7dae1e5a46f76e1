/**
 * What the server did during one request, as data, so the UI can explain a
 * step without re-deriving Django's rules. Every code has its sentence here,
 * in one place.
 */

export type Place = 'db' | 'cache' | 'file' | 'cookie';

/**
 * Store events say where they happened; `host` names the worker whose own
 * cache or disk it was, when workers have one each (absent for the shared
 * database, a shared cache or shared files, and on a single server).
 */
export type StoreEvent = StoreEventBody & { host?: string };

type StoreEventBody =
  | { kind: 'store'; op: 'read'; place: Place; key: string }
  | { kind: 'store'; op: 'fallback_signature'; place: Place; key: string }
  | { kind: 'store'; op: 'filled'; place: 'cache'; key: string }
  | { kind: 'store'; op: 'not_found'; place: Place; key: string }
  | { kind: 'store'; op: 'expired'; place: Place; key: string }
  | { kind: 'store'; op: 'bad_signature'; place: Place; key: string; error: 'BadSignature' | 'SignatureExpired' }
  | { kind: 'store'; op: 'created'; place: Place; key: string }
  | { kind: 'store'; op: 'updated'; place: Place; key: string }
  | { kind: 'store'; op: 'deleted'; place: Place; key: string }
  | { kind: 'store'; op: 'culled'; place: 'cache'; keys: string[] }
  | { kind: 'store'; op: 'invalid_key'; place: Place; key: string };

export type AuthEvent =
  | { kind: 'auth'; op: 'authenticated'; user: string }
  | { kind: 'auth'; op: 'bad_credentials'; user: string }
  | { kind: 'auth'; op: 'login'; user: string; action: 'cycle_key' | 'flush' | 'kept'; hadKey: boolean }
  | { kind: 'auth'; op: 'logout'; user: string | null; hadKey: boolean; serverSide: boolean }
  | { kind: 'auth'; op: 'user_loaded'; user: string | null }
  | { kind: 'auth'; op: 'hash_mismatch'; user: string }
  | { kind: 'auth'; op: 'hash_fallback'; user: string }
  | { kind: 'auth'; op: 'password_changed'; user: string };

/**
 * A call on request.session. `hadKey`: the session had a key before the call;
 * `serverSide`: the engine keeps sessions on the server (not signed_cookies).
 */
export type SessionCallEvent =
  | { kind: 'session'; op: 'flush' | 'cycle_key'; hadKey: boolean; serverSide: boolean }
  | { kind: 'session'; op: 'clear' }
  | { kind: 'session'; op: 'set_expiry'; detail: string };

export type TraceEvent = StoreEvent | AuthEvent | SessionCallEvent;

export type DecisionReason =
  | 'not_accessed'
  | 'accessed_unmodified'
  | 'saved_modified'
  | 'saved_every_request'
  | 'empty_no_cookie'
  | 'deleted_empty'
  | 'not_saved_server_error'
  | 'save_failed'
  | 'session_interrupted';

/** SessionMiddleware.process_response's decision, with its inputs. */
export interface SessionDecision {
  cookieName: string;
  /** The session cookie the request carried, or null. */
  requestKey: string | null;
  accessed: boolean;
  modified: boolean;
  empty: boolean;
  saved: boolean;
  cookie: 'set' | 'deleted' | 'untouched';
  vary: boolean;
  reason: DecisionReason;
  /** The session key after the request (null when none). */
  sessionKey: string | null;
  /** Max-Age of a set cookie; null for a cookie that ends at browser close. */
  maxAge: number | null;
  /** The error that replaced the response, when saving failed. */
  error: string | null;
  /** The status of the response Django answered with instead (400 or 500), when saving failed. */
  failureStatus?: 400 | 500;
}

export const DECISION_TEXT: Record<DecisionReason, string> = {
  not_accessed: 'The view never touched the session: no Vary: Cookie, nothing saved, cookie left alone.',
  accessed_unmodified: 'The session was read but not modified: nothing saved, no Set-Cookie (Vary: Cookie, since the page depends on the cookie).',
  saved_modified: 'Saved and cookie set because the session was modified.',
  saved_every_request: 'Saved and cookie set because SESSION_SAVE_EVERY_REQUEST is on (the session was not modified).',
  empty_no_cookie: 'No cookie: the session is empty and the request carried none.',
  deleted_empty: 'Cookie deleted: the request carried a session cookie and the session is now empty.',
  not_saved_server_error: 'Not saved: Django skips saving the session when the response is a server error (5xx).',
  save_failed: 'Saving the session raised an error, so Django answered 500 and nothing was saved.',
  session_interrupted: "SessionInterrupted: the session was deleted while the request ran (logged out elsewhere), so Django answered 400 instead of recreating it.",
};

export function describeStoreEvent(event: StoreEvent): string {
  const where = event.host === undefined
    ? { db: 'django_session', cache: 'the cache', file: 'the session file', cookie: 'the signed cookie' }[event.place]
    : { db: 'django_session', cache: `worker ${event.host}'s own cache`, file: `the session file on worker ${event.host}'s disk`, cookie: 'the signed cookie' }[event.place];
  switch (event.op) {
    case 'read': return `Read the session from ${where}.`;
    case 'fallback_signature':
      return `The session data in ${where} was signed with a key in SECRET_KEY_FALLBACKS: it still verifies, and Django re-signs it with the new SECRET_KEY the next time it saves it.`;
    case 'not_found':
      return event.host !== undefined && event.place === 'cache'
        ? `Worker ${event.host} has no such key in its cache (another worker's cache, or one emptied by a restart, may have had it): the key is not adopted, a new one will be issued if the session is saved.`
        : event.host !== undefined && event.place === 'file'
          ? `Worker ${event.host} has no such session file on its disk: the key is not adopted, a new one will be issued if the session is saved.`
          : `No session with this key in ${where}: the key is not adopted, a new one will be issued if the session is saved.`;
    case 'expired': return `The session in ${where} has expired: it is ignored, as if it did not exist.`;
    case 'bad_signature':
      return event.error === 'SignatureExpired'
        ? `The signed value is older than SESSION_COOKIE_AGE: the session starts empty.`
        : `The signature of ${where} does not verify with SECRET_KEY or any key in SECRET_KEY_FALLBACKS (the value was changed, or the key was rotated without keeping the old one as a fallback): the session data reads as empty.`;
    case 'filled': return `Put a copy of the session just read from django_session into ${where}, so that the next read${event.host === undefined ? '' : ` on worker ${event.host}`} comes from the cache.`;
    case 'created': return `Created a new session in ${where}.`;
    case 'updated': return `Updated the session in ${where}.`;
    case 'deleted': return `Deleted the session from ${where}.`;
    case 'culled': return `The cache was full (MAX_ENTRIES): it culled ${event.keys.length === 1 ? 'the least recently used entry' : `${event.keys.length} least recently used entries`}.`;
    case 'invalid_key': return 'The cookie value is not a valid session key (fewer than 8 characters, or characters the engine refuses): it is ignored.';
  }
}

export function describeAuthEvent(event: AuthEvent): string {
  switch (event.op) {
    case 'authenticated': return `authenticate(): the password matches ${event.user}'s.`;
    case 'bad_credentials': return `authenticate(): no user "${event.user}" with that password; login() is not called and the session is left as it was.`;
    case 'login':
      if (event.action === 'cycle_key') {
        return event.hadKey
          ? `login(${event.user}): the session had no user, so cycle_key() moved its data to a new key (against session fixation) and deleted the old one.`
          : `login(${event.user}): the session had no user and no key yet, so cycle_key() gave it a new key (login always does, against session fixation).`;
      }
      if (event.action === 'flush') return `login(${event.user}): the session belonged to another user, or its _auth_user_hash is not ${event.user}'s current one (an old password, or a hash made with a key now only in SECRET_KEY_FALLBACKS: login() checks the current key only), so it was flushed (emptied, deleted, new key).`;
      return `login(${event.user}): the session was already ${event.user}'s, so it keeps its key.`;
    case 'logout':
      return `logout(${event.user ?? 'anonymous'}): flush() emptied the session${
        !event.hadKey ? ' (it had no key: there was nothing to delete)' : event.serverSide ? ' and deleted it from the store' : ' (signed_cookies keeps nothing on the server, so nothing is deleted there; an old copy of the cookie stays valid)'}.`;
    case 'user_loaded': return `request.user loaded: ${event.user ?? 'AnonymousUser'}.`;
    case 'hash_mismatch': return `The session's _auth_user_hash matches neither ${event.user}'s hash under SECRET_KEY nor one under a key in SECRET_KEY_FALLBACKS (the password changed, or the key was rotated without a fallback): the session was flushed and the request is anonymous.`;
    case 'hash_fallback': return `The session's _auth_user_hash was made with a key in SECRET_KEY_FALLBACKS: get_user() called cycle_key() (a new session key) and stored ${event.user}'s hash under the current SECRET_KEY, so ${event.user} stays logged in.`;
    case 'password_changed': return `${event.user}'s password changed: every other session of ${event.user} now fails its hash check; update_session_auth_hash() keeps this one logged in.`;
  }
}

export function describeSessionCall(event: SessionCallEvent): string {
  switch (event.op) {
    case 'flush':
      if (!event.hadKey) return 'session.flush(): data emptied; there was no key, so nothing to delete.';
      return event.serverSide
        ? 'session.flush(): data emptied, the stored session deleted, the key dropped.'
        : 'session.flush(): data emptied and the key (the signed value) dropped; there is no server copy to delete.';
    case 'cycle_key':
      if (!event.serverSide) return 'session.cycle_key(): the data is signed again, so the cookie value changes; there is no server copy to delete.';
      return event.hadKey
        ? 'session.cycle_key(): the same data under a new key; the old key deleted.'
        : 'session.cycle_key(): the data gets a new key (there was no old one to delete).';
    case 'clear': return 'session.clear(): data emptied; the key stays.';
    case 'set_expiry': return `session.set_expiry(${event.detail === 'none' ? 'None' : event.detail}).`;
  }
}
