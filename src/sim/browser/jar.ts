/**
 * One browser profile's cookie jar, after current Chrome (RFC 6265bis plus
 * Chrome's SameSite, Secure and prefix rules). Every decision comes back with
 * a reason code (see reasons.ts). Time is always the caller's virtual clock.
 */
import { defaultPath, domainMatch, formatDate, pathMatch } from 'tough-cookie';
import { formatIsoUtc } from '../clock';
import { capExpiry, disallowedDetail, nameValueProblem, parseSetCookie } from './parse';
import type { NotSentReason, SetCookieRejectReason } from './reasons';
import {
  atLeast,
  credentialsWithheld,
  placeOf,
  registrableDomain,
  requestContext,
  responseContext,
  type Place,
  type SameSiteContext,
} from './site';
import type {
  CookieId,
  CookieSendReport,
  RequestInfo,
  SetCookieOutcome,
  StoredCookie,
  TranscriptCookie,
} from './types';

/** A cookie about to be stored: the jar gives it its creation time. */
type Candidate = Omit<StoredCookie, 'creation' | 'seq'>;

/** The cookie as the jar keeps it: frozen, so that clones and reports can share it. */
function storedCookie(cookie: Candidate, creation: number, seq: number): StoredCookie {
  return Object.freeze({
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: cookie.hostOnly,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    expires: cookie.expires,
    creation,
    seq,
  });
}

/** Chrome's "Lax-allowing-unsafe" window for a cookie without SameSite, inclusive. */
const LAX_ALLOW_UNSAFE_MS = 120_000;

const EDITABLE = ['value', 'secure', 'httpOnly', 'sameSite', 'expires', 'path'] as const;
export type CookieChanges = Partial<Pick<StoredCookie, (typeof EDITABLE)[number]>>;

const alive = (expires: number | null, now: number): boolean => expires === null || now < expires;
const isLive = (cookie: StoredCookie, now: number): boolean => alive(cookie.expires, now);

const withoutTimes = ({ creation: _creation, seq: _seq, ...cookie }: StoredCookie): Candidate => cookie;

const sameKey = (a: Candidate, b: Candidate): boolean =>
  a.name === b.name && a.domain === b.domain && a.hostOnly === b.hostOnly && a.path === b.path;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The Cookie header's order: longer path first, then earlier creation. */
const headerOrder = (a: StoredCookie, b: StoredCookie): number =>
  b.path.length - a.path.length || a.creation - b.creation || a.seq - b.seq;

/** The listing order of the transcripts: name, then domain, then path. */
const listOrder = (a: StoredCookie, b: StoredCookie): number =>
  compareText(a.name, b.name) || compareText(a.domain, b.domain) || compareText(a.path, b.path);

// A nameless cookie goes out as its bare value.
const cookieLine = (cookies: StoredCookie[]): string =>
  cookies.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');

function domainMatches(cookie: Candidate, host: string): boolean {
  return cookie.hostOnly ? host === cookie.domain : domainMatch(host, cookie.domain) === true;
}

function notSentReason(cookie: StoredCookie, target: Place, context: SameSiteContext, now: number): NotSentReason | null {
  if (!domainMatches(cookie, target.host)) return 'DomainMismatch';
  if (!pathMatch(target.path, cookie.path)) return 'NotOnPath';
  if (cookie.secure && !target.secure) return 'SecureOnly';
  switch (cookie.sameSite) {
    case 'none':
      return null;
    case 'strict':
      return atLeast(context, 'strict') ? null : 'SameSiteStrict';
    case 'lax':
      return atLeast(context, 'lax') ? null : 'SameSiteLax';
    case 'unspecified': {
      const young = now - cookie.creation <= LAX_ALLOW_UNSAFE_MS;
      return atLeast(context, young ? 'lax-unsafe' : 'lax') ? null : 'SameSiteUnspecifiedTreatedAsLax';
    }
  }
}

/**
 * Chrome's cookie-name prefixes (matched without regard to case). `explicitPath`
 * is the Path attribute as written: __Host- wants "Path=/" spelled out.
 */
function prefixHolds(cookie: Candidate, explicitPath: string | null, sourceSecure: boolean): boolean {
  // A nameless cookie whose value looks like a prefixed name could pass for one.
  if (cookie.name === '') return !/^(__host-|__secure-)/i.test(cookie.value);
  const secure = cookie.secure && sourceSecure;
  const hostBound = cookie.hostOnly && explicitPath === '/';
  if (/^__secure-/i.test(cookie.name)) return secure;
  if (/^__http-/i.test(cookie.name)) return secure && cookie.httpOnly;
  if (/^__host-http-/i.test(cookie.name)) return secure && cookie.httpOnly && hostBound;
  if (/^__host-/i.test(cookie.name)) return secure && hostBound;
  return true;
}

function sameSiteRejection(cookie: Candidate): SetCookieRejectReason {
  if (cookie.sameSite === 'strict') return 'SameSiteStrict';
  return cookie.sameSite === 'lax' ? 'SameSiteLax' : 'SameSiteUnspecifiedTreatedAsLax';
}

/**
 * Where a cookie with a Domain attribute may live: the response's host or a
 * parent on the same registrable domain. A host without a registrable domain
 * (an IP address, a public suffix) may only name itself, which makes a
 * host-only cookie.
 */
function domainFor(host: string, domain: string): { domain: string; hostOnly: boolean } | null {
  const own = registrableDomain(host);
  if (own === undefined) return domain === host ? { domain: host, hostOnly: true } : null;
  if (registrableDomain(domain) !== own || !domainMatch(host, domain)) return null;
  return { domain, hostOnly: false };
}

/** A cookie written out as a Set-Cookie line, for hand edits and copies. */
function describe(cookie: Candidate): string {
  const parts = [cookie.name === '' ? cookie.value : `${cookie.name}=${cookie.value}`];
  if (!cookie.hostOnly) parts.push(`Domain=${cookie.domain}`);
  parts.push(`Path=${cookie.path}`);
  if (cookie.expires !== null) parts.push(`Expires=${formatDate(new Date(cookie.expires))}`);
  if (cookie.secure) parts.push('Secure');
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.sameSite !== 'unspecified') {
    parts.push(`SameSite=${cookie.sameSite[0].toUpperCase()}${cookie.sameSite.slice(1)}`);
  }
  return parts.join('; ');
}

/** A lone UTF-16 surrogate (no character) becomes U+FFFD, as converting to UTF-8 does. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function toTranscript(cookie: StoredCookie): TranscriptCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    host_only: cookie.hostOnly,
    path: cookie.path,
    secure: cookie.secure,
    http_only: cookie.httpOnly,
    same_site: cookie.sameSite,
    expires: cookie.expires === null ? null : formatIsoUtc(cookie.expires),
  };
}

/** The transcripts' list of `cookies` (a jar's, see CookieJar.cookies) at `now`: the live ones by name, then domain, then path. */
export function transcriptCookies(cookies: readonly StoredCookie[], now: number): TranscriptCookie[] {
  return cookies.filter((c) => isLive(c, now)).sort(listOrder).map(toTranscript);
}

export class CookieJar {
  /**
   * Insertion order; every cookie object is frozen, so clones and reports can
   * share them. A change replaces the array (the one it builds is filled
   * before anyone sees it), so the array cookies() hands out stays as it was.
   */
  #cookies: StoredCookie[] = [];
  #seq = 0;

  /** The Cookie header for a request, with the reason for every cookie left out. Purges expired cookies. */
  cookieHeader(req: RequestInfo, now: number): CookieSendReport {
    this.purge(now);
    const target = placeOf(req.url);
    const withheld = credentialsWithheld(req);
    if (withheld) return { header: null, sent: [], notSent: [], withheld };
    const context = requestContext(req, target);
    const sent: StoredCookie[] = [];
    const notSent: CookieSendReport['notSent'] = [];
    for (const cookie of this.#cookies) {
      const reason = notSentReason(cookie, target, context, now);
      if (reason) notSent.push({ cookie, reason });
      else sent.push(cookie);
    }
    sent.sort(headerOrder);
    return { header: sent.length > 0 ? cookieLine(sent) : null, sent, notSent };
  }

  /** Stores a response's Set-Cookie lines, in order; one outcome per line. */
  receive(req: RequestInfo, setCookieLines: string[], now: number): SetCookieOutcome[] {
    this.purge(now);
    const source = placeOf(req.url);
    const withheld = credentialsWithheld(req);
    if (withheld) return setCookieLines.map((line) => ({ line, result: 'rejected', reason: withheld }));
    const context = responseContext(req, source);
    return setCookieLines.map((line) => this.#receiveOne(line, source, context, now));
  }

  #receiveOne(line: string, source: Place, context: SameSiteContext, now: number): SetCookieOutcome {
    const parsed = parseSetCookie(line, now);
    if (!parsed.ok) return parsed.detail ? { line, result: 'rejected', reason: parsed.reason, detail: parsed.detail } : { line, result: 'rejected', reason: parsed.reason };
    const parsedCookie = parsed.cookie;
    const explicitPath = parsedCookie.path;
    const place = parsedCookie.domain === null
      ? { domain: source.host, hostOnly: true }
      : domainFor(source.host, parsedCookie.domain);
    if (!place) return { line, result: 'rejected', reason: 'InvalidDomain' };
    const cookie: Candidate = {
      name: parsedCookie.name,
      value: parsedCookie.value,
      domain: place.domain,
      hostOnly: place.hostOnly,
      path: explicitPath ?? defaultPath(source.path),
      secure: parsedCookie.secure,
      httpOnly: parsedCookie.httpOnly,
      sameSite: parsedCookie.sameSite,
      expires: parsedCookie.expires,
    };
    // Chrome's order: the cookie's own validity first, then whether this response may set it.
    const reason: SetCookieRejectReason | null = !prefixHolds(cookie, explicitPath, source.secure)
      ? 'InvalidPrefix'
      : cookie.secure && !source.secure
        ? 'SecureOnly'
        : cookie.sameSite === 'none' && !cookie.secure
          ? 'SameSiteNoneInsecure'
          : cookie.sameSite !== 'none' && !atLeast(context, 'lax')
            ? sameSiteRejection(cookie)
            : null;
    if (reason) return { line, result: 'rejected', reason };
    return this.#put(line, cookie, now, source.secure);
  }

  /** Replaces the equivalent cookie (same name, domain, host-only flag and path), as Chrome's SetCanonicalCookie. */
  #put(line: string, cookie: Candidate, now: number, sourceSecure: boolean): SetCookieOutcome {
    // "Leave Secure cookies alone": an http:// response may not touch a Secure
    // cookie of that name whose domain overlaps and whose path covers the new one.
    const shadowsSecure = (old: StoredCookie) =>
      old.secure &&
      old.name === cookie.name &&
      (domainMatch(old.domain, cookie.domain) === true || domainMatch(cookie.domain, old.domain) === true) &&
      pathMatch(cookie.path, old.path);
    if (!sourceSecure && this.#cookies.some(shadowsSecure)) {
      return { line, result: 'rejected', reason: 'OverwriteSecure' };
    }
    const old = this.#cookies.find((c) => sameKey(c, cookie));
    this.#cookies = this.#cookies.filter((c) => c !== old);
    if (!alive(cookie.expires, now)) {
      return old ? { line, result: 'deleted', cookie: old } : { line, result: 'deleted' };
    }
    // The same value keeps the old creation time (and so its place in the header and its Lax+POST window).
    const stored = old && old.value === cookie.value ? storedCookie(cookie, old.creation, old.seq) : storedCookie(cookie, now, ++this.#seq);
    this.#cookies.push(stored);
    return { line, result: old ? 'replaced' : 'stored', cookie: stored };
  }

  /** A cookie written by hand (DevTools): no request, so only the cookie's own validity is checked. */
  #putByHand(cookie: Candidate, now: number): SetCookieOutcome {
    // Chrome keeps cookies as UTF-8: typed text with a lone surrogate arrives as U+FFFD.
    const capped = { ...cookie, name: wellFormed(cookie.name), value: wellFormed(cookie.value), expires: capExpiry(cookie.expires, now) };
    const line = describe(capped);
    const reason =
      nameValueProblem(capped.name, capped.value) ??
      (!prefixHolds(capped, capped.path, true)
        ? 'InvalidPrefix'
        : capped.sameSite === 'none' && !capped.secure
          ? 'SameSiteNoneInsecure'
          : null);
    if (reason === 'DisallowedCharacter') return { line, result: 'rejected', reason, detail: disallowedDetail(capped.name, capped.value) };
    if (reason) return { line, result: 'rejected', reason };
    return this.#put(line, capped, now, true);
  }

  /** Drops expired cookies and returns them. */
  purge(now: number): StoredCookie[] {
    // Every request and response purges first; most find nothing expired, and keep the list as it is.
    if (this.#cookies.every((c) => isLive(c, now))) return [];
    const expired = this.#cookies.filter((c) => !isLive(c, now));
    this.#cookies = this.#cookies.filter((c) => isLive(c, now));
    return expired;
  }

  /** A browser restart: session cookies (no Expires/Max-Age) go; returns them. */
  close(): StoredCookie[] {
    const dropped = this.#cookies.filter((c) => c.expires === null);
    this.#cookies = this.#cookies.filter((c) => c.expires !== null);
    return dropped;
  }

  /**
   * The contract's set_cookie_by_hand: a host-only cookie for `host`, path /,
   * no expiry; Secure, HttpOnly and SameSite come from an existing cookie of
   * that name the host can see (host-only, then path /, then oldest first),
   * else false, false, unspecified.
   */
  setByHand(name: string, value: string, now: number, host = 'shop.example'): SetCookieOutcome {
    this.purge(now);
    const template = this.#cookies
      .filter((c) => c.name === name && domainMatches(c, host))
      .sort((a, b) => Number(!a.hostOnly) - Number(!b.hostOnly) || Number(a.path !== '/') - Number(b.path !== '/') ||
        a.creation - b.creation || a.seq - b.seq)[0];
    return this.#putByHand(
      {
        name,
        value,
        domain: host,
        hostOnly: true,
        path: '/',
        secure: template?.secure ?? false,
        httpOnly: template?.httpOnly ?? false,
        sameSite: template?.sameSite ?? 'unspecified',
        expires: null,
      },
      now,
    );
  }

  /**
   * A DevTools edit of one cookie. The same value keeps its creation time; a
   * new path moves the cookie (the old one goes). Throws when there is no such
   * cookie, or for a path not starting with "/" or an expiry that is not a time.
   */
  edit(original: CookieId, changes: CookieChanges, now: number): SetCookieOutcome {
    this.purge(now);
    const old = this.#find(original);
    if (!old) throw new Error(`no cookie "${original.name}" for ${original.domain}${original.path} to edit`);
    const next = withoutTimes(old);
    for (const key of EDITABLE) {
      if (changes[key] !== undefined) Object.assign(next, { [key]: changes[key] });
    }
    if (!next.path.startsWith('/')) throw new RangeError(`a cookie path starts with "/", got "${next.path}"`);
    if (next.expires !== null && !Number.isFinite(next.expires)) {
      throw new RangeError(`a cookie expiry is a time in ms or null, got ${next.expires}`);
    }
    const outcome = this.#putByHand(next, now);
    if (outcome.result === 'rejected' || sameKey(old, next)) return outcome;
    this.#cookies = this.#cookies.filter((c) => c !== old);
    return outcome.result === 'deleted' ? { ...outcome, cookie: old } : { ...outcome, result: 'replaced' };
  }

  /** Removes one cookie; false when there is none. */
  remove(id: CookieId): boolean {
    const found = this.#find(id);
    this.#cookies = this.#cookies.filter((c) => c !== found);
    return found !== undefined;
  }

  #find(id: CookieId): StoredCookie | undefined {
    const matches = this.#cookies.filter(
      (c) => c.name === id.name && c.domain === id.domain && c.path === id.path &&
        (id.hostOnly === undefined || c.hostOnly === id.hostOnly),
    );
    if (matches.length > 1) {
      throw new Error(`"${id.name}" for ${id.domain}${id.path} is both host-only and a Domain cookie: say which (hostOnly)`);
    }
    return matches[0];
  }

  /** The contract's copy_cookie: every live cookie of that name, all attributes kept; created now here. */
  copyFrom(other: CookieJar, name: string, now: number): SetCookieOutcome[] {
    this.purge(now);
    return other.#cookies
      .filter((c) => c.name === name && isLive(c, now))
      .map((cookie) => this.#putByHand(withoutTimes(cookie), now));
  }

  /** Live cookies by name, then domain, then path. */
  list(now: number): StoredCookie[] {
    return this.#cookies.filter((c) => isLive(c, now)).sort(listOrder);
  }

  /** Every cookie held now, expired ones not yet purged included: a list later changes leave alone. */
  cookies(): readonly StoredCookie[] {
    return Object.freeze(this.#cookies);
  }

  /** What `document.cookie` shows a script on a page at `url`: no HttpOnly cookies, the page's own site. */
  documentCookie(url: string, now: number): string {
    const page = placeOf(url);
    return cookieLine(
      this.#cookies
        .filter((c) => isLive(c, now) && !c.httpOnly && notSentReason(c, page, 'strict', now) === null)
        .sort(headerOrder),
    );
  }

  /** How many cookies the jar holds, expired ones not yet purged included. */
  get size(): number {
    return this.#cookies.length;
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    copy.#cookies = [...this.#cookies];
    copy.#seq = this.#seq;
    return copy;
  }
}
