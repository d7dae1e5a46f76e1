/**
 * Every step kind of a scenario in one registry. Each kind is one module in
 * ./kinds: its schema, how it runs on the world, which browser profiles and
 * workers it names, how it reads in words and how it is exported. Nothing
 * else branches on step kinds by name: a new kind is one module listed here
 * (plus its tests).
 */
import type { z } from '../zod.ts';
import type { StepKindEntry } from './kinds/kind.ts';
import { request } from './kinds/request.ts';
import { advanceSeconds } from './kinds/advance-seconds.ts';
import { closeBrowser } from './kinds/close-browser.ts';
import { setCookieByHand } from './kinds/set-cookie-by-hand.ts';
import { copyCookie } from './kinds/copy-cookie.ts';
import { clearsessions } from './kinds/clearsessions.ts';
import { deploy, restartCache, restartServer } from './kinds/servers.ts';

export type { SummaryContext, SummaryPart } from './kinds/kind.ts';
export type { RequestSpec } from './kinds/request.ts';
export { settingsOverrides, workerName } from './kinds/fields.ts';
export { formatDuration } from './kinds/duration.ts';

// The order is the one error messages list the kinds in.
export const STEP_REGISTRY = {
  request,
  advance_seconds: advanceSeconds,
  close_browser: closeBrowser,
  set_cookie_by_hand: setCookieByHand,
  copy_cookie: copyCookie,
  clearsessions,
  deploy,
  restart_server: restartServer,
  restart_cache: restartCache,
};

export type StepKind = keyof typeof STEP_REGISTRY;
export type StepOf<K extends StepKind> = z.infer<(typeof STEP_REGISTRY)[K]['schema']>;
export type Step = { [K in StepKind]: StepOf<K> }[StepKind];

export const STEP_KINDS = Object.keys(STEP_REGISTRY) as StepKind[];

export function isStepKind(key: string): key is StepKind {
  return Object.hasOwn(STEP_REGISTRY, key);
}

/** The step's kind: the one key it has. */
export function kindOf(step: Step): StepKind {
  return Object.keys(step)[0] as StepKind;
}

/** The registry entry for `step`'s kind, its methods taking any step (each applies only to its own kind's). */
export function stepKindOf(step: Step): StepKindEntry<Step> {
  const kind = kindOf(step);
  if (!isStepKind(kind)) throw new Error(`unknown step: ${JSON.stringify(step)}`);
  return STEP_REGISTRY[kind] as unknown as StepKindEntry<Step>;
}
