import { create } from 'zustand';

/**
 * Hash routes, so a static host serves every deep link from one page:
 *   #/                         the lessons index (landing page)
 *   #/playground               the free playground (also #run=… share links)
 *   #/compare                  the playground's run in two worlds side by side (A/B)
 *   #/lessons/<slug>           a lesson, before its first step
 *   #/lessons/<slug>/<step>    a lesson at a step (any past its end opens its last)
 *   #/challenges               the challenges index
 *   #/challenges/<slug>        a challenge (the saved attempt, or its start)
 *   #/challenges/<slug>/<a>    a challenge with a shared attempt (see state/challenges.ts)
 *   #/interview                interview mode: a timed round of predictions
 */
export type Route =
  | { kind: 'index' }
  | { kind: 'playground' }
  | { kind: 'compare' }
  | { kind: 'lesson'; slug: string; step: number }
  | { kind: 'challenges' }
  | { kind: 'challenge'; slug: string; attempt: string | null }
  | { kind: 'interview' };

export function parseRoute(hash: string): Route {
  if (hash.startsWith('#run=') || hash === '#/playground') return { kind: 'playground' };
  if (hash === '#/compare') return { kind: 'compare' };
  const lesson = /^#\/lessons\/([a-z0-9-]+)(?:\/(\d+))?\/?$/.exec(hash);
  if (lesson) return { kind: 'lesson', slug: lesson[1], step: lesson[2] ? Number(lesson[2]) : 0 };
  if (/^#\/challenges\/?$/.test(hash)) return { kind: 'challenges' };
  if (/^#\/interview\/?$/.test(hash)) return { kind: 'interview' };
  const challenge = /^#\/challenges\/([a-z0-9-]+)(?:\/([A-Za-z0-9_-]+))?\/?$/.exec(hash);
  if (challenge) return { kind: 'challenge', slug: challenge[1], attempt: challenge[2] ?? null };
  return { kind: 'index' };
}

export function routeHash(route: Route): string {
  if (route.kind === 'playground') return '#/playground';
  if (route.kind === 'compare') return '#/compare';
  if (route.kind === 'lesson') return `#/lessons/${route.slug}${route.step ? `/${route.step}` : ''}`;
  if (route.kind === 'challenges') return '#/challenges';
  if (route.kind === 'interview') return '#/interview';
  if (route.kind === 'challenge') return `#/challenges/${route.slug}${route.attempt ? `/${route.attempt}` : ''}`;
  return '#/';
}

interface RouteState {
  route: Route;
  /** Follow a link inside the app (adds a history entry). */
  navigate(route: Route): void;
  /** Record where the learner is without a history entry (e.g. the lesson's step). */
  replace(route: Route): void;
  /** Called on hashchange. */
  sync(hash: string): void;
}

export const useRoute = create<RouteState>()((set) => ({
  route: parseRoute(typeof location === 'undefined' ? '' : location.hash),
  navigate: (route) => {
    set({ route });
    if (location.hash !== routeHash(route)) location.hash = routeHash(route);
  },
  replace: (route) => {
    set({ route });
    history.replaceState(null, '', routeHash(route));
  },
  sync: (hash) => set({ route: parseRoute(hash) }),
}));
