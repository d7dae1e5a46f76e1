import { Suspense, useEffect } from 'react';
import { routeHash, useRoute } from '../state/route';
import { ChallengesIndex } from './challenges/ChallengesIndex';
import { LessonsIndex } from './lessons/LessonsIndex';
import { useNotices } from '../state/notices';
import { preloadable } from './preloadable';

// The simulation (Django's machinery, the cookie jar with its public-suffix
// list, zlib, MSW) loads only where it is used: not for the lessons index.
const workbench = preloadable(() => import('./Workbench').then((m) => m.default));
const comparePage = preloadable(() => import('./compare/ComparePage').then((m) => m.default));
const Workbench = workbench.Component;
const ComparePage = comparePage.Component;

/** Fetches what the page's route shows besides the app itself, so that the first render needs no fallback. */
export function preloadRoute(): Promise<unknown> {
  const route = useRoute.getState().route;
  if (route.kind === 'index' || route.kind === 'challenges') return Promise.resolve();
  return route.kind === 'compare' ? comparePage.preload() : workbench.preload();
}

export function App() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
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
          <a href={routeHash({ kind: 'compare' })} aria-current={route.kind === 'compare' ? 'page' : undefined}>Compare</a>
        </nav>
      </header>
      {notices.map((notice) => (
        <div key={notice.id} className="banner banner-notice" role="status">
          <span>{notice.message}</span>
          {notice.action && <button type="button" onClick={notice.action.run}>{notice.action.label}</button>}
          <button type="button" onClick={() => dismiss(notice.id)}>Dismiss</button>
        </div>
      ))}
      {route.kind === 'index' ? <LessonsIndex /> : route.kind === 'challenges' ? <ChallengesIndex /> : (
        <Suspense fallback={<p className="shell-loading" role="status">Loading the simulated browser and Django server…</p>}>
          {route.kind === 'compare' ? <ComparePage /> : <Workbench route={route} />}
        </Suspense>
      )}
    </div>
  );
}
