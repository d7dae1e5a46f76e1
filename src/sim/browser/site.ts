/**
 * Sites and same-site contexts, as Chrome computes them for cookies.
 */
import { getPublicSuffix } from 'tough-cookie';
import type { CredentialsWithheld } from './reasons';
import type { RequestInfo } from './types';
import { memoize } from '../memo';

export interface Place {
  scheme: string;
  host: string;
  path: string;
  /** Secure cookies go to (and come from) https only. */
  secure: boolean;
}

// A run sends the same few URLs again and again: each is parsed once.
const parsedPlace = memoize(1000, (url: string): Readonly<Place> => {
  if (!URL.canParse(url)) throw new Error(`not an absolute URL: "${url}"`);
  const parsed = new URL(url);
  return Object.freeze({
    scheme: parsed.protocol,
    host: parsed.hostname,
    path: parsed.pathname || '/',
    secure: parsed.protocol === 'https:',
  });
});

/** URL.canParse, once per URL. */
export const isAbsoluteUrl = memoize(1000, (url: string) => URL.canParse(url));

export function placeOf(url: string): Place {
  return parsedPlace(url);
}

/** The origin of an absolute URL (scheme, host and port). */
const originOf = memoize(1000, (url: string) => new URL(url).origin);

/**
 * The registrable domain ("eTLD+1"), or undefined for a public suffix, an IP
 * address or a single label. tough-cookie's "public suffix" is this; it treats
 * RFC 6761 names (example, test, …) as suffixes only when told to.
 */
export function registrableDomain(host: string): string | undefined {
  return getPublicSuffix(host, { allowSpecialUseDomain: true, ignoreError: true });
}

/** Chrome's "schemeful site": shop.example and evil.example differ, and so do http: and https:. */
export function siteOf(place: Place): string {
  return `${place.scheme}//${registrableDomain(place.host) ?? place.host}`;
}

/** Chrome's same-site contexts, weakest first. */
export type SameSiteContext = 'cross-site' | 'lax-unsafe' | 'lax' | 'strict';
const STRENGTH: Record<SameSiteContext, number> = { 'cross-site': 0, 'lax-unsafe': 1, lax: 2, strict: 3 };

export function atLeast(context: SameSiteContext, needed: SameSiteContext): boolean {
  return STRENGTH[context] >= STRENGTH[needed];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

function sameSiteInitiator(req: RequestInfo, target: Place): boolean {
  return !req.initiator || siteOf(placeOf(req.initiator)) === siteOf(target);
}

/** The context in which cookies are attached to a request. */
export function requestContext(req: RequestInfo, target: Place): SameSiteContext {
  if (sameSiteInitiator(req, target)) return 'strict';
  // A cross-site page's script gets nothing but SameSite=None cookies.
  if (req.kind === 'fetch') return 'cross-site';
  return SAFE_METHODS.has(req.method.toUpperCase()) ? 'lax' : 'lax-unsafe';
}

/** The context in which a response's Set-Cookie lines are stored. */
export function responseContext(req: RequestInfo, source: Place): SameSiteContext {
  if (sameSiteInitiator(req, source)) return 'strict';
  // A top-level navigation may set any cookie, even when another site started it.
  return req.kind === 'fetch' ? 'cross-site' : 'lax';
}

/** The origin of the page that started the request: its initiator, or the URL's own origin. */
function initiatorOrigin(req: RequestInfo): string {
  return req.initiator ?? originOf(req.url);
}

/**
 * Whether this request may carry and store cookies at all (Fetch: credentials
 * mode). A navigation always may; a fetch with 'same-origin' only from a page
 * of the URL's own origin (scheme, host and port: a same-site subdomain or
 * http:// for an https:// URL is another origin).
 */
export function credentialsWithheld(req: RequestInfo): CredentialsWithheld | null {
  if (req.kind !== 'fetch') return null;
  const mode = req.credentials ?? 'include';
  if (mode === 'omit') return 'CredentialsOmit';
  if (mode === 'same-origin' && initiatorOrigin(req) !== originOf(req.url)) return 'CredentialsSameOriginOnly';
  return null;
}

/**
 * Whether the initiating page's script may read the response (fetch only):
 * the demo site sends no CORS headers, so a cross-origin answer reaches a
 * no-cors fetch as an opaque response whose status, headers and body the
 * script cannot see.
 */
export function pageCanRead(req: RequestInfo): boolean {
  return initiatorOrigin(req) === originOf(req.url);
}

/**
 * What the initiating page's script gets of a fetch, in words (null for a
 * navigation, which no script reads). The request reached the server either
 * way: a cross-site request is dangerous for what it does, not for what the
 * script reads back.
 */
export function readabilityText(req: RequestInfo, profile: string, cookieSent: boolean): string | null {
  if (req.kind !== 'fetch') return null;
  const page = initiatorOrigin(req);
  const withCookies = cookieSent ? `with the cookies of profile ${profile}` : 'without cookies';
  if (pageCanRead(req)) return `The script on ${page} sent this ${withCookies} and can read the answer: it comes from the page's own origin.`;
  return `The script on ${page} sent this ${withCookies} but cannot read the answer: the site sends no CORS headers, so a cross-origin no-cors fetch gets an opaque response (no status, headers or body). The server still ran the view.`;
}
