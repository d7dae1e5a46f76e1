import { useEffect } from 'react';
import { usePlayground } from '../state/playground';
import { routeHash, useRoute } from '../state/route';
import { BrowserPanel } from './browser/BrowserPanel';
import { ClockControls } from './ClockControls';
import { handleShortcut } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { LessonPlayer } from './lessons/LessonPlayer';
import { LessonsIndex } from './lessons/LessonsIndex';
import { NetworkPanel } from './network/NetworkPanel';
import { ServerPanel } from './server/ServerPanel';
import { ShareButton } from './ShareButton';
import { Timeline } from './Timeline';
import { useUi } from './uiState';

function Panels() {
  return (
    <>
      <Timeline />
      <main className="panels">
        <BrowserPanel />
        <NetworkPanel />
        <ServerPanel />
      </main>
    </>
  );
}

export function App() {
  const error = usePlayground((s) => s.error);
  const dismissError = usePlayground((s) => s.dismissError);
  const busy = usePlayground((s) => s.busy);
  const notice = useUi((s) => s.notice);
  const setNotice = useUi((s) => s.setNotice);
  const toggleHelp = useUi((s) => s.toggleHelp);
  const route = useRoute((s) => s.route);
  const sync = useRoute((s) => s.sync);

  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    const onHash = () => sync(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('keydown', handleShortcut);
      window.removeEventListener('hashchange', onHash);
    };
  }, [sync]);

  return (
    <div className="app" aria-busy={busy}>
      <header className="app-header">
        <h1><a href={routeHash({ kind: 'index' })}>Django Session Playground</a></h1>
        <nav className="app-nav" aria-label="Sections">
          <a href={routeHash({ kind: 'index' })} aria-current={route.kind === 'index' ? 'page' : undefined}>Lessons</a>
          <a href={routeHash({ kind: 'playground' })} aria-current={route.kind === 'playground' ? 'page' : undefined}>Playground</a>
        </nav>
        {route.kind !== 'index' && <ClockControls />}
        <div className="header-actions">
          {route.kind === 'playground' && <ShareButton />}
          <button type="button" onClick={toggleHelp} aria-keyshortcuts="?" aria-label="Keyboard shortcuts">?</button>
        </div>
      </header>
      {notice && (
        <div className="banner banner-notice" role="status">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={dismissError}>Dismiss</button>
        </div>
      )}
      {route.kind === 'index' && <LessonsIndex />}
      {route.kind === 'playground' && <Panels />}
      {route.kind === 'lesson' && (
        <div className="lesson-layout">
          <LessonPlayer slug={route.slug} step={route.step} />
          <div className="lesson-panels"><Panels /></div>
        </div>
      )}
      <HelpOverlay />
    </div>
  );
}
