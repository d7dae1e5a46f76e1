import { afterEach, expect, test, vi } from 'vitest';
import { directTransport } from '../../src/sim/world';
import { CURSOR_SAVE_DELAY_MS, persistRun } from '../../src/state/bootstrap';
import { loadStored } from '../../src/state/persist';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../src/state/playground';

provideTransport(directTransport);

/** localStorage's interface over a Map, counting writes. */
function memoryStorage(): Storage & { writes: number } {
  const items = new Map<string, string>();
  return {
    writes: 0,
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem(key, value) {
      this.writes += 1;
      items.set(key, value);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

test('a new step is saved at once; stepping through the run is saved once it rests, or when the page goes away', async () => {
  await usePlayground.getState().load(EMPTY_RUN);
  const storage = memoryStorage();
  const page = new EventTarget() as unknown as Window;
  const stop = persistRun(storage, () => true, page);
  const visit = { request: { method: 'GET', url: 'https://shop.example/visits/' } };
  await usePlayground.getState().addStep(visit);
  await usePlayground.getState().addStep(visit);
  expect(storage.writes).toBe(2);
  expect(loadStored(storage)).toMatchObject({ ok: true, saved: { cursor: 2 } });

  vi.useFakeTimers();
  await usePlayground.getState().goTo(1);
  await usePlayground.getState().goTo(0);
  await usePlayground.getState().goTo(1);
  expect(storage.writes).toBe(2);
  vi.advanceTimersByTime(CURSOR_SAVE_DELAY_MS);
  expect(storage.writes).toBe(3);
  expect(loadStored(storage)).toMatchObject({ ok: true, saved: { cursor: 1 } });

  await usePlayground.getState().goTo(0);
  page.dispatchEvent(new Event('pagehide'));
  expect(storage.writes).toBe(4);
  expect(loadStored(storage)).toMatchObject({ ok: true, saved: { cursor: 0 } });
  vi.advanceTimersByTime(CURSOR_SAVE_DELAY_MS);
  expect(storage.writes).toBe(4);
  stop();
});

test('a key held down (a move every 50 ms for two seconds) saves nothing until it is let go, then once', async () => {
  await usePlayground.getState().load(EMPTY_RUN);
  const storage = memoryStorage();
  const stop = persistRun(storage, () => true, new EventTarget() as unknown as Window);
  const visit = { request: { method: 'GET', url: 'https://shop.example/visits/' } };
  await usePlayground.getState().addStep(visit);
  await usePlayground.getState().addStep(visit);
  const saved = storage.writes;

  vi.useFakeTimers();
  for (let i = 0; i < 40; i++) {
    await usePlayground.getState().goTo(i % 2);
    vi.advanceTimersByTime(50);
  }
  expect(storage.writes).toBe(saved);
  vi.advanceTimersByTime(CURSOR_SAVE_DELAY_MS);
  expect(storage.writes).toBe(saved + 1);
  expect(loadStored(storage)).toMatchObject({ ok: true, saved: { cursor: 1 } });
  stop();
});
