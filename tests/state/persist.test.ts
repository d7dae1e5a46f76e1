import { describe, expect, test } from 'vitest';
import { handlerTransport } from '../../src/msw/transport';
import { decodeSaved, decodeShareHash, encodeSaved, loadStored, RUN_FORMAT, SET_ASIDE_PREFIX, setAsideStored, shareHash, STORAGE_KEY } from '../../src/state/persist';
import type { SavedRun } from '../../src/state/persist';
import { provideTransport, usePlayground } from '../../src/state/playground';
import { MemoryStorage } from '../../src/state/storage';
import * as format1 from './fixtures/format-1';

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


describe('saved runs', () => {
  test('the saved document is the JSON of its format version, run and cursor, however often the run is saved', () => {
    const expected = (cursor: number) => JSON.stringify({ version: RUN_FORMAT.current, run: run.run, cursor });
    expect(encodeSaved(run)).toBe(expected(run.cursor));
    // The same run at another step (stepping saves it again and again): only the cursor differs.
    expect(encodeSaved({ ...run, cursor: 1 })).toBe(expected(1));
    expect(encodeSaved({ ...run, cursor: 0 })).toBe(expected(0));
  });

  test('round-trip through the saved document', () => {
    expect(decodeSaved(encodeSaved(run))).toEqual({ ok: true, saved: run });
  });

  test('a share link round-trips, non-ASCII included, and uses only URL-safe characters', async () => {
    const hash = shareHash(run);
    expect(hash).toMatch(/^#run=[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(hash)).toEqual({ ok: true, saved: run });
  });

  test('a hash that is not a shared run is ignored', async () => {
    expect(await decodeShareHash('')).toBeNull();
    expect(await decodeShareHash('#/lessons/02')).toBeNull();
  });

  test.each([
    ['cut short', (hash: string) => hash.slice(0, hash.length - 10)],
    ['with a byte changed', (hash: string) => hash.slice(0, 20) + (hash[20] === 'A' ? 'B' : 'A') + hash.slice(21)],
    ['not base64', (hash: string) => `${hash}*!`],
    ['empty', () => '#run='],
  ])('a damaged link (%s) gets a reason, not a crash', async (_, damage) => {
    const broken = await decodeShareHash(damage(shareHash(run)));
    expect(broken).toEqual({ ok: false, reason: expect.stringContaining('damaged') });
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['a newer format', JSON.stringify({ version: RUN_FORMAT.current + 1, run: run.run, cursor: 0 }), /saved by a newer version of the playground/],
    ['no format version', JSON.stringify({ run: run.run, cursor: 0 }), /names no format version/],
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
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{broken');
    expect(loadStored(storage)).toEqual({ ok: false, reason: 'it is not valid JSON' });
    const key = setAsideStored(storage, Date.UTC(2026, 10, 26));
    expect(key).toBe(`${SET_ASIDE_PREFIX}2026-11-26T00:00:00.000Z`);
    expect(storage.getItem(key)).toBe('{broken');
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });
});

/** Every format there has been, as the playground of its day wrote it (tests/state/fixtures). */
const EARLIER_FORMATS = [{ version: 1, ...format1, run: format1.RUN_1, cursor: format1.CURSOR_1 }];

describe('saved runs and share links of every earlier format still open', () => {
  test('there is a fixture of every format up to the current one', () => {
    const versions = EARLIER_FORMATS.map((f) => f.version);
    expect(versions).toEqual(Array.from({ length: RUN_FORMAT.current - RUN_FORMAT.first + 1 }, (_, i) => RUN_FORMAT.first + i));
  });

  test.each(EARLIER_FORMATS)('format $version: the saved run and the share link decode to the run they hold, and it replays', async (fixture) => {
    const expected = { ok: true, saved: { run: fixture.run, cursor: fixture.cursor } };
    expect(decodeSaved(fixture.SAVED_RUN_1)).toEqual(expected);
    expect(await decodeShareHash(fixture.SHARE_LINK_1)).toEqual(expected);
    provideTransport(handlerTransport);
    const decoded = await decodeShareHash(fixture.SHARE_LINK_1);
    expect(decoded?.ok && (await usePlayground.getState().load(decoded.saved.run))).toBe(true);
    expect(usePlayground.getState().logs).toHaveLength(fixture.run.steps.length);
  });
});
