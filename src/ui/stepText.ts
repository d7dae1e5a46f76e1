import type { Step } from '../sim/scenario/schema';
import type { StepLog } from '../state/playground';

/** One line naming a step, e.g. "GET /visits/ → 200 (laptop)". */
export function describeStep(log: StepLog): string {
  const step = log.step;
  if ('request' in step) {
    const { method, url, browser } = step.request;
    const path = new URL(url).pathname + new URL(url).search;
    const status = log.status !== null ? ` → ${log.status}` : '';
    const who = browser && browser !== 'default' ? ` (${browser})` : '';
    return `${method.toUpperCase()} ${path}${status}${who}${log.error ? ' ⚠' : ''}`;
  }
  if ('advance_seconds' in step) return `clock +${formatDuration(step.advance_seconds)}`;
  if ('close_browser' in step) return `restart browser (${step.close_browser})`;
  if ('set_cookie_by_hand' in step) return `edit cookie ${step.set_cookie_by_hand.name} (${step.set_cookie_by_hand.browser})`;
  if ('copy_cookie' in step) return `copy ${step.copy_cookie.name}: ${step.copy_cookie.from} → ${step.copy_cookie.to}`;
  return 'manage.py clearsessions';
}

/** The browser profile a step acts in, if it names one (a copy acts in its target). */
export function stepProfile(step: Step): string | null {
  if ('request' in step) return step.request.browser ?? 'default';
  if ('close_browser' in step) return step.close_browser;
  if ('set_cookie_by_hand' in step) return step.set_cookie_by_hand.browser;
  if ('copy_cookie' in step) return step.copy_cookie.to;
  return null;
}

export function formatDuration(seconds: number): string {
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  return parts.length ? parts.slice(0, 2).join(' ') : '0s';
}
