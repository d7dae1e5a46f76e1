import { cookieHeaderPairs, setCookiePair } from '../sim/browser/cookieText';
import type { StepLog } from './frames';
import { stepKindOf } from '../sim/scenario/steps';

/**
 * Identity chips: every session key (or signed session value) that appears in
 * the run gets a short label and a colour, in order of first appearance, so
 * the same session wears the same chip in the jar, on the wire and in the store.
 */
export interface Identity {
  label: string;
  /** An index into the chip palette. */
  hue: number;
}

export const PALETTE_SIZE = 8;
const KEY = /^[a-z0-9]{32}$/;

// Every panel asks for the same run's identities: computed once per logs
// array, and a run that only grew (a new step) extends the last answer.
let last: { logs: readonly StepLog[]; cookieName: string; identities: Map<string, Identity> } | null = null;

/**
 * The identities of every session value on the wire (a request's Cookie, a
 * response's Set-Cookie) and in a cookie set by hand: a session key reaches
 * the store only with a response that sets it, so this names the store's too.
 */
export function sessionIdentities(logs: readonly StepLog[], cookieName: string): Map<string, Identity> {
  if (last?.logs === logs && last.cookieName === cookieName) return last.identities;
  const extends_ = last !== null && last.cookieName === cookieName && last.logs.length <= logs.length &&
    (last.logs.length === 0 || last.logs[last.logs.length - 1] === logs[last.logs.length - 1]);
  const identities = extends_ ? new Map(last!.identities) : new Map<string, Identity>();
  const counts = { k: 0, s: 0 };
  for (const identity of identities.values()) counts[identity.label[0] as 'k' | 's'] += 1;
  const see = (value: string | null | undefined) => {
    if (!value || identities.has(value)) return;
    const signed = value.includes(':');
    if (!KEY.test(value) && !signed) return;
    const kind = signed ? 's' : 'k';
    counts[kind] += 1;
    identities.set(value, { label: `${kind}${counts[kind]}`, hue: identities.size % PALETTE_SIZE });
  };
  for (const log of logs.slice(extends_ ? last!.logs.length : 0)) {
    for (const pair of cookieHeaderPairs(log.cookie)) if (pair.name === cookieName) see(pair.value);
    for (const line of log.setCookie) {
      const { name, value } = setCookiePair(line);
      if (name === cookieName) see(value);
    }
    for (const cookie of stepKindOf(log.step).cookiesWritten(log.step)) if (cookie.name === cookieName) see(cookie.value);
  }
  last = { logs, cookieName, identities };
  return identities;
}
