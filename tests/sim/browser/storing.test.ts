/**
 * What a response's Set-Cookie lines do to the jar. Expected values come from
 * RFC 6265bis and Chrome's documented rules (contract section 4), not from the
 * jar's own output.
 */
import { describe, expect, test } from 'vitest';
import { CookieJar, type RequestInfo, type StoredCookie } from '../../../src/sim/browser';
import { parseIsoUtc } from '../../../src/sim/clock';

const T0 = parseIsoUtc('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const HTTPS = 'https://shop.example/';
const nav = (url = HTTPS, method = 'GET', initiator?: string): RequestInfo => ({ url, method, initiator });
const crossFetch = (url = HTTPS, initiator = 'https://evil.example'): RequestInfo => ({
  url,
  method: 'GET',
  initiator,
  kind: 'fetch',
});

/** The one outcome of a single line. */
function set(jar: CookieJar, line: string, req: RequestInfo = nav(), now = T0) {
  const outcomes = jar.receive(req, [line], now);
  expect(outcomes).toHaveLength(1);
  return outcomes[0];
}

function only(jar: CookieJar, now = T0): StoredCookie {
  const cookies = jar.list(now);
  expect(cookies).toHaveLength(1);
  return cookies[0];
}

describe('what a Set-Cookie line stores', () => {
  test('a plain cookie is host-only, session, SameSite unspecified, with the default path', () => {
    const jar = new CookieJar();
    const outcome = set(jar, 'a=1', nav('https://shop.example/cart/add/'));
    expect(outcome.result).toBe('stored');
    expect(only(jar)).toEqual({
      name: 'a', value: '1', domain: 'shop.example', hostOnly: true, path: '/cart/add',
      secure: false, httpOnly: false, sameSite: 'unspecified', expires: null, creation: T0, seq: expect.any(Number),
    });
    expect(outcome.cookie).toEqual(only(jar));
  });

  test('the default path stops before the last slash; a Path not starting with / is ignored', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Path=cart', nav('https://shop.example/cart/add'));
    set(jar, 'b=1', nav('https://shop.example/visits'));
    expect(jar.list(T0).map((c) => [c.name, c.path])).toEqual([['a', '/cart'], ['b', '/']]);
  });

  test('attribute names ignore case; Secure, HttpOnly and SameSite are read', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; SECURE; httponly; samesite=STRICT; PATH=/x');
    expect(only(jar)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'strict', path: '/x' });
  });

  test('an unknown SameSite value, or SameSite with no value, leaves it unspecified', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; SameSite=Bogus');
    set(jar, 'b=1; SameSite');
    expect(jar.list(T0).map((c) => c.sameSite)).toEqual(['unspecified', 'unspecified']);
  });

  test('a line without "=" is a nameless cookie; "=a=b" has the value "a=b"', () => {
    const jar = new CookieJar();
    set(jar, 'foo');
    expect(only(jar)).toMatchObject({ name: '', value: 'foo' });
    set(jar, '=a=b');
    expect(only(jar)).toMatchObject({ name: '', value: 'a=b' });
  });

  test('only spaces and tabs are trimmed; a non-breaking space stays in the value', () => {
    const jar = new CookieJar();
    set(jar, ' \ta \t=\t 1 \t; Path=/');
    set(jar, 'b=\u00a02');
    expect(jar.list(T0).map((c) => [c.name, c.value])).toEqual([['a', '1'], ['b', '\u00a02']]);
  });

  test('empty lines store nothing (NoCookieContent)', () => {
    const jar = new CookieJar();
    for (const line of ['', '   ', '=', ';', ' = ; Path=/']) {
      expect(set(jar, line)).toEqual({ line, result: 'rejected', reason: 'NoCookieContent' });
    }
    expect(jar.list(T0)).toEqual([]);
  });

  test('a control character anywhere drops the whole line, a tab inside the value too', () => {
    const jar = new CookieJar();
    for (const line of ['a=1\tb', 'a=1\r\nSet-Cookie: b=2', 'a=1; Path=/\x7f', 'a=\x01', 'a=1; Expires=Thu,\t01 Jan 2099 00:00:00 GMT']) {
      expect(set(jar, line)).toMatchObject({ result: 'rejected', reason: 'DisallowedCharacter' });
    }
    expect(jar.list(T0)).toEqual([]);
  });
});

describe('the Domain attribute', () => {
  test('a parent domain makes a Domain cookie (leading dot and case ignored)', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Domain=.Shop.EXAMPLE', nav('https://www.shop.example/'));
    expect(only(jar)).toMatchObject({ domain: 'shop.example', hostOnly: false });
  });

  test('Domain naming the host itself is still a Domain cookie, not host-only', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Domain=shop.example');
    expect(only(jar)).toMatchObject({ domain: 'shop.example', hostOnly: false });
  });

  test('an empty Domain means host-only; the last Domain attribute wins', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Domain=shop.example; Domain=', nav('https://www.shop.example/'));
    expect(only(jar)).toMatchObject({ domain: 'www.shop.example', hostOnly: true });
  });

  test.each([
    ['a public suffix', 'Domain=example', HTTPS],
    ['a public suffix from the real list', 'Domain=co.uk', 'https://shop.co.uk/'],
    ['another site', 'Domain=evil.example', HTTPS],
    ['a subdomain of the host', 'Domain=www.shop.example', HTTPS],
    ['a bare dot', 'Domain=.', HTTPS],
    ['a suffix of an IP address', 'Domain=0.0.1', 'http://127.0.0.1/'],
  ])('%s is refused (InvalidDomain)', (_what, attribute, url) => {
    const jar = new CookieJar();
    expect(set(jar, `a=1; ${attribute}`, nav(url))).toMatchObject({ result: 'rejected', reason: 'InvalidDomain' });
    expect(jar.list(T0)).toEqual([]);
  });

  test('an IP address may name itself, which gives a host-only cookie', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Domain=127.0.0.1', nav('http://127.0.0.1/'));
    expect(only(jar)).toMatchObject({ domain: '127.0.0.1', hostOnly: true });
  });
});

describe('Secure', () => {
  test('a Secure cookie from http:// is dropped (SecureOnly)', () => {
    const jar = new CookieJar();
    expect(set(jar, 'a=1; Secure', nav('http://shop.example/'))).toMatchObject({ result: 'rejected', reason: 'SecureOnly' });
    expect(jar.list(T0)).toEqual([]);
  });

  test('an http:// response can neither overwrite nor delete a Secure cookie (OverwriteSecure)', () => {
    const jar = new CookieJar();
    set(jar, 'sid=secret; Secure; Path=/');
    const http = nav('http://shop.example/cart/');
    expect(set(jar, 'sid=evil; Path=/', http)).toMatchObject({ result: 'rejected', reason: 'OverwriteSecure' });
    expect(set(jar, 'sid=; Max-Age=0; Path=/', http)).toMatchObject({ result: 'rejected', reason: 'OverwriteSecure' });
    // Its path is inside the Secure cookie's, so it could shadow it.
    expect(set(jar, 'sid=evil', http)).toMatchObject({ result: 'rejected', reason: 'OverwriteSecure' });
    // The domains overlap: a subdomain may not plant one either.
    expect(set(jar, 'sid=evil; Path=/', nav('http://www.shop.example/'))).toMatchObject({ reason: 'OverwriteSecure' });
    expect(only(jar).value).toBe('secret');
  });

  test('an http:// response may set a cookie of another name, or one outside the Secure cookie\'s path', () => {
    const jar = new CookieJar();
    set(jar, 'sid=secret; Secure; Path=/cart');
    expect(set(jar, 'other=1; Path=/', nav('http://shop.example/')).result).toBe('stored');
    expect(set(jar, 'sid=plain; Path=/', nav('http://shop.example/')).result).toBe('stored');
    expect(jar.list(T0).map((c) => [c.name, c.path, c.value])).toEqual([
      ['other', '/', '1'],
      ['sid', '/', 'plain'],
      ['sid', '/cart', 'secret'],
    ]);
  });

  test('an https:// response replaces a Secure cookie as usual', () => {
    const jar = new CookieJar();
    set(jar, 'sid=old; Secure; Path=/');
    expect(set(jar, 'sid=new; Secure; Path=/').result).toBe('replaced');
    expect(only(jar).value).toBe('new');
  });
});

describe('SameSite when storing', () => {
  test('SameSite=None without Secure is refused; with Secure it is kept', () => {
    const jar = new CookieJar();
    expect(set(jar, 'a=1; SameSite=None')).toMatchObject({ result: 'rejected', reason: 'SameSiteNoneInsecure' });
    expect(set(jar, 'b=1; SameSite=None; Secure').result).toBe('stored');
    expect(only(jar)).toMatchObject({ name: 'b', sameSite: 'none' });
  });

  test.each([
    ['SameSite=Strict', 'SameSiteStrict'],
    ['SameSite=Lax', 'SameSiteLax'],
    ['Path=/', 'SameSiteUnspecifiedTreatedAsLax'],
  ])('a cross-site fetch response cannot store a cookie with %s', (attribute, reason) => {
    const jar = new CookieJar();
    expect(set(jar, `a=1; ${attribute}`, crossFetch())).toEqual({ line: `a=1; ${attribute}`, result: 'rejected', reason });
    expect(jar.list(T0)).toEqual([]);
  });

  test('a cross-site fetch response cannot delete a Lax cookie either', () => {
    const jar = new CookieJar();
    set(jar, 'sid=k1; SameSite=Lax; Path=/');
    expect(set(jar, 'sid=""; Max-Age=0; Path=/; SameSite=Lax', crossFetch())).toMatchObject({ reason: 'SameSiteLax' });
    expect(only(jar).value).toBe('k1');
  });

  test('a cross-site fetch response may store SameSite=None; Secure', () => {
    const jar = new CookieJar();
    expect(set(jar, 'a=1; SameSite=None; Secure', crossFetch()).result).toBe('stored');
  });

  test('a fetch from the same site (another subdomain) may store any cookie', () => {
    const jar = new CookieJar();
    expect(set(jar, 'a=1; SameSite=Strict', crossFetch(HTTPS, 'https://www.shop.example')).result).toBe('stored');
  });

  test('sites are schemeful: a fetch from http://shop.example to https://shop.example is cross-site', () => {
    const jar = new CookieJar();
    expect(set(jar, 'a=1; SameSite=Lax', crossFetch(HTTPS, 'http://shop.example')).reason).toBe('SameSiteLax');
  });

  test('a top-level navigation started by another site may store any cookie, even Strict', () => {
    const jar = new CookieJar();
    set(jar, 'sid=k1; SameSite=Strict; Path=/');
    const outcome = set(jar, 'sid=k2; SameSite=Strict; Path=/', nav(HTTPS, 'POST', 'https://evil.example'));
    expect(outcome.result).toBe('replaced');
    expect(only(jar).value).toBe('k2');
  });
});

describe('cookie name prefixes', () => {
  test.each([
    ['__Secure-a=1; Secure', 'stored'],
    ['__Secure-a=1', 'InvalidPrefix'],
    ['__SECURE-a=1', 'InvalidPrefix'],
    ['__secure-a=1; Secure', 'stored'],
    ['__Host-a=1; Secure; Path=/', 'stored'],
    ['__host-a=1; Path=/', 'InvalidPrefix'],
    ['__Host-a=1; Secure', 'InvalidPrefix'], // Path=/ must be written out, even on a request for /
    ['__Host-a=1; Secure; Path=/; Domain=shop.example', 'InvalidPrefix'],
    ['__Host-a=1; Secure; Path=/cart', 'InvalidPrefix'],
    ['__Http-a=1; Secure; HttpOnly', 'stored'],
    ['__Http-a=1; Secure', 'InvalidPrefix'],
    ['__Host-Http-a=1; Secure; HttpOnly; Path=/', 'stored'],
    ['__Host-Http-a=1; Secure; Path=/', 'InvalidPrefix'],
    ['__Host-Http-a=1; Secure; HttpOnly', 'InvalidPrefix'],
    ['=__Host-a=1', 'InvalidPrefix'], // a nameless cookie that would read back as "__Host-a=1"
    ['__secure-a', 'InvalidPrefix'],
  ])('%s over https → %s', (line, expected) => {
    const jar = new CookieJar();
    const outcome = set(jar, line);
    expect(outcome.result === 'stored' ? 'stored' : outcome.reason).toBe(expected);
  });

  test('a prefixed cookie from http:// fails the prefix check first, as Chrome reports it', () => {
    const jar = new CookieJar();
    expect(set(jar, '__Secure-a=1; Secure', nav('http://shop.example/')).reason).toBe('InvalidPrefix');
  });
});

describe('sizes', () => {
  test('name plus value of 4096 bytes is stored; 4097 ignores the whole line and the old cookie stays', () => {
    const jar = new CookieJar();
    set(jar, 'a=old');
    expect(set(jar, `a=${'v'.repeat(4095)}`).result).toBe('replaced');
    expect(only(jar).value).toHaveLength(4095);
    set(jar, 'a=old');
    expect(set(jar, `a=${'v'.repeat(4096)}; Max-Age=0`)).toMatchObject({ result: 'rejected', reason: 'NameValuePairExceedsMaxSize' });
    expect(only(jar).value).toBe('old');
  });

  test('the limit counts bytes: 2048 "é" are 4096 bytes', () => {
    const jar = new CookieJar();
    expect(set(jar, `a=${'é'.repeat(2048)}`).reason).toBe('NameValuePairExceedsMaxSize');
    expect(set(jar, `=${'é'.repeat(2048)}`).result).toBe('stored');
  });

  test('an attribute value over 1024 bytes is ignored, as if it were not there', () => {
    const jar = new CookieJar();
    const longPath = `/${'p'.repeat(1024)}`; // 1025 bytes
    const okPath = `/${'p'.repeat(1023)}`; // 1024 bytes
    set(jar, `a=1; Path=${longPath}`, nav('https://shop.example/cart/x'));
    set(jar, `b=1; Path=${okPath}`, nav('https://shop.example/cart/x'));
    set(jar, `c=1; Max-Age=60; Max-Age=${'9'.repeat(1025)}`);
    set(jar, `d=1; Domain=${'d'.repeat(1013)}.shop.example`, nav('https://www.shop.example/'));
    set(jar, `e=1; Secure=${'s'.repeat(1025)}`);
    const [a, b, c, d, e] = jar.list(T0);
    expect(a.path).toBe('/cart');
    expect(b.path).toBe(okPath);
    expect(c.expires).toBe(T0 + 60_000);
    expect(d).toMatchObject({ domain: 'www.shop.example', hostOnly: true });
    expect(e.secure).toBe(false);
  });
});

describe('expiry', () => {
  const inTwoDays = 'Sat, 03 Jan 2026 00:00:00 GMT';

  test('Expires sets the expiry; without Max-Age or Expires it is a session cookie', () => {
    const jar = new CookieJar();
    set(jar, `a=1; Expires=${inTwoDays}`);
    set(jar, 'b=1');
    expect(jar.list(T0).map((c) => c.expires)).toEqual([T0 + 2 * DAY, null]);
  });

  test('Max-Age beats Expires, whichever comes first', () => {
    const jar = new CookieJar();
    set(jar, `a=1; Max-Age=60; Expires=${inTwoDays}`);
    set(jar, `b=1; Expires=${inTwoDays}; Max-Age=60`);
    set(jar, 'c=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60');
    expect(jar.list(T0).map((c) => c.expires)).toEqual([T0 + 60_000, T0 + 60_000, T0 + 60_000]);
  });

  test('an unreadable Max-Age falls back to Expires; the last Max-Age counts even when unreadable', () => {
    const jar = new CookieJar();
    set(jar, `a=1; Max-Age=soon; Expires=${inTwoDays}`);
    set(jar, `b=1; Max-Age=60; Max-Age=1e3; Expires=${inTwoDays}`);
    set(jar, 'c=1; Max-Age=60; Max-Age=120');
    expect(jar.list(T0).map((c) => c.expires)).toEqual([T0 + 2 * DAY, T0 + 2 * DAY, T0 + 120_000]);
  });

  test.each(['Max-Age=0', 'Max-Age=-1', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', `Expires=${'Thu, 01 Jan 2026 00:00:00 GMT'}`])(
    '%s deletes the cookie and reports which one',
    (attribute) => {
      const jar = new CookieJar();
      const old = set(jar, 'sid=k1; Path=/').cookie;
      const outcome = set(jar, `sid=""; ${attribute}; Path=/`, nav(), T0 + 1000);
      expect(outcome).toEqual({ line: `sid=""; ${attribute}; Path=/`, result: 'deleted', cookie: old });
      expect(jar.list(T0 + 1000)).toEqual([]);
    },
  );

  test('deleting a cookie that is not there stores nothing', () => {
    const jar = new CookieJar();
    expect(set(jar, 'sid=; Max-Age=0')).toEqual({ line: 'sid=; Max-Age=0', result: 'deleted' });
    expect(jar.list(T0)).toEqual([]);
  });

  test('a deletion only removes the cookie with the same domain and path', () => {
    const jar = new CookieJar();
    set(jar, 'sid=k1; Path=/cart');
    expect(set(jar, 'sid=; Max-Age=0; Path=/').cookie).toBeUndefined();
    expect(only(jar).path).toBe('/cart');
  });

  test('expiry is capped at 400 days', () => {
    const jar = new CookieJar();
    set(jar, `a=1; Max-Age=${400 * 86400 + 1}`);
    set(jar, 'b=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT');
    set(jar, `c=1; Max-Age=${'9'.repeat(30)}`);
    set(jar, `d=1; Max-Age=${400 * 86400}`);
    expect(jar.list(T0).map((c) => c.expires)).toEqual(Array(4).fill(T0 + 400 * DAY));
  });

  test('a cookie lives until its expiry, exclusive', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Max-Age=10');
    expect(jar.list(T0 + 9_999)).toHaveLength(1);
    expect(jar.list(T0 + 10_000)).toEqual([]);
  });
});

describe('overwriting', () => {
  test('the same value keeps the old creation time; another value gets a new one', () => {
    const jar = new CookieJar();
    set(jar, 'a=1; Path=/');
    expect(set(jar, 'a=1; Path=/; Max-Age=60', nav(), T0 + 5000)).toMatchObject({
      result: 'replaced',
      cookie: { creation: T0, expires: T0 + 65_000 },
    });
    expect(set(jar, 'a=2; Path=/', nav(), T0 + 7000)).toMatchObject({ result: 'replaced', cookie: { creation: T0 + 7000 } });
  });

  test('host-only and Domain cookies of one name and path are different cookies', () => {
    const jar = new CookieJar();
    set(jar, 'a=host; Path=/');
    expect(set(jar, 'a=domain; Path=/; Domain=shop.example').result).toBe('stored');
    expect(jar.list(T0).map((c) => [c.value, c.hostOnly])).toEqual([
      ['host', true],
      ['domain', false],
    ]);
  });

  test('a response applies its lines in order', () => {
    const jar = new CookieJar();
    const outcomes = jar.receive(nav(), ['a=1', 'a=2', 'b=1; Secure; SameSite=None', 'a=; Max-Age=0'], T0);
    expect(outcomes.map((o) => o.result)).toEqual(['stored', 'replaced', 'stored', 'deleted']);
    expect(only(jar).name).toBe('b');
  });
});
