import { decodeShareHash, loadStored, saveStored, setAsideStored, shareHash } from './persist';
import { usePlayground } from './playground';

/**
 * Startup: a shared link wins over the saved run; a saved run that cannot be
 * loaded is set aside (never deleted) with a notice. Afterwards every change
 * is saved.
 */
export async function restoreRun(storage: Storage, hash: string, now: number, notify: (message: string) => void): Promise<void> {
  const store = usePlayground.getState();
  const shared = decodeShareHash(hash);
  let sharedProblem = shared && !shared.ok ? shared.reason : null;
  if (shared?.ok) {
    if (await store.load(shared.saved.run, { validated: true })) {
      await store.goTo(shared.saved.cursor);
      return;
    }
    sharedProblem = 'its run does not replay';
  }
  const stored = loadStored(storage);
  if (sharedProblem) {
    const instead = stored?.ok ? 'Your saved run is shown instead.' : 'A new run was started instead.';
    notify(`The shared link could not be opened: ${sharedProblem}. ${instead}`);
  }
  if (stored === null) return;
  if (stored.ok && (await store.load(stored.saved.run, { validated: true }))) {
    await store.goTo(stored.saved.cursor);
    return;
  }
  const key = setAsideStored(storage, now);
  const reason = stored.ok ? 'its run does not replay' : stored.reason;
  notify(`Your saved run could not be restored (${reason}). It was kept in localStorage as "${key}"; a new run was started.`);
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
  const save = () => {
    if (pending !== null) clearTimeout(pending);
    pending = null;
    if (!active()) return;
    const { definition, cursor } = usePlayground.getState();
    try {
      saveStored(storage, { run: definition, cursor });
    } catch {
      // Storage full or disabled: the run still works, it just will not survive a reload.
    }
  };
  const flush = () => pending !== null && save();
  target.addEventListener('pagehide', flush);
  target.addEventListener('visibilitychange', flush);
  const unsubscribe = usePlayground.subscribe((state, previous) => {
    if (!active()) return;
    if (state.definition !== previous.definition) save();
    else if (state.cursor !== previous.cursor && pending === null) pending = setTimeout(save, CURSOR_SAVE_DELAY_MS);
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
