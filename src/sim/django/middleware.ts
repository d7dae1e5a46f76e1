import { PyException, SuspiciousOperation, UpdateError } from './errors';
import { formatDeleteCookie, formatSetCookie, httpDate, patchVary, type SimResponse } from './http';
import type { Settings } from './settings';
import type { SessionBase } from './sessions/base';
import type { DecisionReason, SessionDecision } from './trace';

/**
 * SessionMiddleware.process_response, as current Django (5.2 / 6.x) does it.
 * Mutates `response` (Set-Cookie, Vary) and returns the decision with its
 * reason. When saving raises, Django's exception handling replaces the whole
 * response (no Set-Cookie, no Vary): the decision then carries the error and
 * the status of the replacement, for the caller to answer with.
 */
export function processSessionResponse(
  settings: Settings,
  session: SessionBase,
  requestKey: string | null,
  response: SimResponse,
  now: number,
): SessionDecision {
  const accessed = session.accessed;
  const modified = session.modified;
  const empty = session.isEmpty();
  const decision: SessionDecision = {
    cookieName: settings.SESSION_COOKIE_NAME,
    requestKey,
    accessed,
    modified,
    empty,
    saved: false,
    cookie: 'untouched',
    vary: false,
    reason: accessed ? 'accessed_unmodified' : 'not_accessed',
    sessionKey: session.sessionKey,
    maxAge: null,
    error: null,
  };

  // The cookie is deleted only when the request carried one and the session is entirely empty.
  if (requestKey !== null && empty) {
    response.headers.push(['Set-Cookie', formatDeleteCookie(settings.SESSION_COOKIE_NAME, {
      path: settings.SESSION_COOKIE_PATH,
      domain: settings.SESSION_COOKIE_DOMAIN,
      sameSite: settings.SESSION_COOKIE_SAMESITE,
    }, now)]);
    patchVary(response, ['Cookie']);
    return { ...decision, cookie: 'deleted', vary: true, reason: 'deleted_empty' };
  }

  if (accessed) {
    patchVary(response, ['Cookie']);
    decision.vary = true;
  }
  if (!(modified || settings.SESSION_SAVE_EVERY_REQUEST) || empty) {
    if (empty) decision.reason = 'empty_no_cookie';
    return decision;
  }

  const reason: DecisionReason = modified ? 'saved_modified' : 'saved_every_request';
  try {
    let maxAge: number | null = null;
    let expires: string | null = null;
    if (!session.getExpireAtBrowserClose()) {
      maxAge = session.getExpiryAge();
      expires = httpDate(now + maxAge * 1000);
    }
    decision.maxAge = maxAge;
    if (response.status >= 500) {
      decision.reason = 'not_saved_server_error';
      return decision;
    }
    session.save();
    response.headers.push(['Set-Cookie', formatSetCookie(settings.SESSION_COOKIE_NAME, session.sessionKey as string, {
      maxAge,
      expires,
      domain: settings.SESSION_COOKIE_DOMAIN,
      path: settings.SESSION_COOKIE_PATH,
      secure: settings.SESSION_COOKIE_SECURE,
      httpOnly: settings.SESSION_COOKIE_HTTPONLY,
      sameSite: settings.SESSION_COOKIE_SAMESITE,
    }, now)]);
  } catch (error) {
    return { ...decision, ...failure(error) };
  }
  // Current Django varies on Cookie whenever it sets the session cookie (3.2 did only when accessed).
  patchVary(response, ['Cookie']);
  return { ...decision, saved: true, cookie: 'set', vary: true, reason, sessionKey: session.sessionKey };
}

const SESSION_INTERRUPTED =
  "SessionInterrupted: The request's session was deleted before the request completed. " +
  'The user may have logged out in a concurrent request, for example.';

/** How Django's exception handling answers an error raised while saving. */
function failure(error: unknown): Pick<SessionDecision, 'reason' | 'error' | 'failureStatus' | 'vary'> {
  if (error instanceof UpdateError) {
    return { reason: 'session_interrupted', error: SESSION_INTERRUPTED, failureStatus: 400, vary: false };
  }
  return { reason: 'save_failed', error: pythonErrorText(error), failureStatus: error instanceof SuspiciousOperation ? 400 : 500, vary: false };
}

/** "TypeError: Object of type datetime is not JSON serializable", as Python prints an exception. */
export function pythonErrorText(error: unknown): string {
  if (error instanceof PyException) return error.toString();
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
