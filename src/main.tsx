import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { showNotice } from './state/notices';
import { siteStorage } from './state/storage';
import './ui/app.css';
// index.html paints the lessons index before any script runs: its styles come with the first stylesheet.
import './ui/lessons/lessons.css';

// Before any other module reads it: where the browser blocks site storage, a stand-in in memory takes its place.
siteStorage();

const container = document.getElementById('root')!;
/** index.html's loading frame, hidden beside the prerendered lessons index until a route other than the index needs it. */
let loadingFrame = document.getElementById('loading-frame');

/** Puts the loading frame in place of the prerendered index (once; from then on React renders, not hydrates). */
function showLoadingFrame(): void {
  if (!loadingFrame) return;
  container.replaceChildren(...loadingFrame.children);
  loadingFrame.remove();
  loadingFrame = null;
  document.documentElement.classList.remove('shows-loading-frame');
}

// The lessons index needs no simulation; every other page does. It starts (transport, the saved or
// shared run, persistence) with the first page that needs it, fetched alongside the app, not after it.
// index.html's inline script makes the same test.
const isLessonsIndex = (hash: string) => ['', '#', '#/'].includes(hash);
const startSimulation = () =>
  void import('./state/startup')
    .then((m) => m.startSimulation())
    .catch((error: Error) => showNotice('startup', `The simulated browser and Django server could not start (${error.message}). Reload the page to try again.`));
if (!isLessonsIndex(window.location.hash)) {
  // Also when a link of the prerendered index was followed before this script ran.
  showLoadingFrame();
  void import('./ui/Workbench');
  startSimulation();
} else {
  window.addEventListener('hashchange', function startOnce() {
    if (isLessonsIndex(window.location.hash)) return;
    window.removeEventListener('hashchange', startOnce);
    showLoadingFrame();
    startSimulation();
  });
}

// Everything but React loads right after index.html is painted. React renders once the app and
// what its route shows are at hand: one commit, no fallback in between.
import('./ui/App')
  .then(async ({ App, preloadRoute }) => {
    await preloadRoute();
    const app = (
      <StrictMode>
        <App />
      </StrictMode>
    );
    if (loadingFrame) {
      // The page still shows the prerendered index: React takes over its DOM as it is (focus, scroll and
      // selection stay). It hydrates with the stores' initial state, as the build rendered, then shows
      // the learner's saved progress (see src/ui/prerender.tsx).
      loadingFrame.remove();
      loadingFrame = null;
      hydrateRoot(container, app);
    } else {
      createRoot(container).render(app);
    }
  })
  .catch((error: Error) => {
    showLoadingFrame();
    const status = document.querySelector('.shell-loading');
    if (status) status.textContent = `The playground could not load (${error.message}). Reload the page to try again.`;
  });
