import type { CredentialsWithheld, NotSentReason, SetCookieRejectReason } from './reasons';

export type SameSite = 'strict' | 'lax' | 'none' | 'unspecified';

/** A top-level navigation (the address bar, a link, a form) or a script's fetch. */
export type RequestKind = 'navigation' | 'fetch';

/** fetch()'s `credentials` option (Fetch standard); navigations always include credentials. */
export type CredentialsMode = 'include' | 'same-origin' | 'omit';

export interface RequestInfo {
  url: string;
  method: string;
  /** The origin of the page that started the request, e.g. "https://evil.example"; absent: the url's own origin. */
  initiator?: string | null;
  /** Default: navigation. */
  kind?: RequestKind;
  /** fetch only; default: include. */
  credentials?: CredentialsMode;
}

export interface StoredCookie {
  name: string;
  value: string;
  /** Without a leading dot; `hostOnly` says whether subdomains get it too. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** ms since the epoch; null: a session cookie. */
  expires: number | null;
  /** ms since the epoch. */
  creation: number;
  /** Breaks ties between equal creation times, as Chrome keeps creation times unique. */
  seq: number;
}

/** Names one cookie; `hostOnly` is needed only when a host-only and a Domain cookie share name, domain and path. */
export interface CookieId {
  name: string;
  domain: string;
  path: string;
  hostOnly?: boolean;
}

export interface CookieSendReport {
  /** The Cookie header, or null when nothing goes. */
  header: string | null;
  sent: StoredCookie[];
  notSent: { cookie: StoredCookie; reason: NotSentReason }[];
  /** Why no cookie could go at all (fetch credentials), before any cookie's own rules; absent when they apply. */
  withheld?: CredentialsWithheld;
}

export type SetCookieOutcome = {
  /** The Set-Cookie line, or for a hand edit the cookie written out as one. */
  line: string;
  result: 'stored' | 'replaced' | 'deleted' | 'rejected';
  reason?: SetCookieRejectReason;
  /** rejected: what exactly was wrong, when the reason's sentence alone does not say (which character). */
  detail?: string;
  /** stored/replaced: the cookie now in the jar; deleted: the cookie removed (absent when there was none). */
  cookie?: StoredCookie;
};

/** A cookie as the golden transcripts list it. */
export interface TranscriptCookie {
  name: string;
  value: string;
  domain: string;
  host_only: boolean;
  path: string;
  secure: boolean;
  http_only: boolean;
  same_site: SameSite;
  /** e.g. "2026-01-15T00:00:00Z"; null for a session cookie. */
  expires: string | null;
}
