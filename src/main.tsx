import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { showNotice } from './state/notices';
import { siteStorage } from './state/storage';
import { Shell } from './ui/Shell';
import './ui/app.css';

// Before any other module reads it: where the browser blocks site storage, a stand-in in memory takes its place.
siteStorage();

// Everything but React and a static shell loads right after first paint.
const App = lazy(() => import('./ui/App').then((m) => ({ default: m.App })));

// The lessons index needs no simulation; every other page does. It starts (transport, the saved or
// shared run, persistence) with the first page that needs it, fetched alongside the app, not after it.
const needsSimulation = (hash: string) => !['', '#', '#/'].includes(hash);
const startSimulation = () =>
  void import('./state/startup')
    .then((m) => m.startSimulation())
    .catch((error: Error) => showNotice('startup', `The simulated browser and Django server could not start (${error.message}). Reload the page to try again.`));
if (needsSimulation(window.location.hash)) {
  void import('./ui/Workbench');
  startSimulation();
} else {
  window.addEventListener('hashchange', function startOnce() {
    if (!needsSimulation(window.location.hash)) return;
    window.removeEventListener('hashchange', startOnce);
    startSimulation();
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<Shell />}>
      <App />
    </Suspense>
  </StrictMode>,
);
