import type { StorePlace } from './base';
import { dumps, inspectSigned, loads, SignatureExpired, type SignedInspection } from '../signing';
import type { Settings } from '../settings';
import type { PyDict } from '../values';
import { SessionBase } from './base';

export const SIGNED_COOKIES_SALT = 'django.contrib.sessions.backends.signed_cookies';

/**
 * django.contrib.sessions.backends.signed_cookies: no server state at all.
 * The "session key" is the whole session, signed (and compressed when that
 * helps). Django cannot revoke such a cookie: a copy stays valid until its
 * timestamp is older than SESSION_COOKIE_AGE.
 */
export class SignedCookiesSession extends SessionBase {
  static override readonly places: readonly StorePlace[] = [];
  readonly place = 'cookie' as const;

  load(): PyDict {
    const value = this.sessionKey as string;
    try {
      const data = loads(value, {
        key: this.ctx.settings.SECRET_KEY,
        fallbackKeys: this.ctx.settings.SECRET_KEY_FALLBACKS,
        salt: SIGNED_COOKIES_SALT,
        // Only the cookie age: a custom set_expiry is not checked here (Django ticket #19201).
        maxAge: this.getSessionCookieAge(),
        // time.time() is a float: the age is compared in fractional seconds.
        now: this.now() / 1000,
      });
      if (data instanceof Map) {
        this.record({ kind: 'store', op: 'read', place: 'cookie', key: value });
        return data;
      }
    } catch (error) {
      this.record({
        kind: 'store', op: 'bad_signature', place: 'cookie', key: value,
        error: error instanceof SignatureExpired ? 'SignatureExpired' : 'BadSignature',
      });
    }
    // The bad value is not dropped: marking the session modified gets it re-signed over {}.
    this.create();
    return new Map();
  }

  create(): void {
    this.modified = true;
  }

  save(): void {
    this.sessionKeyValue = this.signedValue();
    this.modified = true;
    this.record({ kind: 'store', op: 'updated', place: 'cookie', key: this.sessionKey as string });
  }

  exists(): boolean {
    return false;
  }

  deleteFromStore(): void {
    this.sessionKeyValue = '';
    this.cache = new Map();
    this.modified = true;
  }

  cycleKey(): void {
    this.record({ kind: 'session', op: 'cycle_key', hadKey: this.sessionKey !== null, serverSide: false });
    this.save();
  }

  protected signedValue(): string {
    return dumps(this.session(), {
      key: this.ctx.settings.SECRET_KEY,
      salt: SIGNED_COOKIES_SALT,
      compress: true,
      timestamp: Math.floor(this.now() / 1000),
    });
  }
}

/**
 * A signed_cookies value taken apart and checked exactly as this engine's
 * load() checks it: SECRET_KEY then SECRET_KEY_FALLBACKS, the engine's salt,
 * max_age SESSION_COOKIE_AGE, the virtual clock in float seconds.
 */
export function inspectSignedCookie(settings: Settings, value: string, nowMs: number): SignedInspection {
  return inspectSigned(value, {
    key: settings.SECRET_KEY,
    fallbackKeys: settings.SECRET_KEY_FALLBACKS,
    salt: SIGNED_COOKIES_SALT,
    maxAge: settings.SESSION_COOKIE_AGE,
    now: nowMs / 1000,
  });
}
