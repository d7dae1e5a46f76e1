/**
 * What running a scenario records, one entry per step (the contract's
 * section 3). The golden transcripts recorded from real Django have exactly
 * this shape, so the engine's output can be compared with them field by field.
 */
import type { TranscriptCookie } from '../browser/types';
import type { Step } from './schema';

export interface Transcript {
  name: string;
  steps: TranscriptEntry[];
}

export interface TranscriptEntry {
  /** The scenario's step, as written. */
  step: Step;
  /** The virtual time after the step (for a request, the time it was sent), e.g. `2026-01-01T00:00:00Z`. */
  clock: string;
  /** null for a step that sends no request. */
  request: TranscriptRequest | null;
  response: TranscriptResponse | null;
  /** One key per profile that exists so far, in name order. */
  jars: Record<string, TranscriptCookie[]>;
  /** Only the places the engine uses; `{}` for signed_cookies. */
  store: TranscriptStore;
  /** Present only when the playground refused the step (bad input); real Django never records this. */
  error?: string;
}

export interface TranscriptRequest {
  browser: string;
  /** Only when the scenario has `servers`: the worker that served the request. */
  worker?: string;
  method: string;
  url: string;
  /** The exact `Cookie` header, or null when none was sent. */
  cookie: string | null;
}

export interface TranscriptResponse {
  status: number;
  /** Every `Set-Cookie` header, exact text, in order. */
  set_cookie: string[];
  /** The `Vary` header split on commas, or `[]`. */
  vary: string[];
  /** The parsed body, or null when the body is not JSON. */
  json: unknown;
  /** fetch only: whether the initiating page's script may read the answer (same origin; the site sends no CORS headers). */
  page_can_read?: boolean;
}

/** A jar's cookie, as the browser snapshots it; jars list them sorted by name, then domain, then path. */
export type { TranscriptCookie } from '../browser/types';

/**
 * By place: `db`, then `cache` (or `cache@a`, `cache@b`, … with a cache per
 * named worker), then `files` (or `files@a`, …).
 */
export interface TranscriptStore {
  db?: DbRow[];
  cache?: CacheEntry[];
  files?: FileEntry[];
  [place: `cache@${string}`]: CacheEntry[];
  [place: `files@${string}`]: FileEntry[];
}

/** A row of `django_session`, its data decoded. */
export interface DbRow {
  session_key: string;
  expire_date: string;
  data: unknown;
}

/** A local-memory cache entry; `key` without the cache's version prefix. */
export interface CacheEntry {
  key: string;
  expires: string | null;
  data: unknown;
}

/** A session file, e.g. `sessionid<key>`; `data` is null for an empty file. */
export interface FileEntry {
  name: string;
  data: unknown;
}
