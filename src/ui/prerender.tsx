import { renderToString } from 'react-dom/server';
import { App } from './App';

/**
 * The app at its root route, the lessons index, as index.html carries it
 * (src/prerender/vite-plugin.ts renders it in Node at build time). On the
 * server React reads each store through its server snapshot, which zustand
 * makes the store's initial state: no progress, no notices. Hydrating reads
 * the same snapshots first, so src/main.tsx finds this very markup, and the
 * learner's saved progress shows in the render right after.
 */
export function renderLessonsIndexPage(): string {
  return renderToString(<App />);
}
