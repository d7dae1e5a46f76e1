import type { StorePlace } from './base';
import { PyDateTime, type PyDict } from '../values';
import { cacheDelete, cacheGet, cacheHas, cacheSet } from './cacheAccess';
import { DbSession } from './db';

export const CACHED_DB_KEY_PREFIX = 'django.contrib.sessions.cached_db';

/**
 * django.contrib.sessions.backends.cached_db: write-through. Reads try the
 * cache first and fall back to the database (refilling the cache); every save
 * writes the database, then the cache.
 */
export class CachedDbSession extends DbSession {
  static override readonly places: readonly StorePlace[] = ['db', 'cache'];
  get cacheKey(): string {
    return CACHED_DB_KEY_PREFIX + this.getOrCreateSessionKey();
  }

  load(): PyDict {
    const key = this.sessionKey as string;
    const cached = cacheGet(this.ctx, this.cacheKey);
    if (cached !== undefined && cached !== null) {
      this.record({ kind: 'store', op: 'read', place: 'cache', key });
      return cached as PyDict;
    }
    const row = this.sessionFromDb();
    if (!row) return new Map();
    this.record({ kind: 'store', op: 'read', place: 'db', key });
    const data = this.decode(row.session_data, key);
    cacheSet(this.ctx, this.cacheKey, data, this.getExpiryAge({ expiry: new PyDateTime(row.expire_date) }), key, true);
    return data;
  }

  exists(sessionKey: string): boolean {
    return (sessionKey !== '' && cacheHas(this.ctx, CACHED_DB_KEY_PREFIX + sessionKey)) || super.exists(sessionKey);
  }

  save(mustCreate = false): void {
    super.save(mustCreate);
    cacheSet(this.ctx, this.cacheKey, this.session(), this.getExpiryAge(), this.sessionKey as string);
  }

  deleteFromStore(sessionKey: string | null = null): void {
    super.deleteFromStore(sessionKey);
    const key = sessionKey ?? this.sessionKey;
    if (key !== null) cacheDelete(this.ctx, CACHED_DB_KEY_PREFIX + key, key);
  }

}
