import { useEffect } from 'react';
import { lessons } from 'virtual:lessons';
import { selectReady, usePlayground } from '../state/playground';
import { routeHash, type Route } from '../state/route';
import { BrowserPanel } from './browser/BrowserPanel';
import { ClockControls } from './ClockControls';
import { handleShortcut } from './commands';
import { ErrorBoundary } from './ErrorBoundary';
import { ExportMenu } from './ExportMenu';
import { HelpOverlay } from './HelpOverlay';
import { ChallengeView } from './challenges/ChallengeView';
import { InterviewView } from './interview/InterviewView';
import { LessonPlayer } from './lessons/LessonPlayer';
import { NetworkPanel } from './network/NetworkPanel';
import { Pictures } from './pictures/Pictures';
import { ServerCommands } from './ServerCommands';
import { ServerPanel } from './server/ServerPanel';
import { ShareButton } from './ShareButton';
import { stepProfile } from './stepText';
import { Timeline } from './Timeline';
import { useUi } from './uiState';
import { formatCount } from '../sim/count';

/** The simulation at work: the timeline and the three panels, in the playground or beside a lesson or a challenge. */
export default function Workbench({ route }: { route: Extract<Route, { kind: 'playground' | 'lesson' | 'challenge' | 'interview' }> }) {
  // Nothing can be clicked before the run is restored: an early step would be replaced by it.
  const ready = usePlayground(selectReady);
  const error = usePlayground((s) => s.error);
  const dismissError = usePlayground((s) => s.dismissError);
  const toggleHelp = useUi((s) => s.toggleHelp);

  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    // The Browser panel shows the profile the selected step acted in.
    const unfollow = usePlayground.subscribe((state, previous) => {
      if (state.current === previous.current) return;
      const log = state.current.log;
      const profile = log ? stepProfile(log.step) : null;
      if (profile) useUi.getState().setProfile(profile);
    });
    return () => {
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
  if (route.kind === 'lesson' && !lessons.some((l) => l.slug === route.slug)) return <LessonPlayer slug={route.slug} step={0}>{null}</LessonPlayer>;

  const lesson = route.kind === 'lesson' ? lessons.find((l) => l.slug === route.slug) : undefined;
  const panels = (
    <>
      <Timeline />
      {lesson
        ? <Pictures key={lesson.slug} extra={lesson.pictures} />
        : <Pictures extra={['samesite-matrix', 'expiry-timeline']} />}
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
        <ServerCommands />
        <div className="header-actions">
          {route.kind === 'playground' && <a className="button-link" href={routeHash({ kind: 'compare' })}>Compare A/B</a>}
          {route.kind === 'playground' && <ExportMenu />}
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
        route.kind === 'lesson'
          ? <ErrorBoundary what="the lesson"><LessonPlayer slug={route.slug} step={route.step}>{panels}</LessonPlayer></ErrorBoundary>
          : (
            <div className="lesson-layout">
              {route.kind === 'challenge' && <ErrorBoundary what="the challenge"><ChallengeView slug={route.slug} attempt={route.attempt} /></ErrorBoundary>}
              {route.kind === 'interview' && <ErrorBoundary what="interview mode"><InterviewView /></ErrorBoundary>}
              <div className="lesson-panels">{panels}</div>
            </div>
          )
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
      <label htmlFor="replay-progress">Replaying the run: step {formatCount(replaying.done)} of {formatCount(replaying.total)}</label>
      <progress id="replay-progress" max={replaying.total} value={replaying.done} />
      <button type="button" onClick={stopReplay}>Stop here</button>
    </div>
  );
}
