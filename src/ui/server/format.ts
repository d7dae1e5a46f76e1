import type { AuthEvent, SessionCallEvent } from '../../sim/django/trace';
import { PyDateTime, type PyValue } from '../../sim/django/values';
import { formatIsoUtc } from '../../sim/clock';

/**
 * A session value on one line, as JSON with Python's default separators
 * (`{"visits": 1}`), keeping non-ASCII text readable. A datetime, which only
 * the cache engine can hold (it pickles), is written as one, not as a string.
 */
export function formatPyValue(value: PyValue): string {
  if (value instanceof PyDateTime) return `datetime(${formatIsoUtc(value.ms)})`;
  if (Array.isArray(value)) return `[${value.map(formatPyValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${formatPyValue(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A setting's value as it is written in settings.py. */
export function pyLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

// The trace names these events; their sentences are kept together here
// until trace.ts has a describer for them beside describeStoreEvent.
export function describeAuthEvent(event: AuthEvent): string {
  switch (event.op) {
    case 'authenticated': return `authenticate(): the password matches ${event.user}'s.`;
    case 'bad_credentials': return `authenticate(): no user "${event.user}" with that password; login() is not called and the session is left as it was.`;
    case 'login':
      if (event.action === 'cycle_key') return `login(${event.user}): the session had no user, so cycle_key() moved its data to a new key (against session fixation) and deleted the old one.`;
      if (event.action === 'flush') return `login(${event.user}): the session belonged to another user or to an old password, so it was flushed (emptied, deleted, new key).`;
      return `login(${event.user}): the session was already ${event.user}'s, so it keeps its key.`;
    case 'logout': return `logout(${event.user ?? 'anonymous'}): flush() emptied the session and deleted it from the store.`;
    case 'user_loaded': return `request.user loaded: ${event.user ?? 'AnonymousUser'}.`;
    case 'hash_mismatch': return `The session's _auth_user_hash no longer matches ${event.user}'s password: the session was flushed and the request is anonymous.`;
    case 'password_changed': return `${event.user}'s password changed: every other session of ${event.user} now fails its hash check; update_session_auth_hash() keeps this one logged in.`;
  }
}

export function describeSessionCall(event: SessionCallEvent): string {
  switch (event.op) {
    case 'flush': return 'session.flush(): data emptied, the stored session deleted, the key dropped.';
    case 'cycle_key': return 'session.cycle_key(): the same data under a new key; the old key deleted.';
    case 'clear': return 'session.clear(): data emptied; the key stays.';
    case 'set_expiry': return `session.set_expiry(${event.detail === 'none' ? 'None' : event.detail ?? ''}).`;
  }
}
