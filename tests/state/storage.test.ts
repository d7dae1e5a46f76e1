import { afterEach, expect, test, vi } from 'vitest';
import { MemoryStorage, openStorage } from '../../src/state/storage';

const blocked = () => {
  throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
};

test('storage that answers is used as it is', () => {
  const storage = new MemoryStorage();
  expect(openStorage(() => storage)).toEqual({ storage, remembered: true });
});

test.each([
  ['localStorage itself throws (Chrome with site data blocked)', blocked],
  ['getItem throws', () => Object.assign(new MemoryStorage(), { getItem: blocked })],
])('when %s, storage in memory stands in, and says why', (_, getStorage) => {
  const opened = openStorage(getStorage);
  expect(opened).toMatchObject({ remembered: false, problem: 'the browser blocks storage for this site (SecurityError)' });
  opened.storage.setItem('k', 'v');
  expect(opened.storage.getItem('k')).toBe('v');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

test('with site storage blocked, lesson progress still loads and works, and the page says nothing will be remembered', async () => {
  vi.resetModules();
  Object.defineProperty(globalThis, 'localStorage', { get: blocked, configurable: true });
  try {
    const { useProgress } = await import('../../src/state/progress');
    const { useNotices } = await import('../../src/state/notices');
    useProgress.getState().update('visit-counter', { step: 2 });
    expect(useProgress.getState().of('visit-counter').step).toBe(2);
    expect(useNotices.getState().notices.map((n) => n.message)).toEqual([
      'Nothing will be remembered after this page closes (your run, your lesson progress): the browser blocks storage for this site (SecurityError). Everything else works.',
    ]);
  } finally {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  }
});
