import { ValueError } from './errors';

/**
 * The HTTP pieces of Django the session machinery touches: parsing the
 * request's Cookie header (django.http.cookie.parse_cookie), writing a
 * Set-Cookie exactly as HttpResponse.set_cookie / delete_cookie and Python's
 * http.cookies do, http_date, and patch_vary_headers.
 */

export interface SimRequest {
  method: string;
  /** Absolute URL, e.g. https://shop.example/visits/?a=1 */
  url: string;
  /** The raw Cookie header, or null when the browser sent none. */
  cookie: string | null;
  /** Form fields (application/x-www-form-urlencoded), already decoded. */
  form: Record<string, string>;
}

export interface SimResponse {
  status: number;
  /** Header lines in order, as [name, value]; Set-Cookie may repeat. */
  headers: [string, string][];
  body: string;
}

export function headerValues(response: SimResponse, name: string): string[] {
  const wanted = name.toLowerCase();
  return response.headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/** What Django's default error views answer when no template exists (DEBUG = False): ERROR_PAGE_TEMPLATE. */
export function errorPage(status: 400 | 500): SimResponse {
  const title = status === 400 ? 'Bad Request (400)' : 'Server Error (500)';
  const body = `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p></p>\n</body>\n</html>\n`;
  return { status, headers: [['Content-Type', 'text/html; charset=utf-8']], body };
}

// ---- Cookie header parsing (django.http.cookie.parse_cookie) -------------------

/** Django's parse_cookie: split on ";", later duplicates win, values unquoted as Python does. */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    const key = (eq >= 0 ? chunk.slice(0, eq) : '').trim();
    const value = (eq >= 0 ? chunk.slice(eq + 1) : chunk).trim();
    if (key || value) cookies.set(key, unquoteCookieValue(value));
  }
  return cookies;
}

/** http.cookies._unquote: a value in double quotes loses them and its backslash escapes. */
function unquoteCookieValue(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\([0-3][0-7][0-7])|\\(.)/g, (_, octal: string | undefined, char: string | undefined) =>
      octal ? String.fromCharCode(parseInt(octal, 8)) : (char as string),
    );
}

// ---- Set-Cookie output (http.cookies.Morsel.OutputString) ---------------------

const LEGAL_CHARS = "A-Za-z0-9!#$%&'*+\\-.^_`|~:";
const LEGAL_VALUE = new RegExp(`^[${LEGAL_CHARS}]+$`);
const UNESCAPED = new RegExp(`[${LEGAL_CHARS} ()/<=>?@[\\]{}]`);

/** http.cookies._quote: values outside the legal set are quoted, with octal escapes. */
export function quoteCookieValue(value: string): string {
  if (LEGAL_VALUE.test(value)) return value;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 256 && !UNESCAPED.test(char)) out += '\\' + code.toString(8).padStart(3, '0');
    else out += char;
  }
  return out + '"';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * django.utils.http.http_date: RFC 7231 date of whole seconds (fractions are
 * dropped, as gmtime does). Python's datetime spans years 1 to 9999 only, so
 * a time outside raises ValueError where JavaScript would print year 10000.
 */
export function httpDate(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const year = d.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) throw new ValueError(Number.isNaN(year) ? 'year is out of range' : `year ${year} is out of range`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

export interface CookieOptions {
  maxAge?: number | null;
  /** An http_date string; when null and maxAge is given, Django derives it from maxAge. */
  expires?: string | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string | false | null;
}

/**
 * HttpResponse.set_cookie followed by Morsel.OutputString: attributes sorted
 * by their lowercase name (Domain, expires, HttpOnly, Max-Age, Path,
 * SameSite, Secure), empty ones left out.
 */
export function formatSetCookie(name: string, value: string, options: CookieOptions, now: number): string {
  let expires = options.expires ?? '';
  const maxAge = options.maxAge !== undefined && options.maxAge !== null ? Math.trunc(options.maxAge) : null;
  if (maxAge !== null && !expires) expires = httpDate(now + options.maxAge! * 1000);
  // The attributes in the order of their lowercase names: domain, expires, httponly, max-age, path, samesite, secure.
  const parts = [`${name}=${quoteCookieValue(value)}`];
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (expires) parts.push(`expires=${expires}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (maxAge !== null) parts.push(`Max-Age=${maxAge}`);
  if (options.path !== undefined && options.path !== null) parts.push(`Path=${options.path}`);
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** HttpResponse.delete_cookie: an empty value that expired at the epoch, Max-Age=0. */
export function formatDeleteCookie(
  name: string,
  options: { path: string; domain: string | null; sameSite: string | false },
  now: number,
): string {
  // Browsers ignore a prefixed or SameSite=None cookie without Secure, even to delete it.
  const secure = name.startsWith('__Secure-') || name.startsWith('__Host-') ||
    (options.sameSite !== false && options.sameSite.toLowerCase() === 'none');
  return formatSetCookie(name, '', {
    maxAge: 0,
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
    path: options.path,
    domain: options.domain,
    secure,
    sameSite: options.sameSite,
  }, now);
}

/**
 * django.utils.cache.patch_vary_headers: add names not already listed
 * (case-insensitively); a `*` anywhere makes the whole header `*`, since the
 * response then varies on everything.
 */
export function patchVary(response: SimResponse, names: string[]): void {
  const index = response.headers.findIndex(([n]) => n.toLowerCase() === 'vary');
  const existing = index >= 0 ? response.headers[index][1].split(',').map((s) => s.trim()).filter(Boolean) : [];
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  const merged = [...existing, ...names.filter((n) => !lower.has(n.toLowerCase()))];
  const value = merged.includes('*') ? '*' : merged.join(', ');
  if (index >= 0) response.headers[index] = ['Vary', value];
  else response.headers.push(['Vary', value]);
}
