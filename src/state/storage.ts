import { showNotice, storageProblem } from './notices';

/**
 * The site's storage (localStorage), or a stand-in in memory where the
 * browser refuses it: Chrome throws a SecurityError on `localStorage` itself
 * when site data is blocked, and a getItem can throw too. The page then
 * works the same, and says once that nothing will be remembered.
 */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
}

export const STORAGE_NOTICE = 'storage';
/** Where a document that cannot be loaded is kept, so it is never lost. */
export const SET_ASIDE_PREFIX = 'django-session-playground:set-aside:';

export type OpenedStorage = { storage: Storage; remembered: true } | { storage: Storage; remembered: false; problem: string };

/** `getStorage()` if it answers a read, otherwise storage in memory and why. */
export function openStorage(getStorage: () => Storage | undefined): OpenedStorage {
  try {
    const storage = getStorage();
    if (!storage) return { storage: new MemoryStorage(), remembered: false, problem: 'this browser offers no localStorage' };
    storage.getItem('django-session-playground:run');
    return { storage, remembered: true };
  } catch (error) {
    return { storage: new MemoryStorage(), remembered: false, problem: storageProblem(error) };
  }
}

let opened: OpenedStorage | null = null;

/**
 * This page's storage, opened on first use (main.tsx opens it before any other
 * module runs); a refusal is announced once, and the stand-in takes
 * localStorage's place for the libraries that read it themselves: MSW's
 * cookie store reads localStorage as its module loads, and would fail it.
 */
export function siteStorage(): Storage {
  if (!opened) {
    opened = openStorage(() => globalThis.localStorage);
    if (!opened.remembered) {
      try {
        Object.defineProperty(globalThis, 'localStorage', { value: opened.storage, configurable: true });
      } catch {
        // A browser that will not let it be replaced: only this app's own reads are guarded then.
      }
      showNotice(STORAGE_NOTICE, `Nothing will be remembered after this page closes (your run, your lesson progress): ${opened.problem}. Everything else works.`);
    }
  }
  return opened.storage;
}
