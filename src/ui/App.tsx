import { useEffect } from 'react';
import { usePlayground } from '../state/playground';
import { BrowserPanel } from './browser/BrowserPanel';
import { ClockControls } from './ClockControls';
import { handleShortcut } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { NetworkPanel } from './network/NetworkPanel';
import { ServerPanel } from './server/ServerPanel';
import { ShareButton } from './ShareButton';
import { Timeline } from './Timeline';
import { useUi } from './uiState';

export function App() {
  const error = usePlayground((s) => s.error);
  const dismissError = usePlayground((s) => s.dismissError);
  const busy = usePlayground((s) => s.busy);
  const notice = useUi((s) => s.notice);
  const setNotice = useUi((s) => s.setNotice);
  const toggleHelp = useUi((s) => s.toggleHelp);

  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);

  return (
    <div className="app" aria-busy={busy}>
      <header className="app-header">
        <h1>Django Session Playground</h1>
        <ClockControls />
        <div className="header-actions">
          <ShareButton />
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
      <Timeline />
      <main className="panels">
        <BrowserPanel />
        <NetworkPanel />
        <ServerPanel />
      </main>
      <HelpOverlay />
    </div>
  );
}
