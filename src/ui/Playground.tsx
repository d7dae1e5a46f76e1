import { useEffect } from 'react';
import { startTransport } from '../msw/start';
import { persistRun, restoreRun } from '../state/bootstrap';
import { provideTransport, usePlayground, EMPTY_RUN } from '../state/playground';
import { useRoute } from '../state/route';
import { App } from './App';
import { useUi } from './uiState';

let started = false;

const notify = (message: string) => useUi.getState().setNotice(message);

/**
 * Starts the transport, then follows the route: the free playground shows the
 * shared or saved run (and saves it as it changes); a lesson loads its own
 * steps and leaves the saved run alone. Once per page.
 */
function start(): void {
  if (started) return;
  started = true;
  void startTransport().then(async ({ transport }) => {
    provideTransport(transport);
    let onPlayground = false;
    const follow = async () => {
      const kind = useRoute.getState().route.kind;
      if (kind === 'playground' && !onPlayground) {
        onPlayground = true;
        await usePlayground.getState().load(EMPTY_RUN);
        await restoreRun(window.localStorage, window.location.hash, Date.now(), notify);
      } else if (kind !== 'playground') {
        onPlayground = false;
      }
    };
    await follow();
    useRoute.subscribe(() => void follow());
    persistRun(window.localStorage, () => useRoute.getState().route.kind === 'playground');
  });
}

/** The lazily loaded app: the playground, the lessons and everything they simulate. */
export default function Playground() {
  useEffect(start, []);
  return <App />;
}
