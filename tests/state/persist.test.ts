import { describe, expect, test } from 'vitest';
import { decodeSaved, decodeShareHash, encodeSaved, loadStored, SET_ASIDE_PREFIX, setAsideStored, shareHash, STORAGE_KEY } from '../../src/state/persist';
import type { SavedRun } from '../../src/state/persist';

const run: SavedRun = {
  run: {
    name: 'cart for Zoë 🍪',
    start: '2026-01-01T00:00:00Z',
    settings: { SESSION_ENGINE: 'django.contrib.sessions.backends.cache' },
    steps: [
      { request: { method: 'POST', url: 'https://shop.example/cart/add/', form: { item: 'Zoë 🍪' } } },
      { advance_seconds: 60 },
    ],
    seed: 7,
  },
  cursor: 1,
};

/** A Storage in memory, as localStorage behaves. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('saved runs', () => {
  test('round-trip through the saved document', () => {
    expect(decodeSaved(encodeSaved(run))).toEqual({ ok: true, saved: run });
  });

  test('a share link round-trips, non-ASCII included, and uses only URL-safe characters', () => {
    const hash = shareHash(run);
    expect(hash).toMatch(/^#run=[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, saved: run });
  });

  test('a hash that is not a shared run is ignored', () => {
    expect(decodeShareHash('')).toBeNull();
    expect(decodeShareHash('#/lessons/02')).toBeNull();
  });

  test('a damaged link gets a reason, not a crash', () => {
    const hash = shareHash(run);
    const broken = decodeShareHash(hash.slice(0, hash.length - 10));
    expect(broken).toEqual({ ok: false, reason: expect.stringContaining('damaged') });
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['another version', JSON.stringify({ version: 2, run: run.run, cursor: 0 }), /another version/],
    ['a step with two kinds', encodeSaved({ ...run, run: { ...run.run, steps: [{ advance_seconds: 1, clearsessions: true } as never] } }), /step 1/],
    ['a negative cursor', JSON.stringify({ version: 1, run: run.run, cursor: -1 }), /cursor/],
  ])('refuses %s with a reason', (_, text, reason) => {
    const decoded = decodeSaved(text);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });

  test('a cursor past the end is clamped to the last step', () => {
    const decoded = decodeSaved(JSON.stringify({ version: 1, run: run.run, cursor: 99 }));
    expect(decoded.ok && decoded.saved.cursor).toBe(2);
  });

  test('a saved run that cannot be loaded is set aside, never lost', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, '{broken');
    expect(loadStored(storage)).toEqual({ ok: false, reason: 'it is not valid JSON' });
    const key = setAsideStored(storage, Date.UTC(2026, 10, 26));
    expect(key).toBe(`${SET_ASIDE_PREFIX}2026-11-26T00:00:00.000Z`);
    expect(storage.getItem(key)).toBe('{broken');
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });
});
