import { dismissNotice, showNotice, storageProblem } from './notices';
import { decodeSaved, decodeShareHash, loadStored, saveStored, SET_ASIDE_PREFIX, setAsideStored, shareHash, STORAGE_KEY, type SavedRun } from './persist';
import { usePlayground, type RunDefinition } from './playground';

export const RESTORE_NOTICE = 'restore';
export const SHARED_NOTICE = 'shared';
export const SAVE_NOTICE = 'save';

/**
 * Startup: a shared link wins over the saved run, and the saved run is kept
 * aside (it would be overwritten at the first change); a saved run that
 * cannot be loaded is set aside (never deleted) with a notice. Afterwards
 * every change is saved.
 */
export async function restoreRun(storage: Storage, hash: string, now: number): Promise<void> {
  const store = usePlayground.getState();
  const shared = await decodeShareHash(hash);
  let sharedProblem = shared && !shared.ok ? shared.reason : null;
  const stored = readStored(storage);
  if (shared?.ok) {
    if (await store.load(shared.saved.run, { validated: true })) {
      await store.goTo(shared.saved.cursor);
      keepOwnRunAside(storage, now);
      return;
    }
    sharedProblem = 'its run does not replay';
  }
  if (sharedProblem) {
    const instead = stored?.ok ? 'Your saved run is shown instead.' : 'A new run was started instead.';
    showNotice(RESTORE_NOTICE, `The shared link could not be opened: ${sharedProblem}. ${instead}`);
  }
  if (stored === null) return;
  if (stored.ok && (await store.load(stored.saved.run, { validated: true }))) {
    await store.goTo(stored.saved.cursor);
    return;
  }
  const reason = stored.ok ? 'its run does not replay' : stored.reason;
  try {
    const key = setAsideStored(storage, now);
    showNotice(RESTORE_NOTICE, `Your saved run could not be restored (${reason}). It was kept in localStorage as "${key}"; a new run was started.`);
  } catch (error) {
    showNotice(RESTORE_NOTICE, `Your saved run could not be restored (${reason}), nor kept aside (${storageProblem(error)}); a new run was started.`);
  }
}

function readStored(storage: Storage): ReturnType<typeof loadStored> {
  try {
    return loadStored(storage);
  } catch (error) {
    return { ok: false, reason: storageProblem(error) };
  }
}

/**
 * A shared run is saved over the learner's own at its first change: keep a
 * copy of theirs first (once per run, however often links are opened) and say where.
 */
function keepOwnRunAside(storage: Storage, now: number): void {
  try {
    const text = storage.getItem(STORAGE_KEY);
    if (text === null) return;
    const own = decodeSaved(text);
    const shown = usePlayground.getState();
    if (own.ok && JSON.stringify(own.saved.run) === JSON.stringify(shown.definition)) return;
    const key = existingCopy(storage, text) ?? SET_ASIDE_PREFIX + new Date(now).toISOString();
    storage.setItem(key, text);
    showNotice(
      SHARED_NOTICE,
      `You opened a shared run; from your first change on it is saved in place of your own run. Your own run was kept in localStorage as "${key}".`,
      own.ok ? { label: 'Open my own run instead', run: () => void openOwnRun(own.saved) } : undefined,
    );
  } catch (error) {
    showNotice(SHARED_NOTICE, `You opened a shared run. Your own saved run could not be kept aside (${storageProblem(error)}): your first change to this run replaces it.`);
  }
}

async function openOwnRun(saved: SavedRun): Promise<void> {
  dismissNotice(SHARED_NOTICE);
  // The link's run is no longer the one shown: the address says the playground, not the link.
  window.history.replaceState(null, '', '#/playground');
  const store = usePlayground.getState();
  if (await store.load(saved.run, { validated: true })) await store.goTo(saved.cursor);
}

function existingCopy(storage: Storage, text: string): string | null {
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(SET_ASIDE_PREFIX) && storage.getItem(key) === text) return key;
  }
  return null;
}

/** How long a change of the selected step alone waits to be saved: stepping through a long run writes once, not per key press. */
export const CURSOR_SAVE_DELAY_MS = 500;

/**
 * Saves the run whenever it or the selected step changes, while `active()`
 * (a lesson's run is not the learner's). A new step is saved at once; moving
 * through the steps is saved once it rests, and before the page goes away.
 */
export function persistRun(storage: Storage, active: () => boolean, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  // A run the storage had no room for: moving through it saves nothing more (each try would write
  // megabytes in vain); a changed run is tried again.
  let noRoomFor: RunDefinition | null = null;
  const save = () => {
    if (pending !== null) clearTimeout(pending);
    pending = null;
    if (!active()) return;
    const { definition, cursor } = usePlayground.getState();
    if (definition === noRoomFor) return;
    try {
      saveStored(storage, { run: definition, cursor });
      dismissNotice(SAVE_NOTICE);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') noRoomFor = definition;
      showNotice(SAVE_NOTICE, `Your run could not be saved: ${storageProblem(error)}. It keeps working on this page, but a reload will show the run as it was last saved.`);
    }
  };
  const flush = () => pending !== null && save();
  target.addEventListener('pagehide', flush);
  target.addEventListener('visibilitychange', flush);
  const unsubscribe = usePlayground.subscribe((state, previous) => {
    if (!active()) return;
    if (state.definition !== previous.definition) save();
    else if (state.cursor !== previous.cursor) {
      // Each move starts the wait again: holding a key down writes nothing until it is let go
      // (a 10,000-step run's save takes a frame or two).
      if (pending !== null) clearTimeout(pending);
      pending = setTimeout(save, CURSOR_SAVE_DELAY_MS);
    }
  });
  return () => {
    flush();
    unsubscribe();
    target.removeEventListener('pagehide', flush);
    target.removeEventListener('visibilitychange', flush);
  };
}

export function currentShareUrl(location: Location): string {
  const { definition, cursor } = usePlayground.getState();
  return `${location.origin}${location.pathname}${location.search}${shareHash({ run: definition, cursor })}`;
}
