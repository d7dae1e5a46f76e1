import { VirtualClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { CACHED_DB_KEY_PREFIX } from '../../../src/sim/django/sessions/cachedDb';
import { CACHE_KEY_PREFIX } from '../../../src/sim/django/sessions/cache';
import type { EngineContext, SessionBase } from '../../../src/sim/django/sessions/base';
import { openSession } from '../../../src/sim/django/sessions';
import { ENGINES, engineName, formatSettingErrors, resolveSettings, type EngineName, type EnginePath } from '../../../src/sim/django/settings';
import { newServerStorage } from '../../../src/sim/django/site';
import { pyDictOf } from '../../support/py';

/** The shared helpers of the engine tests: a fresh server under a virtual clock. */

export const T0 = Date.UTC(2026, 0, 1); // 2026-01-01T00:00:00Z
export const SECRET_KEY = 'playground-insecure-secret-key-0123456789';

export const ENGINE_NAMES = Object.values(ENGINES) as EngineName[];
/** The engines that keep sessions on the server (every one but signed_cookies). */
export const SERVER_ENGINES = ENGINE_NAMES.filter((e) => e !== 'signed_cookies');

export function enginePath(engine: EngineName): EnginePath {
  return `django.contrib.sessions.backends.${engine}` as EnginePath;
}

export interface TestContext extends EngineContext {
  clock: VirtualClock;
}

/** The demo site's settings with `overrides`, its empty storage, the clock at T0. */
export function engineContext(overrides: Record<string, unknown> = {}, seed = 1): TestContext {
  const resolved = resolveSettings(overrides);
  if (!resolved.ok) throw new Error(formatSettingErrors(resolved.errors));
  const settings = resolved.settings;
  return { settings, storage: newServerStorage(settings), clock: new VirtualClock(T0), random: new SeededRandom(seed), trace: [] };
}

export function contextFor(engine: EngineName, overrides: Record<string, unknown> = {}): TestContext {
  return engineContext({ SESSION_ENGINE: enginePath(engine), ...overrides });
}

/** SessionStore(session_key) of the configured engine. */
export function open(ctx: EngineContext, key: string | null = null): SessionBase {
  return openSession(engineName(ctx.settings), ctx, key);
}

/** A saved session holding `data`; its key. */
export function stored(ctx: EngineContext, data: Record<string, string | number | string[] | number[]>): string {
  const session = open(ctx);
  session.update(pyDictOf(data));
  session.save();
  return session.sessionKey as string;
}

/** Every session key the server holds, by place (cache keys without their prefix, files without the cookie name). */
export function heldKeys(ctx: EngineContext): { db: string[]; cache: string[]; files: string[] } {
  const strip = (key: string) => key.replace(CACHED_DB_KEY_PREFIX, '').replace(CACHE_KEY_PREFIX, '');
  return {
    db: [...ctx.storage.sessions.keys()].sort(),
    cache: ctx.storage.cache.entries().map((e) => strip(e.key)).sort(),
    files: [...ctx.storage.files.keys()].map((name) => name.slice(ctx.settings.SESSION_COOKIE_NAME.length)).sort(),
  };
}

/** Every key held anywhere, once. */
export function allHeldKeys(ctx: EngineContext): string[] {
  const held = heldKeys(ctx);
  return [...new Set([...held.db, ...held.cache, ...held.files])].sort();
}
