import { describe, expect, test } from 'vitest';
import { LocMemCache } from '../../../src/sim/django/locmem';

// Every expectation was printed by Django's own LocMemCache (3.2; the class is
// unchanged in 5.2) running the same calls under a frozen clock. The LRU and
// cull cases follow Django's tests/cache suite (test_lru_get, test_lru_set,
// test_cull, test_zero_cull).

const T0 = Date.UTC(2026, 0, 1);
const order = (cache: LocMemCache) => cache.entries().map((e) => e.key);

function filled(keys: string[], maxEntries = 300, cullFrequency = 3): LocMemCache {
  const cache = new LocMemCache(maxEntries, cullFrequency);
  for (const key of keys) cache.set(key, key, null, T0);
  return cache;
}

const digits = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String(from + i));

describe('least recently used first', () => {
  test('get() makes a key recently used, so a full cache culls the others', () => {
    const cache = filled(digits(0, 9), 9);
    for (const key of digits(0, 6)) expect(cache.get(key, T0)).toBe(key);
    cache.set('9', '9', null, T0);
    expect(order(cache)).toEqual(['9', '5', '4', '3', '2', '1', '0']);
    for (const key of digits(6, 9)) expect(cache.get(key, T0)).toBeUndefined();
  });

  test('set() of an existing key makes it recently used', () => {
    const cache = filled(digits(0, 9), 9);
    for (const key of digits(3, 9)) cache.set(key, key, null, T0);
    cache.set('9', '9', null, T0);
    expect(order(cache)).toEqual(['9', '8', '7', '6', '5', '4', '3']);
  });

  test('has() does not make a key recently used', () => {
    const cache = filled(['x', 'y', 'z'], 3);
    expect(cache.has('x', T0)).toBe(true);
    cache.set('w', 'w', null, T0);
    expect(order(cache)).toEqual(['w', 'z', 'y']);
  });
});

describe('culling (MAX_ENTRIES, CULL_FREQUENCY)', () => {
  test('1/CULL_FREQUENCY of the entries goes each time the cache is full: 49 sets into 30 leave 29', () => {
    const cache = new LocMemCache(30, 3);
    for (let i = 1; i < 50; i++) cache.set(`cull${i}`, 'value', 1000, T0);
    expect(digits(1, 50).filter((i) => cache.has(`cull${i}`, T0))).toHaveLength(29);
  });

  test('CULL_FREQUENCY 0 empties the whole cache: 49 sets into 30 leave 19', () => {
    const cache = new LocMemCache(30, 0);
    for (let i = 1; i < 50; i++) cache.set(`cull${i}`, 'value', 1000, T0);
    expect(digits(1, 50).filter((i) => cache.has(`cull${i}`, T0))).toHaveLength(19);
  });

  test('the number culled is rounded down: 4 entries, CULL_FREQUENCY 3, one goes', () => {
    const cache = filled(['a', 'b', 'c', 'd'], 4);
    cache.set('e', 'e', null, T0);
    expect(order(cache)).toEqual(['e', 'd', 'c', 'b']);
  });

  test('CULL_FREQUENCY 2 culls half, CULL_FREQUENCY 1 culls everything but the new entry', () => {
    const half = filled(['a', 'b', 'c', 'd'], 4, 2);
    half.get('a', T0);
    half.set('e', 'e', null, T0);
    expect(order(half)).toEqual(['e', 'a', 'd']);
    const all = filled(['a', 'b'], 2, 1);
    all.set('c', 'c', null, T0);
    expect(order(all)).toEqual(['c']);
  });

  test('a full cache culls even when the key being set is already there', () => {
    const cache = filled(['a', 'b', 'c'], 3);
    cache.set('c', 'C', null, T0);
    expect(order(cache)).toEqual(['c', 'b']);
  });

  test('the culled key itself comes back when it is the one being set', () => {
    const cache = filled(['a', 'b', 'c'], 3);
    cache.set('a', 'A', null, T0);
    expect(order(cache)).toEqual(['a', 'c', 'b']);
    expect(cache.get('a', T0)).toBe('A');
  });

  test('expired entries still take room: only recency decides what is culled', () => {
    const cache = new LocMemCache(3, 3);
    cache.set('a', 1, 1, T0);
    cache.set('b', 1, null, T0);
    cache.set('c', 1, null, T0);
    cache.set('d', 1, null, T0 + 5000);
    expect(order(cache)).toEqual(['d', 'c', 'b']);
  });

  test('culls are reported as events', () => {
    const cache = filled(['a', 'b', 'c'], 3);
    cache.drainEvents();
    cache.set('d', 'd', null, T0);
    expect(cache.drainEvents()).toEqual([{ op: 'culled', keys: ['a'] }]);
    expect(cache.drainEvents()).toEqual([]);
  });
});

describe('lazy expiry', () => {
  test('an entry whose time is up stays until its key is read', () => {
    const cache = new LocMemCache();
    cache.set('t0', 1, 0, T0); // timeout 0 means "already expired"
    cache.set('t10', 1, 10, T0);
    cache.set('neg', 1, -5, T0);
    cache.set('never', 1, null, T0);
    expect(order(cache)).toEqual(['never', 'neg', 't10', 't0']);
    expect(cache.get('t0', T0)).toBeUndefined();
    expect(cache.get('neg', T0)).toBeUndefined();
    expect(cache.get('t10', T0 + 9999)).toBe(1);
    // Expired at exactly its time (expiry <= now).
    expect(cache.get('t10', T0 + 10_000)).toBeUndefined();
    expect(order(cache)).toEqual(['never']);
  });

  test('has() also drops an expired entry, and reports it', () => {
    const cache = new LocMemCache();
    cache.set('k', 1, 10, T0);
    cache.drainEvents();
    expect(cache.has('k', T0 + 10_000)).toBe(false);
    expect(cache.size).toBe(0);
    expect(cache.drainEvents()).toEqual([{ op: 'expired', key: 'k' }]);
  });

  test('add() stores only when the key is absent or expired', () => {
    const cache = new LocMemCache();
    expect(cache.add('k', 1, 10, T0)).toBe(true);
    expect(cache.add('k', 2, 10, T0)).toBe(false);
    expect(cache.get('k', T0)).toBe(1);
    expect(cache.add('k', 3, 10, T0 + 10_000)).toBe(true);
    expect(cache.get('k', T0 + 10_000)).toBe(3);
  });

  test('delete() removes and says whether there was an entry', () => {
    const cache = filled(['a']);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
  });
});

test('values are copied in and out, as pickling does', () => {
  const cache = new LocMemCache();
  const stored = [1];
  cache.set('l', stored, null, T0);
  stored.push(2);
  (cache.get('l', T0) as number[]).push(3);
  expect(cache.get('l', T0)).toEqual([1]);
});

test('a copy keeps the order and limits, and neither it nor the original sees the other change, in place or not', () => {
  const cache = filled(['a', 'b', 'c'], 3);
  cache.set('l', [1], null, T0);
  const copy = cache.copy();
  copy.set('d', 'd', null, T0);
  (copy.get('l', T0) as number[]).push(2);
  expect(order(copy)).toEqual(['l', 'd', 'c']);
  expect(order(cache)).toEqual(['l', 'c', 'b']);
  expect(cache.get('l', T0)).toEqual([1]);
});
