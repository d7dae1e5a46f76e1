import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './ui/Shell';
import './ui/app.css';

// Everything but React and a static shell loads right after first paint.
const App = lazy(() => import('./ui/App').then((m) => ({ default: m.App })));
// A playground or lesson link needs the simulation too: fetch it alongside the app, not after it.
// (MSW's transport loads once the playground is up: nothing waits for it.)
if (!['', '#', '#/'].includes(window.location.hash)) void import('./ui/Workbench');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<Shell />}>
      <App />
    </Suspense>
  </StrictMode>,
);
