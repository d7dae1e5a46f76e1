/**
 * Reading a Set-Cookie line as Chrome does. tough-cookie reads the attribute
 * values (cookie dates, Max-Age, Domain, Path, SameSite); around it sit the
 * rules where Chrome is stricter than RFC 6265 or than tough-cookie:
 *
 * - a control character anywhere (HTAB inside a name, value or attribute
 *   included) drops the whole line; only SP and HTAB are trimmed;
 * - the pair is split at its first "=" ("=a=b" is a nameless cookie with
 *   value "a=b"; tough-cookie's loose mode would read a cookie "a");
 * - name plus value over 4096 bytes drops the line;
 * - an attribute value over 1024 bytes is ignored, as if absent;
 * - the last attribute of each name wins even when its value is invalid
 *   (an invalid last Max-Age falls back to Expires; tough-cookie would keep
 *   an earlier valid one);
 * - "Domain=." is an invalid domain, not "no Domain".
 */
import { Cookie } from 'tough-cookie';
import { memoize } from '../memo';
import type { SetCookieRejectReason } from './reasons';
import type { SameSite } from './types';

const MAX_NAME_VALUE_BYTES = 4096;
const MAX_ATTRIBUTE_VALUE_BYTES = 1024;
const MAX_LIFETIME_MS = 400 * 86_400_000;
/** Max-Age <= 0: "the earliest representable time", i.e. already expired. */
const EARLIEST = -8.64e15;

export interface ParsedSetCookie {
  name: string;
  value: string;
  /** Lower case, without the leading dot; null: no Domain attribute (or an empty one). */
  domain: string | null;
  /** The Path attribute when it starts with "/"; null: use the default path. */
  path: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** ms, Max-Age already applied and the 400-day cap too; null: a session cookie. */
  expires: number | null;
}

export type ParseResult = { ok: true; cookie: ParsedSetCookie } | { ok: false; reason: SetCookieRejectReason; detail?: string };

const encoder = new TextEncoder();
/** Bytes in UTF-8; most cookie text is ASCII, where that is its length. */
const byteLength = (text: string): number => (/[\u0080-\uffff]/.test(text) ? encoder.encode(text).length : text.length);
const trimSpaces = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '');
// Chrome's HttpUtil::IsControlChar: 0x00-0x1F (HTAB included) and DEL.
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x1f || unit === 0x7f) return true;
  }
  return false;
}

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** Which character made Chrome refuse this text as DisallowedCharacter, in words. */
function controlDetail(where: string, text: string): string {
  const ch = [...text].find((c) => hasControl(c)) as string;
  return `${where} contains the control character ${codePoint(ch)}`;
}

/** What exactly is wrong with a name and value that nameValueProblem refuses as DisallowedCharacter. */
export function disallowedDetail(name: string, value: string): string {
  if (hasControl(name)) return controlDetail('the name', name);
  if (hasControl(value)) return controlDetail('the value', value);
  if (name.includes(';')) return "the name contains ';', which ends a cookie's name and value";
  if (value.includes(';')) return "the value contains ';', which ends a cookie's name and value";
  if (name.includes('=')) return "the name contains '=', which separates a cookie's name from its value";
  return `the ${trimSpaces(name) !== name ? 'name' : 'value'} begins or ends with a space or a tab`;
}

/** Chrome's checks of a cookie's name and value, for a parsed line and for a hand edit alike. */
export function nameValueProblem(name: string, value: string): SetCookieRejectReason | null {
  if (name === '' && value === '') return 'NoCookieContent';
  if (byteLength(name) + byteLength(value) > MAX_NAME_VALUE_BYTES) return 'NameValuePairExceedsMaxSize';
  if (
    hasControl(name + value) ||
    /[;=]/.test(name) ||
    value.includes(';') ||
    trimSpaces(name) !== name ||
    trimSpaces(value) !== value
  ) {
    return 'DisallowedCharacter';
  }
  return null;
}

/** Caps an expiry at 400 days from now, as Chrome does for every cookie it stores. */
export function capExpiry(expires: number | null, now: number): number | null {
  return expires === null ? null : Math.min(expires, now + MAX_LIFETIME_MS);
}

type AttributesRead =
  | { ok: true; read: NonNullable<ReturnType<typeof readAttributes>> }
  | { ok: false; reason: SetCookieRejectReason; detail?: string };

/** What tough-cookie reads of the attributes (rebuilt behind a stand-in pair). */
function readAttributes(rebuilt: string) {
  const read = Cookie.parse(rebuilt);
  if (!read) return null;
  const { domain, path, secure, httpOnly, sameSite, maxAge } = read;
  return { domain, path, secure, httpOnly, sameSite, maxAge, expires: read.expires instanceof Date ? read.expires.getTime() : null };
}

/**
 * The attributes of a line, from its text after the name=value pair (";
 * Path=/; …", or ""): a pure function of that text, which recurs (a
 * session's every response, while the clock stands still).
 */
const attributesOf = memoize(1000, (text: string): AttributesRead => {
  const attributes = new Map<string, string>();
  for (const av of text.split(';').slice(1)) {
    const sep = av.indexOf('=');
    const key = trimSpaces(sep < 0 ? av : av.slice(0, sep)).toLowerCase();
    const val = sep < 0 ? '' : trimSpaces(av.slice(sep + 1));
    if (hasControl(key + val)) return { ok: false, reason: 'DisallowedCharacter', detail: controlDetail(`the ${key} attribute`, key + val) };
    if (byteLength(val) > MAX_ATTRIBUTE_VALUE_BYTES) continue;
    attributes.set(key, val); // a later attribute of the same name wins
  }
  const read = readAttributes(['x=x', ...[...attributes].map(([key, val]) => `${key}=${val}`)].join('; '));
  if (!read) return { ok: false, reason: 'SyntaxError' };
  const domainGiven = (attributes.get('domain') ?? '') !== '';
  if (domainGiven && !read.domain) return { ok: false, reason: 'InvalidDomain' };
  return { ok: true, read };
});

export function parseSetCookie(line: string, now: number): ParseResult {
  // Chrome refuses a line that \r, \n or NUL would have cut short.
  if (/[\r\n\0]/.test(line)) return { ok: false, reason: 'DisallowedCharacter', detail: controlDetail('the line', line.replace(/[^\r\n\0]/g, '')) };
  const semicolon = line.indexOf(';');
  const pair = semicolon < 0 ? line : line.slice(0, semicolon);
  const eq = pair.indexOf('=');
  const name = eq < 0 ? '' : trimSpaces(pair.slice(0, eq));
  const value = trimSpaces(eq < 0 ? pair : pair.slice(eq + 1));
  const problem = nameValueProblem(name, value);
  if (problem) return problem === 'DisallowedCharacter' ? { ok: false, reason: problem, detail: disallowedDetail(name, value) } : { ok: false, reason: problem };

  const attributes = attributesOf(semicolon < 0 ? '' : line.slice(semicolon));
  if (!attributes.ok) return attributes.detail ? { ok: false, reason: attributes.reason, detail: attributes.detail } : { ok: false, reason: attributes.reason };
  const { read } = attributes;

  let expires: number | null = null;
  if (read.maxAge !== null) {
    // Max-Age beats Expires; zero or less means "expired already".
    const seconds = read.maxAge === 'Infinity' ? Infinity : read.maxAge === '-Infinity' ? -Infinity : read.maxAge;
    expires = seconds <= 0 ? EARLIEST : now + seconds * 1000;
  } else if (read.expires !== null) {
    expires = read.expires;
  }

  return {
    ok: true,
    cookie: {
      name,
      value,
      domain: read.domain ?? null,
      path: read.path ?? null,
      secure: read.secure,
      httpOnly: read.httpOnly,
      sameSite: read.sameSite === 'strict' || read.sameSite === 'lax' || read.sameSite === 'none' ? read.sameSite : 'unspecified',
      expires: capExpiry(expires, now),
    },
  };
}
