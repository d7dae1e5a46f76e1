import { useEffect, useState } from 'react';
import { lessons } from 'virtual:lessons';
import { pageTransport, startWorker } from '../msw/start';
import { persistRun, restoreRun } from '../state/bootstrap';
import { directTransport } from '../sim/world';
import { EMPTY_RUN, hasTransport, provideTransport, usePlayground } from '../state/playground';
import { useRoute, type Route } from '../state/route';
import { BrowserPanel } from './browser/BrowserPanel';
import { ClockControls } from './ClockControls';
import { handleShortcut } from './commands';
import { ErrorBoundary } from './ErrorBoundary';
import { HelpOverlay } from './HelpOverlay';
import { LessonPlayer } from './lessons/LessonPlayer';
import { NetworkPanel } from './network/NetworkPanel';
import { ServerPanel } from './server/ServerPanel';
import { ShareButton } from './ShareButton';
import { stepProfile } from './stepText';
import { Timeline } from './Timeline';
import { useUi } from './uiState';

const notify = (message: string) => useUi.getState().setNotice(message);

let startup: Promise<void> | null = null;

/**
 * Once per page: the transport, then whatever the route needs. The free
 * playground shows the shared or saved run (and saves it as it changes); a
 * lesson loads its own steps and leaves the saved run alone. A page whose
 * transport was provided already (a component test) has been set up by its host.
 */
function start(): Promise<void> {
  if (hasTransport() && !startup) return Promise.resolve();
  startup ??= Promise.resolve().then(async () => {
    // Usable at once: until MSW has loaded (off the critical path), a Send goes
    // straight to the site, as replays do; then through MSW's handlers in the
    // page, and through its worker once that runs. All answer the same.
    provideTransport(directTransport);
    void pageTransport().then((transport) => {
      provideTransport(transport);
      return startWorker().then((worker) => worker && provideTransport(worker));
    });
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
  return startup;
}

/** The simulation at work: the timeline and the three panels, in the playground or beside a lesson. */
export default function Workbench({ route }: { route: Exclude<Route, { kind: 'index' }> }) {
  // Nothing can be clicked before the run is restored: an early step would be replaced by it.
  const [ready, setReady] = useState(false);
  const error = usePlayground((s) => s.error);
  const dismissError = usePlayground((s) => s.dismissError);
  const toggleHelp = useUi((s) => s.toggleHelp);

  useEffect(() => {
    let live = true;
    void start().then(() => live && setReady(true));
    window.addEventListener('keydown', handleShortcut);
    // The Browser panel shows the profile the selected step acted in.
    const unfollow = usePlayground.subscribe((state, previous) => {
      if (state.current === previous.current) return;
      const log = state.current.log;
      const profile = log ? stepProfile(log.step) : null;
      if (profile) useUi.getState().setProfile(profile);
    });
    return () => {
      live = false;
      window.removeEventListener('keydown', handleShortcut);
      unfollow();
    };
  }, []);

  if (!ready) {
    return (
      <>
        <p className="shell-loading" role="status">Starting the simulated browser and Django server…</p>
        <ReplayProgress />
      </>
    );
  }
  // A lesson link to no lesson shows only the player's message, not the panels of some other run.
  if (route.kind === 'lesson' && !lessons.some((l) => l.slug === route.slug)) return <LessonPlayer slug={route.slug} step={0} />;

  const panels = (
    <>
      <Timeline />
      <main className="panels">
        <ErrorBoundary what="the Browser panel"><BrowserPanel /></ErrorBoundary>
        <ErrorBoundary what="the Network panel"><NetworkPanel /></ErrorBoundary>
        <ErrorBoundary what="the Server panel"><ServerPanel /></ErrorBoundary>
      </main>
    </>
  );
  return (
    <>
      <div className="workbench-bar">
        <ClockControls />
        <div className="header-actions">
          {route.kind === 'playground' && <ShareButton />}
          <button type="button" onClick={toggleHelp} aria-keyshortcuts="?" aria-label="Keyboard shortcuts">?</button>
        </div>
      </div>
      <ReplayProgress />
      {error && (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={dismissError}>Dismiss</button>
        </div>
      )}
      {route.kind === 'playground' ? panels : (
        <div className="lesson-layout">
          <ErrorBoundary what="the lesson"><LessonPlayer slug={route.slug} step={route.step} /></ErrorBoundary>
          <div className="lesson-panels">{panels}</div>
        </div>
      )}
      <HelpOverlay />
    </>
  );
}

/** While a long run replays: how far it is, and a way to stop it there. */
function ReplayProgress() {
  const replaying = usePlayground((s) => s.replaying);
  const stopReplay = usePlayground((s) => s.stopReplay);
  if (!replaying) return null;
  return (
    <div className="banner banner-notice replay-progress">
      <label htmlFor="replay-progress">Replaying the run: step {replaying.done.toLocaleString('en-US')} of {replaying.total.toLocaleString('en-US')}</label>
      <progress id="replay-progress" max={replaying.total} value={replaying.done} />
      <button type="button" onClick={stopReplay}>Stop here</button>
    </div>
  );
}
