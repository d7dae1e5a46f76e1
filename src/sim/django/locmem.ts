import { deepCopy, type PyValue } from './values';

/**
 * Django's LocMemCache (django/core/cache/backends/locmem.py): an ordered
 * dict, most recently used first; entries expire lazily (an expired entry
 * stays until something reads its key); when full, a set culls the least
 * recently used 1/CULL_FREQUENCY of the entries. Values are copied in and out,
 * as pickling does, so a later in-place change never reaches the cache.
 */
export interface CacheEntry {
  /** The key as the session engine built it, without Django's ":1:" version prefix. */
  key: string;
  value: PyValue;
  /** ms since the epoch, or null for "never". */
  expires: number | null;
}

/** LocMemCache treats an entry as gone from its expiry time on (it deletes it only when the key is next read). */
export function entryHasExpired(entry: CacheEntry, now: number): boolean {
  return entry.expires !== null && entry.expires <= now;
}

export type CacheEvent =
  | { op: 'culled'; keys: string[] }
  | { op: 'expired'; key: string };

export class LocMemCache {
  /** Most recently used first, as Django's move_to_end(key, last=False) leaves it. */
  #entries: CacheEntry[] = [];
  #events: CacheEvent[] = [];

  constructor(
    readonly maxEntries = 300,
    readonly cullFrequency = 3,
  ) {}

  /**
   * An independent cache with the same entries. They are shared, not copied:
   * an entry is replaced, never changed, and its value is copied on the way in
   * and on the way out (set and get), so no caller can change it in place.
   */
  copy(): LocMemCache {
    const cache = new LocMemCache(this.maxEntries, this.cullFrequency);
    cache.#entries = this.#entries.slice();
    return cache;
  }

  /** Every entry, expired or not, most recently used first (what the cache really holds). */
  entries(): readonly CacheEntry[] {
    return this.#entries;
  }

  /** What the cache did on its own (culls, lazy expiry) since the last call. */
  drainEvents(): CacheEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  get size(): number {
    return this.#entries.length;
  }

  get(key: string, now: number): PyValue | undefined {
    const index = this.#liveIndex(key, now);
    if (index < 0) return undefined;
    const [entry] = this.#entries.splice(index, 1);
    this.#entries.unshift(entry);
    return deepCopy(entry.value);
  }

  has(key: string, now: number): boolean {
    return this.#liveIndex(key, now) >= 0;
  }

  /** The entry's index, or -1; an expired entry is deleted on the way, as Django's reads do. */
  #liveIndex(key: string, now: number): number {
    const index = this.#indexOf(key);
    if (index < 0 || !entryHasExpired(this.#entries[index], now)) return index;
    this.#entries.splice(index, 1);
    this.#events.push({ op: 'expired', key });
    return -1;
  }

  /** Stores only when the key is absent or expired; true when stored. */
  add(key: string, value: PyValue, timeoutSeconds: number | null, now: number): boolean {
    const index = this.#indexOf(key);
    if (index >= 0 && !entryHasExpired(this.#entries[index], now)) return false;
    this.#set(key, value, timeoutSeconds, now);
    return true;
  }

  set(key: string, value: PyValue, timeoutSeconds: number | null, now: number): void {
    this.#set(key, value, timeoutSeconds, now);
  }

  delete(key: string): boolean {
    const index = this.#indexOf(key);
    if (index < 0) return false;
    this.#entries.splice(index, 1);
    return true;
  }

  #set(key: string, value: PyValue, timeoutSeconds: number | null, now: number): void {
    // Django culls before writing, even when the key is already there.
    if (this.#entries.length >= this.maxEntries) this.#cull();
    const index = this.#indexOf(key);
    if (index >= 0) this.#entries.splice(index, 1);
    // BaseCache.get_backend_timeout: 0 means "expire now" (-1 avoids clock precision issues).
    const timeout = timeoutSeconds === 0 ? -1 : timeoutSeconds;
    this.#entries.unshift({ key, value: deepCopy(value), expires: timeout === null ? null : now + timeout * 1000 });
  }

  #cull(): void {
    if (this.cullFrequency === 0) {
      this.#events.push({ op: 'culled', keys: this.#entries.map((e) => e.key) });
      this.#entries = [];
      return;
    }
    const count = Math.floor(this.#entries.length / this.cullFrequency);
    const culled = this.#entries.splice(this.#entries.length - count, count).reverse();
    this.#events.push({ op: 'culled', keys: culled.map((e) => e.key) });
  }


  #indexOf(key: string): number {
    return this.#entries.findIndex((e) => e.key === key);
  }
}
