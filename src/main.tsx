import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './ui/Shell';
import './ui/app.css';

// The simulation (Django's machinery, the cookie jar with its public-suffix
// list, zod, zlib, MSW) is loaded right after first paint, off the critical path.
const Playground = lazy(() => import('./ui/Playground'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<Shell />}>
      <Playground />
    </Suspense>
  </StrictMode>,
);
