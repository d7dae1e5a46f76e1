import type { PyValue } from '../values';
import type { EngineContext } from './base';

/**
 * The session engines' use of the one LocMemCache, recording in the trace
 * what each call did, including culls and lazy expiries it caused.
 */
function recordCacheEvents(ctx: EngineContext): void {
  for (const event of ctx.storage.cache.drainEvents()) {
    if (event.op === 'culled') ctx.trace.push({ kind: 'store', op: 'culled', place: 'cache', keys: event.keys });
    else ctx.trace.push({ kind: 'store', op: 'expired', place: 'cache', key: event.key.slice(-32) });
  }
}

export function cacheGet(ctx: EngineContext, key: string): PyValue | undefined {
  const value = ctx.storage.cache.get(key, ctx.clock.now());
  recordCacheEvents(ctx);
  return value;
}

export function cacheHas(ctx: EngineContext, key: string): boolean {
  const found = ctx.storage.cache.has(key, ctx.clock.now());
  recordCacheEvents(ctx);
  return found;
}

/**
 * cache.set, traced as created or updated by whether a live entry was there,
 * or as `filled` when it only keeps a copy of what was read from the db.
 */
export function cacheSet(ctx: EngineContext, key: string, value: PyValue, timeout: number, sessionKey: string, fill = false): void {
  const existed = ctx.storage.cache.entries().some((e) => e.key === key);
  ctx.storage.cache.set(key, value, timeout, ctx.clock.now());
  recordCacheEvents(ctx);
  ctx.trace.push({ kind: 'store', op: fill ? 'filled' : existed ? 'updated' : 'created', place: 'cache', key: sessionKey });
}

/** cache.add: stores only when the key is absent or expired. */
export function cacheAdd(ctx: EngineContext, key: string, value: PyValue, timeout: number, sessionKey: string): boolean {
  const stored = ctx.storage.cache.add(key, value, timeout, ctx.clock.now());
  recordCacheEvents(ctx);
  if (stored) ctx.trace.push({ kind: 'store', op: 'created', place: 'cache', key: sessionKey });
  return stored;
}

export function cacheDelete(ctx: EngineContext, key: string, sessionKey: string): void {
  if (ctx.storage.cache.delete(key)) ctx.trace.push({ kind: 'store', op: 'deleted', place: 'cache', key: sessionKey });
}
