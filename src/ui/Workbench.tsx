import { useEffect } from 'react';
import { lessons } from 'virtual:lessons';
import { selectReady, usePlayground } from '../state/playground';
import type { Route } from '../state/route';
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

/** The simulation at work: the timeline and the three panels, in the playground or beside a lesson. */
export default function Workbench({ route }: { route: Exclude<Route, { kind: 'index' }> }) {
  // Nothing can be clicked before the run is restored: an early step would be replaced by it.
  const ready = usePlayground(selectReady);
  const error = usePlayground((s) => s.error);
  const dismissError = usePlayground((s) => s.dismissError);
  const toggleHelp = useUi((s) => s.toggleHelp);

  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    // The Browser panel shows the profile the selected step acted in.
    const unfollow = usePlayground.subscribe((state, previous) => {
      if (state.cursor === previous.cursor && state.frames === previous.frames) return;
      const record = state.frames[state.cursor]?.record;
      const profile = record ? stepProfile(record.entry.step) : null;
      if (profile) useUi.getState().setProfile(profile);
    });
    return () => {
      window.removeEventListener('keydown', handleShortcut);
      unfollow();
    };
  }, []);

  if (!ready) return <p className="shell-loading" role="status">Starting the simulated browser and Django server…</p>;
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
