/**
 * Which cookies go with a request, in what order, and why the others stay
 * home. Expected values come from RFC 6265bis and Chrome's SameSite rules.
 */
import { describe, expect, test } from 'vitest';
import { CookieJar, type RequestInfo } from '../../../src/sim/browser';
import { parseIsoUtc } from '../../../src/sim/clock';

const T0 = parseIsoUtc('2026-01-01T00:00:00Z');
const HOME = 'https://shop.example/';
const EVIL = 'https://evil.example';
const nav = (url = HOME, method = 'GET', initiator?: string): RequestInfo => ({ url, method, initiator });
const fetchFrom = (initiator: string, url = HOME, method = 'GET'): RequestInfo => ({ url, method, initiator, kind: 'fetch' });

function jarWith(lines: string[], now = T0, url = HOME): CookieJar {
  const jar = new CookieJar();
  const outcomes = jar.receive(nav(url), lines, now);
  expect(outcomes.map((o) => o.result)).toEqual(lines.map(() => 'stored'));
  return jar;
}

const header = (jar: CookieJar, req: RequestInfo, now = T0) => jar.cookieHeader(req, now).header;

/** name → reason of every cookie left out. */
function reasons(jar: CookieJar, req: RequestInfo, now = T0): Record<string, string> {
  return Object.fromEntries(jar.cookieHeader(req, now).notSent.map(({ cookie, reason }) => [cookie.name, reason]));
}

describe('the Cookie header', () => {
  test('is null when nothing goes', () => {
    expect(new CookieJar().cookieHeader(nav(), T0)).toEqual({ header: null, sent: [], notSent: [] });
  });

  test('lists longer paths first, then earlier creation', () => {
    const jar = new CookieJar();
    jar.receive(nav('https://shop.example/cart/'), ['late=1; Path=/'], T0 + 2000);
    jar.receive(nav(), ['early=1; Path=/'], T0 + 1000);
    jar.receive(nav(), ['deep=1; Path=/cart/items', 'cart=1; Path=/cart'], T0 + 3000);
    expect(header(jar, nav('https://shop.example/cart/items/7'), T0 + 4000)).toBe('deep=1; cart=1; early=1; late=1');
  });

  test('keeps the order of lines set at the same moment', () => {
    const jar = jarWith(['b=1', 'a=1', 'c=1']);
    expect(header(jar, nav())).toBe('b=1; a=1; c=1');
  });

  test('re-setting the same value keeps a cookie\'s place; a new value moves it to the back', () => {
    const jar = jarWith(['a=1', 'b=1']);
    jar.receive(nav(), ['a=1'], T0 + 1000);
    expect(header(jar, nav(), T0 + 1000)).toBe('a=1; b=1');
    jar.receive(nav(), ['a=2'], T0 + 2000);
    expect(header(jar, nav(), T0 + 2000)).toBe('b=1; a=2');
  });

  test('writes a nameless cookie as its bare value', () => {
    expect(header(jarWith(['token', 'a=1']), nav())).toBe('token; a=1');
  });

  test('never carries an expired cookie, and asking purges it', () => {
    const jar = jarWith(['short=1; Max-Age=10', 'long=1; Max-Age=20']);
    expect(header(jar, nav(), T0 + 10_000)).toBe('long=1');
    expect(jar.purge(T0 + 10_000)).toEqual([]);
    expect(jar.purge(T0 + 20_000).map((c) => c.name)).toEqual(['long']);
  });
});

describe('domain, path and Secure', () => {
  test('a host-only cookie goes to its host only; a Domain cookie to subdomains too', () => {
    const jar = jarWith(['host=1', 'dom=1; Domain=shop.example']);
    expect(header(jar, nav('https://www.shop.example/'))).toBe('dom=1');
    expect(reasons(jar, nav('https://www.shop.example/'))).toEqual({ host: 'DomainMismatch' });
    expect(reasons(jar, nav('https://evil.example/'))).toEqual({ host: 'DomainMismatch', dom: 'DomainMismatch' });
    expect(header(jar, nav('https://notshop.example/'))).toBeNull();
  });

  test('a path matches itself and what lies below it, not a longer name', () => {
    const jar = jarWith(['c=1; Path=/cart']);
    expect(header(jar, nav('https://shop.example/cart'))).toBe('c=1');
    expect(header(jar, nav('https://shop.example/cart/add/'))).toBe('c=1');
    expect(reasons(jar, nav('https://shop.example/cartoon'))).toEqual({ c: 'NotOnPath' });
    expect(reasons(jar, nav('https://shop.example/'))).toEqual({ c: 'NotOnPath' });
  });

  test('a Secure cookie does not go over http://', () => {
    const jar = jarWith(['s=1; Secure', 'p=1']);
    expect(header(jar, nav('http://shop.example/'))).toBe('p=1');
    expect(reasons(jar, nav('http://shop.example/'))).toEqual({ s: 'SecureOnly' });
  });

  test('the reported reason is the first of domain, path, Secure', () => {
    const jar = jarWith(['s=1; Secure; Path=/cart']);
    expect(reasons(jar, nav('http://evil.example/'))).toEqual({ s: 'DomainMismatch' });
    expect(reasons(jar, nav('http://shop.example/'))).toEqual({ s: 'NotOnPath' });
  });
});

describe('SameSite when sending', () => {
  const lines = ['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure', 'unset=1'];

  test('same-site requests carry everything, from another subdomain of the site too', () => {
    const jar = jarWith(lines);
    expect(header(jar, nav(HOME, 'POST'))).toBe('strict=1; lax=1; none=1; unset=1');
    expect(header(jar, fetchFrom('https://www.shop.example', HOME, 'POST'))).toBe('strict=1; lax=1; none=1; unset=1');
  });

  test('a cross-site top-level GET carries Lax and unspecified, not Strict', () => {
    const jar = jarWith(lines);
    expect(header(jar, nav(HOME, 'GET', EVIL))).toBe('lax=1; none=1; unset=1');
    expect(reasons(jar, nav(HOME, 'GET', EVIL))).toEqual({ strict: 'SameSiteStrict' });
    expect(header(jar, nav(HOME, 'HEAD', EVIL))).toBe('lax=1; none=1; unset=1');
  });

  test('a cross-site top-level POST carries None, and an unspecified cookie in its first 120 s, inclusive', () => {
    const jar = jarWith(lines);
    expect(header(jar, nav(HOME, 'POST', EVIL), T0 + 120_000)).toBe('none=1; unset=1');
    expect(reasons(jar, nav(HOME, 'POST', EVIL), T0 + 120_000)).toEqual({ strict: 'SameSiteStrict', lax: 'SameSiteLax' });
    expect(header(jar, nav(HOME, 'post', EVIL), T0 + 120_001)).toBe('none=1');
    expect(reasons(jar, nav(HOME, 'POST', EVIL), T0 + 120_001).unset).toBe('SameSiteUnspecifiedTreatedAsLax');
  });

  test('the 120 s count from creation, which re-setting the same value does not restart', () => {
    const jar = jarWith(['unset=1']);
    jar.receive(nav(), ['unset=1'], T0 + 100_000);
    expect(header(jar, nav(HOME, 'POST', EVIL), T0 + 121_000)).toBeNull();
    jar.receive(nav(), ['unset=2'], T0 + 122_000);
    expect(header(jar, nav(HOME, 'POST', EVIL), T0 + 242_000)).toBe('unset=2');
  });

  test('a cross-site fetch carries only SameSite=None, even a brand-new unspecified cookie', () => {
    const jar = jarWith(lines);
    expect(header(jar, fetchFrom(EVIL))).toBe('none=1');
    expect(reasons(jar, fetchFrom(EVIL))).toEqual({
      strict: 'SameSiteStrict',
      lax: 'SameSiteLax',
      unset: 'SameSiteUnspecifiedTreatedAsLax',
    });
  });

  test('sites are schemeful: a POST from http://shop.example to https://shop.example is cross-site', () => {
    const jar = jarWith(lines);
    expect(header(jar, nav(HOME, 'POST', 'http://shop.example'), T0 + 200_000)).toBe('none=1');
  });

  test('a SameSite=None cookie still needs https to travel', () => {
    const jar = jarWith(lines);
    expect(reasons(jar, fetchFrom(EVIL, 'http://shop.example/')).none).toBe('SecureOnly');
  });
});

describe('document.cookie', () => {
  test('shows what a script on the page may read: no HttpOnly, Secure only on https, path-matched', () => {
    const jar = jarWith(['sid=k; HttpOnly', 'theme=dark', 'strict=1; SameSite=Strict', 's=1; Secure', 'c=1; Path=/cart']);
    expect(jar.documentCookie('https://shop.example/', T0)).toBe('theme=dark; strict=1; s=1');
    expect(jar.documentCookie('http://shop.example/cart/', T0)).toBe('c=1; theme=dark; strict=1');
    expect(jar.documentCookie('https://evil.example/', T0)).toBe('');
  });

  test('hides expired cookies', () => {
    const jar = jarWith(['a=1; Max-Age=1']);
    expect(jar.documentCookie(HOME, T0 + 999)).toBe('a=1');
    expect(jar.documentCookie(HOME, T0 + 1000)).toBe('');
  });
});

test('a request URL that is not absolute is refused with a clear message', () => {
  expect(() => new CookieJar().cookieHeader(nav('/visits/'), T0)).toThrow(/not an absolute URL/);
});
