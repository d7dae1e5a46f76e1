/**
 * The SameSite matrix: which kinds of request carry the session cookie under
 * each SameSite setting. No cell is written by hand: each one is a small
 * scenario run through the real engine and the real cookie jar (Django sets
 * the cookie, the clock moves, the request goes), and the cell reads what the
 * browser did. The scenario is kept, so any cell can be replayed in the
 * playground.
 */
import { NOT_SENT_TEXT, REJECT_TEXT, type NotSentReason, type SetCookieRejectReason } from './browser';
import type { Settings } from './django/settings';
import { placeOf, siteOf } from './browser/site';
import { runScenario } from './scenario/run';
import type { RequestSpec, Scenario } from './scenario/schema';
import { directTransport, type Exchange } from './world';

export type MatrixRowId = 'same-site' | 'cross-site-link' | 'cross-site-form-post' | 'cross-site-fetch' | 'cross-site-subresource';
export type MatrixColumnId = 'strict' | 'lax' | 'unset-young' | 'unset-old' | 'none-secure' | 'none-insecure';

export interface MatrixRow {
  id: MatrixRowId;
  label: string;
  /** The request as the scenario format writes it. */
  request: RequestSpec;
}

export interface MatrixColumn {
  id: MatrixColumnId;
  label: string;
  /** The Django settings that make this cookie. */
  settings: Record<string, unknown>;
  /** Seconds between setting the cookie and the request. */
  age: number;
}

export interface MatrixCell {
  row: MatrixRowId;
  column: MatrixColumnId;
  sent: boolean;
  /** Why (sent or not), in one sentence. */
  reason: string;
  /** The browser's code when the cookie was not stored or not sent. */
  code: NotSentReason | SetCookieRejectReason | null;
  /** Runs in the playground: Django sets the cookie, then this request goes. */
  scenario: Scenario;
}

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

export const MATRIX_ROWS: MatrixRow[] = [
  { id: 'same-site', label: 'Same-site (a link, form or script on shop.example)', request: { method: 'POST', url: `${SHOP}/cart/add/`, form: { item: 'book' } } },
  { id: 'cross-site-link', label: 'Cross-site link (GET navigation from evil.example)', request: { method: 'GET', url: `${SHOP}/visits/`, initiator: EVIL } },
  { id: 'cross-site-form-post', label: 'Cross-site form POST (top-level, from evil.example)', request: { method: 'POST', url: `${SHOP}/cart/add/`, form: { item: 'gift card' }, initiator: EVIL } },
  { id: 'cross-site-fetch', label: "Cross-site fetch() with credentials: 'include'", request: { method: 'GET', url: `${SHOP}/visits/`, initiator: EVIL, kind: 'fetch', credentials: 'include' } },
  // An <img> or a no-cors fetch sends credentials like fetch(…, {credentials: 'include'}): the same request to the cookie jar.
  { id: 'cross-site-subresource', label: 'Cross-site subresource (an <img> on evil.example)', request: { method: 'GET', url: `${SHOP}/visits/`, initiator: EVIL, kind: 'fetch' } },
];

/** Chrome's window, inclusive, in which a cookie without SameSite still goes with a cross-site top-level POST. */
const LAX_ALLOW_UNSAFE_MS = 120_000;

/** Older than Chrome's 2-minute window for cookies without SameSite. */
const OLD = 180;

export const MATRIX_COLUMNS: MatrixColumn[] = [
  { id: 'strict', label: 'Strict', settings: { SESSION_COOKIE_SAMESITE: 'Strict' }, age: OLD },
  { id: 'lax', label: 'Lax (Django’s default)', settings: {}, age: OLD },
  { id: 'unset-young', label: 'No SameSite, set under 2 minutes ago', settings: { SESSION_COOKIE_SAMESITE: false }, age: 60 },
  { id: 'unset-old', label: 'No SameSite, set over 2 minutes ago', settings: { SESSION_COOKIE_SAMESITE: false }, age: OLD },
  { id: 'none-secure', label: 'None; Secure', settings: { SESSION_COOKIE_SAMESITE: 'None', SESSION_COOKIE_SECURE: true }, age: OLD },
  { id: 'none-insecure', label: 'None without Secure', settings: { SESSION_COOKIE_SAMESITE: 'None' }, age: OLD },
];

function scenarioFor(row: MatrixRow, column: MatrixColumn): Scenario {
  return {
    name: `SameSite matrix: ${column.label} × ${row.label}`,
    start: '2026-01-01T00:00:00Z',
    settings: column.settings,
    steps: [
      // The site's own page starts a session: Django sends its Set-Cookie.
      { request: { method: 'GET', url: `${SHOP}/visits/` } },
      { advance_seconds: column.age },
      { request: row.request },
    ],
  };
}

/** Why a cookie that went, went: the rule of the jar that let it through, for the context it saw. */
function sentReason(row: MatrixRowId, column: MatrixColumnId): string {
  if (row === 'same-site') return 'A same-site request carries every cookie of the site, whatever its SameSite.';
  if (column === 'none-secure') return 'SameSite=None (with Secure, over https) goes with every request, cross-site included.';
  if (column === 'unset-young' && row === 'cross-site-form-post') {
    return 'No SameSite: Chrome treats it as Lax, but for 2 minutes after it is set it also lets a cross-site top-level POST carry it ("Lax-allowing-unsafe").';
  }
  return 'A cross-site top-level navigation with a safe method (GET) carries a Lax cookie (and one without SameSite, treated as Lax).';
}

let computed: Promise<MatrixCell[]> | null = null;

/** Every cell of the matrix, row by row; computed once (the cells never change). */
export function sameSiteMatrix(): Promise<MatrixCell[]> {
  computed ??= computeMatrix();
  return computed;
}

async function computeMatrix(): Promise<MatrixCell[]> {
  const cells: MatrixCell[] = [];
  for (const row of MATRIX_ROWS) {
    for (const column of MATRIX_COLUMNS) {
      const scenario = scenarioFor(row, column);
      const { records } = await runScenario(scenario, directTransport);
      const setting = records[0].effects.exchange!;
      const request = records[2].effects.exchange!;
      const cookieName = 'sessionid';
      const refused = setting.stored.find((o) => o.result === 'rejected' && o.line.startsWith(`${cookieName}=`));
      const sent = request.sent.sent.some((c) => c.name === cookieName);
      const held = request.sent.notSent.find((n) => n.cookie.name === cookieName);
      let reason: string;
      let code: MatrixCell['code'] = null;
      if (refused?.reason) {
        code = refused.reason;
        reason = `Never stored: Chrome refuses the Set-Cookie itself (${refused.reason}). ${REJECT_TEXT[refused.reason]} So nothing is sent, even same-site.`;
      } else if (held) {
        code = held.reason;
        reason = NOT_SENT_TEXT[held.reason];
      } else if (sent) {
        reason = sentReason(row.id, column.id);
      } else {
        reason = 'The jar held no session cookie for this request.';
      }
      cells.push({ row: row.id, column: column.id, sent, reason, code, scenario });
    }
  }
  return cells;
}

/**
 * The cell an exchange of a run is an example of: its kind of request, and
 * the session cookie the jar held for it (or, when Chrome refused to store
 * it, the setting that made it). null when it is none of the matrix's cases
 * (no session cookie yet, plain http://, a fetch without credentials: 'include').
 */
export function matrixCellOf(exchange: Exchange, settings: Settings, now: number): { row: MatrixRowId; column: MatrixColumnId } | null {
  const { info } = exchange;
  const target = placeOf(info.url);
  if (!target.secure || exchange.sent.withheld) return null;
  const kind = info.kind ?? 'navigation';
  const sameSite = !info.initiator || siteOf(placeOf(info.initiator)) === siteOf(target);
  const row: MatrixRowId = sameSite
    ? 'same-site'
    : kind === 'fetch' ? 'cross-site-fetch' : ['GET', 'HEAD'].includes(info.method.toUpperCase()) ? 'cross-site-link' : 'cross-site-form-post';
  const name = settings.SESSION_COOKIE_NAME;
  const cookie = [...exchange.sent.sent, ...exchange.sent.notSent.map((n) => n.cookie)].find((c) => c.name === name);
  if (!cookie) {
    return settings.SESSION_COOKIE_SAMESITE === 'None' && !settings.SESSION_COOKIE_SECURE ? { row, column: 'none-insecure' } : null;
  }
  switch (cookie.sameSite) {
    case 'strict': return { row, column: 'strict' };
    case 'lax': return { row, column: 'lax' };
    case 'unspecified': return { row, column: now - cookie.creation <= LAX_ALLOW_UNSAFE_MS ? 'unset-young' : 'unset-old' };
    case 'none': return cookie.secure ? { row, column: 'none-secure' } : null;
  }
}
