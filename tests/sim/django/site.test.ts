import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { headerValues } from '../../../src/sim/django/http';
import { DemoSite, newServerStorage, pathInfo } from '../../../src/sim/django/site';
import { engineContext, T0 } from './context';

// The demo site's views around the session: which view a path reaches and how
// /expiry/ reads its number. Expected answers were recorded from Django 3.2
// running the oracle's demo site (shared/oracle/djsite) behind its WSGI
// handler, which percent-decodes PATH_INFO as a WSGI server does.

function site(overrides: Record<string, unknown> = {}) {
  const { settings } = engineContext(overrides);
  const demo = new DemoSite(settings, newServerStorage(settings), new VirtualClock(T0), new SeededRandom(3));
  return (method: string, path: string, cookie: string | null = null) => {
    const { response, trace } = demo.handle({ method, url: `https://shop.example${path}`, cookie, form: {} });
    return { status: response.status, body: response.body, setCookie: headerValues(response, 'Set-Cookie'), trace };
  };
}

describe('routing by request.path_info', () => {
  test.each([
    ['/vi%73its/', 'visits'],
    ['/visits%2F', 'visits'],
    ['/%70eek/', 'peek'],
    ['/%2F', null], // "//" is no route
    ['/visits', null], // no APPEND_SLASH without CommonMiddleware
    ['/Visits/', null],
  ])('%s reaches %s', (path, view) => {
    const { trace, status } = site()('GET', path);
    expect(trace.view).toBe(view);
    if (view === null) expect(status).toBe(404);
  });

  test('percent escapes are read as UTF-8; escapes that are not UTF-8 stay as they are', () => {
    expect(pathInfo('/caf%C3%A9/')).toBe('/café/');
    expect(pathInfo('/a%FFb/')).toBe('/a%FFb/');
    expect(pathInfo('/vi%73its/%FF')).toBe('/visits/%FF');
  });

  test('a percent-encoded path writes the session like the plain one', () => {
    const send = site();
    const first = send('GET', '/vi%73its/');
    expect(first.body).toBe('{"visits": 1}');
    expect(first.setCookie).toHaveLength(1);
  });
});

describe('/expiry/?seconds= reads the number as Python\'s int() does', () => {
  const expiryAge = (text: string) => {
    const answer = site()('GET', `/expiry/?seconds=${encodeURIComponent(text)}`);
    return answer.status === 200 ? (JSON.parse(answer.body) as { expiry_age: number }).expiry_age : answer.status;
  };

  // Each value and what int() made of it, printed by Python 3.11.
  test.each([
    [' 5 ', 5],
    ['1_0', 10],
    ['+8', 8],
    ['-10', -10],
    ['٣', 3], // ARABIC-INDIC DIGIT THREE
    ['٣_٣', 33],
    ['０７', 7], // fullwidth
    ['𝟓', 5], // MATHEMATICAL BOLD DIGIT FIVE, outside the BMP
    ['𝟝', 5], // MATHEMATICAL DOUBLE-STRUCK DIGIT FIVE: the second set of ten in one run of digits
    ['𝟿', 9], // MATHEMATICAL MONOSPACE DIGIT NINE, the last of five sets
    ['߃', 3], // NKO DIGIT THREE
    ['\x855\xa0', 5],
    ['\u30005\u2028', 5],
    ['\x0b5\x0c', 5],
  ])('%j → %i', (text, value) => {
    expect(expiryAge(text)).toBe(value);
  });

  test.each([' \x1c5', '\ufeff5', '5\u200b', '1__0', '_1', '1_', '-\xa05', '- 5', 'abc', '', '1e3', '5.0'])(
    '%j is refused: ValueError, a 500 page',
    (text) => {
      expect(expiryAge(text)).toBe(500);
    },
  );

  test('a + in the query string is a space', () => {
    const answer = site()('GET', '/expiry/?seconds=+7');
    expect(answer.body).toBe('{"expiry_age": 7, "expire_at_browser_close": false}');
  });

  test('the last of several values counts; without one it is set_expiry(None)', () => {
    expect(site()('GET', '/expiry/?seconds=1&seconds=60').body).toBe('{"expiry_age": 60, "expire_at_browser_close": false}');
    expect(site()('GET', '/expiry/').body).toBe('{"expiry_age": 1209600, "expire_at_browser_close": false}');
  });
});

describe('error pages', () => {
  const page = (title: string) =>
    `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p></p>\n</body>\n</html>\n`;

  test('a view that raises gets Django\'s 500 page', () => {
    const answer = site()('GET', '/expiry/?seconds=abc');
    expect(answer.status).toBe(500);
    expect(answer.body).toBe(page('Server Error (500)'));
    expect(answer.trace.viewError).toBe("ValueError: invalid literal for int() with base 10: 'abc'");
  });

  test('a SuspiciousOperation gets the 400 page: the file engine refuses a key with other characters', () => {
    const send = site({ SESSION_ENGINE: 'django.contrib.sessions.backends.file' });
    const answer = send('POST', '/flush/', 'sessionid=ABCDEFGHIJKLMNOP');
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(page('Bad Request (400)'));
    expect(answer.setCookie).toEqual([]);
  });
});
