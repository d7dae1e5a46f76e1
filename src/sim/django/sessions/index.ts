import type { EngineName } from '../settings';
import type { EngineContext, SessionBase, StorePlace } from './base';
import { CacheSession } from './cache';
import { CachedDbSession } from './cachedDb';
import { DbSession } from './db';
import { FileSession } from './file';
import { SignedCookiesSession } from './signedCookies';

const ENGINE_CLASSES = {
  db: DbSession,
  cache: CacheSession,
  cached_db: CachedDbSession,
  file: FileSession,
  signed_cookies: SignedCookiesSession,
} satisfies Record<EngineName, new (ctx: EngineContext, key: string | null) => SessionBase>;

/** Where each engine keeps sessions: its classes' own declaration. */
export const ENGINE_PLACES: Record<EngineName, readonly StorePlace[]> = {
  db: DbSession.places,
  cache: CacheSession.places,
  cached_db: CachedDbSession.places,
  file: FileSession.places,
  signed_cookies: SignedCookiesSession.places,
};

/** engine.SessionStore(session_key), for the engine SESSION_ENGINE names. */
export function openSession(engine: EngineName, ctx: EngineContext, sessionKey: string | null): SessionBase {
  return new ENGINE_CLASSES[engine](ctx, sessionKey);
}

/** SessionStore.clear_expired(): what `manage.py clearsessions` runs. */
export function clearExpiredSessions(engine: EngineName, ctx: EngineContext): void {
  if (engine === 'db' || engine === 'cached_db') {
    for (const key of DbSession.clearExpired(ctx.storage.sessions, ctx.clock.now())) {
      ctx.trace.push({ kind: 'store', op: 'deleted', place: 'db', key });
    }
  } else if (engine === 'file') {
    FileSession.clearExpired(ctx);
  }
  // cache and signed_cookies: nothing to do; the cache expires entries itself, cookies hold their own.
}
