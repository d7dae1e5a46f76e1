import type { SameSite, StoredCookie } from '../../sim/browser';
import type { World } from '../../sim/world';
import { formatDuration } from '../../sim/scenario/steps';

/** The identity of a jar row across frames: what Chrome treats as "the same cookie". */
export function cookieId(cookie: StoredCookie): string {
  return [cookie.name, cookie.domain, cookie.hostOnly ? 'host' : 'domain', cookie.path].join('\u0000');
}

/** A profile's live cookies; a profile the world has never seen has none (and is not created by looking). */
export function jarOf(world: World, profile: string): StoredCookie[] {
  return world.browser.has(profile) ? world.browser.profile(profile).list(world.now) : [];
}

/** Time left, as DevTools would say it, relative to the selected step's virtual clock. */
export function formatExpiry(expires: number | null, now: number): string {
  if (expires === null) return 'session';
  if (expires <= now) return 'expired';
  return formatDuration((expires - now) / 1000);
}

const encoder = new TextEncoder();

/** DevTools' Size column: bytes of name plus value. */
export function cookieSize(cookie: StoredCookie): number {
  return encoder.encode(cookie.name + cookie.value).length;
}

/** A Domain cookie is shown with a leading dot, as DevTools does; a host-only one without. */
export function displayDomain(cookie: StoredCookie): string {
  return cookie.hostOnly ? cookie.domain : `.${cookie.domain}`;
}

export const SAME_SITE_LABEL: Record<SameSite, string> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
  unspecified: 'unset',
};
