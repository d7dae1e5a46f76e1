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
    if (await store.load(shared.saved.run)) {
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
  if (stored.ok && (await store.load(stored.saved.run))) {
    await store.goTo(stored.saved.cursor);
    return;
  }
  const key = setAsideStored(storage, now);
  const reason = stored.ok ? 'its run does not replay' : stored.reason;
  notify(`Your saved run could not be restored (${reason}). It was kept in localStorage as "${key}"; a new run was started.`);
}

/** Saves the run whenever it or the selected step changes, while `active()` (a lesson's run is not the learner's). */
export function persistRun(storage: Storage, active: () => boolean): () => void {
  return usePlayground.subscribe((state, previous) => {
    if (!active() || (state.definition === previous.definition && state.cursor === previous.cursor)) return;
    try {
      saveStored(storage, { run: state.definition, cursor: state.cursor });
    } catch {
      // Storage full or disabled: the run still works, it just will not survive a reload.
    }
  });
}

export function currentShareUrl(location: Location): string {
  const { definition, cursor } = usePlayground.getState();
  return `${location.origin}${location.pathname}${location.search}${shareHash({ run: definition, cursor })}`;
}
