import { describe, expect, test } from 'vitest';
import { ValueError } from '../../../src/sim/django/errors';
import {
  formatDeleteCookie,
  formatSetCookie,
  headerValues,
  httpDate,
  parseCookieHeader,
  patchVary,
  quoteCookieValue,
  type SimResponse,
} from '../../../src/sim/django/http';

// Expected values printed by Django 3.2's own functions (parse_cookie,
// SimpleCookie, http_date, HttpResponse.set_cookie / delete_cookie,
// patch_vary_headers); none of them changed in 5.2. The cases are those of
// Django's tests/httpwrappers and tests/cache suites, plus session-shaped ones.

const NOW = Date.UTC(2026, 0, 1); // 2026-01-01T00:00:00Z

describe('parse_cookie', () => {
  test.each([
    ['chips=ahoy; vienna=finger', { chips: 'ahoy', vienna: 'finger' }],
    // Every semicolon splits, even inside quotes; a half-quoted value stays as it is.
    ['keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"', { keebler: '"E=mc2', L: '\\"Loves\\"', fudge: '\\012', '': '"' }],
    ['keebler=E=mc2', { keebler: 'E=mc2' }],
    ['key:term=value:term', { 'key:term': 'value:term' }],
    ['a=b; c=[; d=r; f=h', { a: 'b', c: '[', d: 'r', f: 'h' }],
    ['a=b; Domain=example.com', { a: 'b', Domain: 'example.com' }],
    ['abc=def; unnamed; django_language=en', { abc: 'def', '': 'unnamed', django_language: 'en' }],
    ['a=b; "; c=d', { a: 'b', '': '"', c: 'd' }],
    ['a b c=d e = f; gh=i', { 'a b c': 'd e = f', gh: 'i' }],
    ['a   b,c<>@:/[]?{}=d  "  =e,f g', { 'a   b,c<>@:/[]?{}': 'd  "  =e,f g' }],
    ['saint=André Bessette', { saint: 'André Bessette' }],
    ['  =  b  ;  ;  =  ;   c  =  ;  ', { '': 'b', c: '' }],
    // A fully quoted value loses its quotes and backslash escapes (octal included).
    ['sessionid="abc\\"def"', { sessionid: 'abc"def' }],
    ['sessionid="a\\073b"', { sessionid: 'a;b' }],
    ['x="\\"', { x: '\\' }],
    ['sessionid=""', { sessionid: '' }],
    ['', {}],
  ])('%j', (header, expected) => {
    expect(Object.fromEntries(parseCookieHeader(header))).toEqual(expected);
  });

  test('the last cookie of a name wins, which is the one SessionMiddleware reads', () => {
    expect(Object.fromEntries(parseCookieHeader('a=b; h=i; a=c'))).toEqual({ a: 'c', h: 'i' });
    expect(parseCookieHeader('sessionid=k1; sessionid=k2').get('sessionid')).toBe('k2');
  });

  test('no Cookie header at all gives no cookies', () => {
    expect(parseCookieHeader(null).size).toBe(0);
  });
});

describe('Set-Cookie value quoting (http.cookies._quote)', () => {
  test.each([
    ['', '""'],
    ['abc', 'abc'],
    ['a b', '"a b"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['Zoë', '"Zo\\353"'],
    ['a;b', '"a\\073b"'],
    ['a,b', '"a\\054b"'],
    ['\t', '"\\011"'],
    ['🍪', '"🍪"'],
    ['a=b', '"a=b"'],
    ['(x)', '"(x)"'],
    ['[]{}', '"[]{}"'],
    ['a/b?c@d', '"a/b?c@d"'],
    ['\x7f', '"\\177"'],
    ['ÿĀ', '"\\377Ā"'],
  ])('%j → %s', (value, quoted) => {
    expect(quoteCookieValue(value)).toBe(quoted);
  });

  test('session keys and signed values need no quotes', () => {
    expect(quoteCookieValue('abcdefghijklmnopqrstuvwxyz012345')).toBe('abcdefghijklmnopqrstuvwxyz012345');
    expect(quoteCookieValue('.eJyrVkrOz0vOTM8rUbIyNDI2MDQ0MrY0sDSqBQBWIwbm:1vb2Sg:aB-_c')).toBe(
      '.eJyrVkrOz0vOTM8rUbIyNDI2MDQ0MrY0sDSqBQBWIwbm:1vb2Sg:aB-_c',
    );
  });
});

describe('http_date', () => {
  test.each([
    [1167616461_000, 'Mon, 01 Jan 2007 01:54:21 GMT'],
    [1167616461_900, 'Mon, 01 Jan 2007 01:54:21 GMT'], // fractions are dropped, not rounded
    [0, 'Thu, 01 Jan 1970 00:00:00 GMT'],
    [1768435200_000, 'Thu, 15 Jan 2026 00:00:00 GMT'],
    [253402300799_000, 'Fri, 31 Dec 9999 23:59:59 GMT'],
    [-62135596800_000, 'Mon, 01 Jan 0001 00:00:00 GMT'],
  ])('%i ms → %s', (ms, text) => {
    expect(httpDate(ms)).toBe(text);
  });

  test.each([
    [253402300800_000, 'year 10000 is out of range'],
    [-62135596801_000, 'year 0 is out of range'],
    [301767225600_000, 'year 11532 is out of range'],
  ])('%i ms is outside Python\'s datetime: ValueError(%j)', (ms, message) => {
    expect(() => httpDate(ms)).toThrow(ValueError);
    expect(() => httpDate(ms)).toThrow(message);
  });
});

describe('HttpResponse.set_cookie', () => {
  test('the session cookie: attributes sorted by name, Max-Age as given', () => {
    expect(formatSetCookie('sessionid', 'k', {
      maxAge: 1209600, expires: 'Thu, 15 Jan 2026 00:00:00 GMT', path: '/', httpOnly: true, sameSite: 'Lax',
    }, NOW)).toBe('sessionid=k; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax');
  });

  test('Domain sorts first and Secure last', () => {
    expect(formatSetCookie('sessionid', 'k', {
      maxAge: 60, expires: httpDate(NOW + 60_000), path: '/cart/', domain: '.shop.example',
      secure: true, httpOnly: true, sameSite: 'None',
    }, NOW)).toBe(
      'sessionid=k; Domain=.shop.example; expires=Thu, 01 Jan 2026 00:01:00 GMT; HttpOnly; Max-Age=60; Path=/cart/; SameSite=None; Secure',
    );
  });

  test('without max_age and expires it is a browser-session cookie', () => {
    expect(formatSetCookie('sessionid', 'k', { maxAge: null, expires: null, path: '/', httpOnly: true, sameSite: 'Strict' }, NOW))
      .toBe('sessionid=k; HttpOnly; Path=/; SameSite=Strict');
  });

  test('max_age alone derives expires; a fractional max_age is cut to whole seconds', () => {
    expect(formatSetCookie('sessionid', 'k', { maxAge: 5, path: '/', sameSite: false }, NOW))
      .toBe('sessionid=k; expires=Thu, 01 Jan 2026 00:00:05 GMT; Max-Age=5; Path=/');
    expect(formatSetCookie('sessionid', 'k', { maxAge: 5.7, path: '/' }, NOW))
      .toBe('sessionid=k; expires=Thu, 01 Jan 2026 00:00:05 GMT; Max-Age=5; Path=/');
  });

  test('an empty domain is left out', () => {
    expect(formatSetCookie('sessionid', 'k', { domain: '', path: '/' }, NOW)).toBe('sessionid=k; Path=/');
  });
});

describe('HttpResponse.delete_cookie', () => {
  test.each([
    ['sessionid', { path: '/', domain: null, sameSite: 'Lax' as const },
      'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax'],
    ['sessionid', { path: '/example/', domain: '.example.local', sameSite: 'Lax' as const },
      'sessionid=""; Domain=.example.local; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/example/; SameSite=Lax'],
    // Browsers ignore SameSite=None or a prefixed name without Secure, so Django adds it.
    ['sessionid', { path: '/', domain: null, sameSite: 'None' as const },
      'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=None; Secure'],
    ['__Host-sid', { path: '/', domain: null, sameSite: 'Lax' as const },
      '__Host-sid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax; Secure'],
    ['__Secure-sid', { path: '/', domain: null, sameSite: 'Strict' as const },
      '__Secure-sid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Strict; Secure'],
    ['sessionid', { path: '/', domain: null, sameSite: false as const },
      'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'],
  ])('%s %j', (name, options, expected) => {
    // The deletion does not depend on the time.
    expect(formatDeleteCookie(name, options, NOW)).toBe(expected);
    expect(formatDeleteCookie(name, options, 0)).toBe(expected);
  });
});

describe('patch_vary_headers', () => {
  const vary = (initial: string | null, names: string[]) => {
    const response: SimResponse = { status: 200, headers: [['Content-Type', 'application/json']], body: '' };
    if (initial !== null) response.headers.push(['Vary', initial]);
    patchVary(response, names);
    return headerValues(response, 'Vary');
  };

  test.each([
    [null, ['Accept-Encoding'], 'Accept-Encoding'],
    ['Accept-Encoding', ['accept-encoding'], 'Accept-Encoding'],
    ['Accept-Encoding', ['ACCEPT-ENCODING'], 'Accept-Encoding'],
    ['Cookie', ['Accept-Encoding'], 'Cookie, Accept-Encoding'],
    ['Cookie, Accept-Encoding', ['Accept-Encoding'], 'Cookie, Accept-Encoding'],
    ['Cookie, Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    [null, ['Accept-Encoding', 'COOKIE'], 'Accept-Encoding, COOKIE'],
    ['Cookie,     Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    ['Cookie    ,     Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    ['*', ['Accept-Language', 'Cookie'], '*'],
    ['Accept-Language, Cookie', ['*'], '*'],
  ])('%j + %j → %j', (initial, names, expected) => {
    // One Vary header, never two.
    expect(vary(initial, names)).toEqual([expected]);
  });
});
