/**
 * Reading cookie text as it travels: a Cookie header's pairs, a Set-Cookie
 * line's name, value and attributes, and the session key inside a stored
 * name. One home for the identity chips, the lesson checks, the pictures and
 * the wire view. (What Chrome accepts is parse.ts's business; this only reads
 * text the simulation itself produced.)
 */

export interface CookiePair {
  name: string;
  value: string;
}

/** `a=1; b=2` as its pairs; a pair without `=` is a value with an empty name, as Chrome reads it. */
export function cookieHeaderPairs(header: string | null): CookiePair[] {
  if (header === null || header === '') return [];
  return header.split(';').map((part) => {
    const pair = part.trim();
    const eq = pair.indexOf('=');
    return eq < 0 ? { name: '', value: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

export interface SetCookieParts extends CookiePair {
  /** The text after the name and value, with its leading ";" ('' when there is none). */
  rest: string;
  /** Attribute names lowercased; a flag (HttpOnly, Secure) has the value true. */
  attributes: Map<string, string | true>;
}

/** A Set-Cookie line's name and value only: what naming the sessions of 100,000 steps reads. */
export function setCookiePair(line: string): CookiePair {
  const semicolon = line.indexOf(';');
  const first = semicolon < 0 ? line : line.slice(0, semicolon);
  const eq = first.indexOf('=');
  return eq < 0 ? { name: '', value: first.trim() } : { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
}

/** A Set-Cookie line as its name, value and attributes. */
export function setCookieParts(line: string): SetCookieParts {
  const semicolon = line.indexOf(';');
  const rest = semicolon < 0 ? '' : line.slice(semicolon);
  const attributes = new Map<string, string | true>();
  for (const part of rest.split(';').slice(1)) {
    const at = part.indexOf('=');
    if (at < 0) attributes.set(part.trim().toLowerCase(), true);
    else attributes.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return { ...setCookiePair(line), rest, attributes };
}

/** The session key inside a stored name (`django.contrib.sessions.cache<key>`, `sessionid<key>`), given its prefix. */
export function keyInStoredName(name: string, prefix: string): string | null {
  return name.startsWith(prefix) ? name.slice(prefix.length) : null;
}
