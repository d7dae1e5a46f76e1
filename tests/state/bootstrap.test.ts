import { beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { handlerTransport } from '../../src/msw/transport';
import { CURSOR_SAVE_DELAY_MS, persistRun, restoreRun } from '../../src/state/bootstrap';
import { useNotices } from '../../src/state/notices';
import { decodeSaved, encodeSaved, SET_ASIDE_PREFIX, shareHash, STORAGE_KEY, type SavedRun } from '../../src/state/persist';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../src/state/playground';
import { MemoryStorage } from '../../src/state/storage';

const NOW = Date.UTC(2026, 11, 1, 12);
const own: SavedRun = { run: { ...EMPTY_RUN, name: 'my own run', steps: [{ request: { method: 'GET', url: 'https://shop.example/visits/' } }] }, cursor: 1 };
const shared: SavedRun = { run: { ...EMPTY_RUN, name: 'a shared run', steps: [{ advance_seconds: 60 }, { clearsessions: true }] }, cursor: 2 };
const notices = () => useNotices.getState().notices.map((n) => n.message);
// Where the page's pagehide and visibilitychange would arrive (none does here).
const page = new EventTarget() as unknown as Window;
const keys = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i)!);

beforeAll(() => provideTransport(handlerTransport));
beforeEach(async () => {
  useNotices.setState({ notices: [] });
  await usePlayground.getState().load(EMPTY_RUN);
});

test("opening a share link keeps the learner's own saved run aside, says where, and the first change does not lose it", async () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, encodeSaved(own));
  await restoreRun(storage, shareHash(shared), NOW);
  expect(usePlayground.getState().definition.name).toBe('a shared run');
  const key = `${SET_ASIDE_PREFIX}2026-12-01T12:00:00.000Z`;
  expect(notices()).toEqual([`You opened a shared run; from your first change on it is saved in place of your own run. Your own run was kept in localStorage as "${key}".`]);

  const stop = persistRun(storage, () => true, page);
  await usePlayground.getState().addStep({ advance_seconds: 1 });
  stop();
  expect(decodeSaved(storage.getItem(STORAGE_KEY)!)).toMatchObject({ ok: true, saved: { run: { name: 'a shared run' } } });
  expect(decodeSaved(storage.getItem(key)!)).toEqual({ ok: true, saved: own });
});

test('opening the same link again keeps one copy, not one per visit', async () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, encodeSaved(own));
  await restoreRun(storage, shareHash(shared), NOW);
  await restoreRun(storage, shareHash(shared), NOW + 60_000);
  expect(keys(storage).filter((k) => k.startsWith(SET_ASIDE_PREFIX))).toHaveLength(1);
});

test('a link to the run already saved sets nothing aside and says nothing', async () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, encodeSaved(shared));
  await restoreRun(storage, shareHash(shared), NOW);
  expect(keys(storage)).toEqual([STORAGE_KEY]);
  expect(notices()).toEqual([]);
});

test('a save the browser refuses says that the run could not be saved and why; a later save that works takes the notice away', async () => {
  const storage = new MemoryStorage();
  let full = true;
  const setItem = storage.setItem.bind(storage);
  storage.setItem = (key, value) => {
    if (full) throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value of 'django-session-playground:run' exceeded the quota.", 'QuotaExceededError');
    setItem(key, value);
  };
  const stop = persistRun(storage, () => true, page);
  await usePlayground.getState().addStep({ advance_seconds: 60 });
  expect(notices()).toEqual([
    "Your run could not be saved: the browser's storage for this site is full (QuotaExceededError). It keeps working on this page, but a reload will show the run as it was last saved.",
  ]);
  full = false;
  await usePlayground.getState().addStep({ advance_seconds: 60 });
  stop();
  expect(notices()).toEqual([]);
  expect(decodeSaved(storage.getItem(STORAGE_KEY)!)).toMatchObject({ ok: true, saved: { cursor: 2 } });
});

test('a run the storage has no room for is not written again while only the selected step moves; a changed run is tried again', async () => {
  vi.useFakeTimers();
  const storage = new MemoryStorage();
  const tries: string[] = [];
  storage.setItem = (key) => {
    tries.push(key);
    throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value of 'django-session-playground:run' exceeded the quota.", 'QuotaExceededError');
  };
  const stop = persistRun(storage, () => true, page);
  try {
    await usePlayground.getState().addStep({ advance_seconds: 60 });
    await usePlayground.getState().addStep({ advance_seconds: 60 });
    expect(tries).toHaveLength(2);
    for (const cursor of [1, 0, 2, 1]) {
      await usePlayground.getState().goTo(cursor);
      vi.advanceTimersByTime(CURSOR_SAVE_DELAY_MS);
    }
    expect(tries).toHaveLength(2);
    expect(notices()).toEqual([expect.stringMatching(/^Your run could not be saved: the browser's storage for this site is full/)]);
    await usePlayground.getState().addStep({ advance_seconds: 60 });
    expect(tries).toHaveLength(3);
  } finally {
    stop();
    vi.useRealTimers();
  }
});

test('a getItem that throws does not stop the start: a new run, and the reason', async () => {
  const storage = new MemoryStorage();
  storage.getItem = () => {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  };
  await restoreRun(storage, '', NOW);
  expect(usePlayground.getState().definition).toEqual(EMPTY_RUN);
  expect(notices()).toEqual([expect.stringMatching(/^Your saved run could not be restored \(the browser blocks storage for this site \(SecurityError\)\)/)]);
});
