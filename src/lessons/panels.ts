import type { Check } from './schema';

/** The three panels a "which panels change?" question names, in screen order. */
export const PANELS = ['browser', 'network', 'server'] as const;
export type Panel = (typeof PANELS)[number];

/** Where a check's fact is on screen; null for `changes`, which is about all three. */
export function panelOf(check: Check): Panel | null {
  if ('jar' in check) return 'browser';
  if ('request' in check || 'status' in check || 'set_cookie' in check || 'vary' in check || 'json' in check) return 'network';
  if ('changes' in check) return null;
  // store, session, decision, event, and cookie_data (decoded in the Server panel's signed-cookie view).
  return 'server';
}

/** The check looks at the session's data itself, not just whether a session exists. */
export function readsSessionData(check: Check): boolean {
  return 'session' in check && (check.session.data !== undefined || check.session.includes !== undefined || check.session.lacks !== undefined);
}
