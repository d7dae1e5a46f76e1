import { lazy, Suspense, useEffect } from 'react';
import { routeHash, useRoute } from '../state/route';
import { ChallengesIndex } from './challenges/ChallengesIndex';
import { LessonsIndex } from './lessons/LessonsIndex';
import { useUi } from './uiState';

// The simulation (Django's machinery, the cookie jar with its public-suffix
// list, zlib, MSW) loads only where it is used: not for the lessons index.
const Workbench = lazy(() => import('./Workbench'));

export function App() {
  const notice = useUi((s) => s.notice);
  const setNotice = useUi((s) => s.setNotice);
  const route = useRoute((s) => s.route);
  const sync = useRoute((s) => s.sync);

  useEffect(() => {
    const onHash = () => sync(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [sync]);

  return (
    <div className="app">
      <header className="app-header">
        <h1><a href={routeHash({ kind: 'index' })}>Django Session Playground</a></h1>
        <nav className="app-nav" aria-label="Sections">
          <a href={routeHash({ kind: 'index' })} aria-current={route.kind === 'index' ? 'page' : undefined}>Lessons</a>
          <a href={routeHash({ kind: 'challenges' })} aria-current={route.kind === 'challenges' || route.kind === 'challenge' ? 'page' : undefined}>Challenges</a>
          <a href={routeHash({ kind: 'interview' })} aria-current={route.kind === 'interview' ? 'page' : undefined}>Interview</a>
          <a href={routeHash({ kind: 'playground' })} aria-current={route.kind === 'playground' ? 'page' : undefined}>Playground</a>
        </nav>
      </header>
      {notice && (
        <div className="banner banner-notice" role="status">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}
      {route.kind === 'index' ? <LessonsIndex /> : route.kind === 'challenges' ? <ChallengesIndex /> : (
        <Suspense fallback={<p className="shell-loading" role="status">Loading the simulated browser and Django server…</p>}>
          <Workbench route={route} />
        </Suspense>
      )}
    </div>
  );
}
