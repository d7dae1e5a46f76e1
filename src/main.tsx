import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { showNotice } from './state/notices';
import { siteStorage } from './state/storage';
import './ui/app.css';

// Before any other module reads it: where the browser blocks site storage, a stand-in in memory takes its place.
siteStorage();

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

// Everything but React loads right after index.html's static frame is painted. React renders
// once the app and what its route shows are at hand: one commit, no fallback in between.
const root = createRoot(document.getElementById('root')!);
import('./ui/App')
  .then(async ({ App, preloadRoute }) => {
    await preloadRoute();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .catch((error: Error) => {
    const status = document.querySelector('.shell-loading');
    if (status) status.textContent = `The playground could not load (${error.message}). Reload the page to try again.`;
  });
