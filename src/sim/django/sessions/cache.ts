import type { StorePlace } from './base';
import { CreateError, UpdateError } from '../errors';
import type { PyDict } from '../values';
import { SessionBase } from './base';
import { cacheAdd, cacheDelete, cacheGet, cacheHas, cacheSet } from './cacheAccess';

export const CACHE_KEY_PREFIX = 'django.contrib.sessions.cache';

/**
 * django.contrib.sessions.backends.cache: the session dict itself, pickled
 * into the cache under prefix + key, with the expiry age as its timeout. No
 * JSON: a datetime saves fine here. Eviction loses sessions silently.
 */
export class CacheSession extends SessionBase {
  static override readonly places: readonly StorePlace[] = ['cache'];
  readonly place = 'cache' as const;

  get cacheKey(): string {
    return CACHE_KEY_PREFIX + this.getOrCreateSessionKey();
  }

  load(): PyDict {
    const key = this.sessionKey as string;
    const data = cacheGet(this.ctx, this.cacheKey);
    if (data !== undefined && data !== null) {
      this.record({ kind: 'store', op: 'read', place: 'cache', key });
      return data as PyDict;
    }
    this.record({ kind: 'store', op: 'not_found', place: 'cache', key });
    this.sessionKeyValue = null;
    return new Map();
  }

  create(): void {
    // Django's cache engine gives up after 10000 taken keys: the cache is probably unavailable.
    this.createUnderNewKey(10000);
  }

  save(mustCreate = false): void {
    if (this.sessionKey === null) return this.create();
    const key = this.cacheKey;
    const sessionKey = this.sessionKey;
    if (mustCreate) {
      if (!cacheAdd(this.ctx, key, this.session(true), this.getExpiryAge(), sessionKey)) throw new CreateError();
    } else if (cacheGet(this.ctx, key) !== undefined) {
      cacheSet(this.ctx, key, this.session(), this.getExpiryAge(), sessionKey);
    } else {
      throw new UpdateError();
    }
  }

  exists(sessionKey: string): boolean {
    return sessionKey !== '' && cacheHas(this.ctx, CACHE_KEY_PREFIX + sessionKey);
  }

  deleteFromStore(sessionKey: string | null = null): void {
    const key = sessionKey ?? this.sessionKey;
    if (key !== null) cacheDelete(this.ctx, CACHE_KEY_PREFIX + key, key);
  }
}
