/**
 * What happens to a jar without a response: a browser restart, the
 * contract's hand-written and copied cookies, DevTools edits, listing,
 * copies for time travel, saving and loading, and the set of profiles.
 */
import { describe, expect, test } from 'vitest';
import {
  Browser,
  CookieJar,
  NOT_SENT_TEXT,
  REJECT_TEXT,
  transcriptCookies,
  type RequestInfo,
} from '../../../src/sim/browser';
import { parseIsoUtc } from '../../../src/sim/clock';

const T0 = parseIsoUtc('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const HOME = 'https://shop.example/';
const nav = (url = HOME, method = 'GET', initiator?: string): RequestInfo => ({ url, method, initiator });

function jarWith(lines: string[], now = T0, url = HOME): CookieJar {
  const jar = new CookieJar();
  jar.receive(nav(url), lines, now);
  return jar;
}

const SID = { name: 'sid', domain: 'shop.example', path: '/' };

describe('close (a browser restart)', () => {
  test('drops the session cookies, keeps the others, and says which went', () => {
    const jar = jarWith(['session=1', 'kept=1; Max-Age=60']);
    expect(jar.close().map((c) => c.name)).toEqual(['session']);
    expect(jar.list(T0).map((c) => c.name)).toEqual(['kept']);
  });
});

describe('setByHand (the contract\'s set_cookie_by_hand)', () => {
  test('with no cookie of that name: host-only for shop.example, path /, session, no flags', () => {
    const jar = new CookieJar();
    const outcome = jar.setByHand('sessionid', 'made-up', T0);
    expect(outcome.result).toBe('stored');
    expect(transcriptCookies(jar.cookies(), T0)).toEqual([{
      name: 'sessionid', value: 'made-up', domain: 'shop.example', host_only: true, path: '/',
      secure: false, http_only: false, same_site: 'unspecified', expires: null,
    }]);
  });

  test('keeps Secure, HttpOnly and SameSite of the existing cookie, and drops its expiry', () => {
    const jar = jarWith(['sid=real; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=600']);
    expect(jar.setByHand('sid', 'forged', T0 + 1000)).toMatchObject({ result: 'replaced' });
    expect(jar.list(T0 + 1000)).toEqual([{
      name: 'sid', value: 'forged', domain: 'shop.example', hostOnly: true, path: '/', secure: true,
      httpOnly: true, sameSite: 'strict', expires: null, creation: T0 + 1000, seq: expect.any(Number),
    }]);
  });

  test('takes the flags from a Domain cookie the host can see, and writes a host-only one beside it', () => {
    const jar = jarWith(['sid=real; Domain=shop.example; Path=/; HttpOnly; SameSite=Lax']);
    expect(jar.setByHand('sid', 'forged', T0).result).toBe('stored');
    expect(jar.list(T0).map((c) => [c.value, c.hostOnly, c.httpOnly, c.sameSite])).toEqual([
      ['real', false, true, 'lax'],
      ['forged', true, true, 'lax'],
    ]);
  });

  test('prefers a host-only cookie at / as the model', () => {
    const jar = jarWith(['sid=a; Domain=shop.example; Path=/; Secure', 'sid=b; Path=/cart; HttpOnly', 'sid=c; Path=/; SameSite=Strict']);
    jar.setByHand('sid', 'forged', T0);
    expect(jar.list(T0).find((c) => c.value === 'forged')).toMatchObject({ secure: false, httpOnly: false, sameSite: 'strict' });
  });

  test('ignores a cookie of another host, and takes another host when told', () => {
    const jar = jarWith(['sid=real; HttpOnly'], T0, 'https://www.shop.example/');
    jar.setByHand('sid', 'x', T0);
    jar.setByHand('sid', 'y', T0, 'www.shop.example');
    expect(jar.list(T0).map((c) => [c.domain, c.value, c.httpOnly])).toEqual([
      ['shop.example', 'x', false],
      ['www.shop.example', 'y', true],
    ]);
  });

  test('follows the prefix rules a browser checks for hand-made cookies too', () => {
    const jar = new CookieJar();
    expect(jar.setByHand('__Host-sid', 'x', T0)).toMatchObject({ result: 'rejected', reason: 'InvalidPrefix' });
    expect(jar.setByHand('a;b', 'x', T0)).toMatchObject({ result: 'rejected', reason: 'DisallowedCharacter' });
    expect(jar.list(T0)).toEqual([]);
  });
});

describe('copyFrom (the contract\'s copy_cookie)', () => {
  test('copies every cookie of that name with all attributes, created now in the target', () => {
    const victim = jarWith(['sid=k1; Path=/; HttpOnly; Max-Age=600', 'sid=k2; Path=/cart; Secure', 'other=1']);
    const thief = new CookieJar();
    const outcomes = thief.copyFrom(victim, 'sid', T0 + 5000);
    expect(outcomes.map((o) => o.result)).toEqual(['stored', 'stored']);
    expect(thief.list(T0 + 5000).map(({ seq: _seq, ...c }) => c)).toEqual([
      { name: 'sid', value: 'k1', domain: 'shop.example', hostOnly: true, path: '/', secure: false, httpOnly: true,
        sameSite: 'unspecified', expires: T0 + 600_000, creation: T0 + 5000 },
      { name: 'sid', value: 'k2', domain: 'shop.example', hostOnly: true, path: '/cart', secure: true, httpOnly: false,
        sameSite: 'unspecified', expires: null, creation: T0 + 5000 },
    ]);
    expect(victim.list(T0 + 5000)).toHaveLength(3);
  });

  test('a fresh copy of an unspecified cookie gets its own 2-minute Lax+POST window', () => {
    const victim = jarWith(['sid=k1']);
    const thief = new CookieJar();
    thief.copyFrom(victim, 'sid', T0 + 600_000);
    const post = nav(HOME, 'POST', 'https://evil.example');
    expect(victim.cookieHeader(post, T0 + 600_000).header).toBeNull();
    expect(thief.cookieHeader(post, T0 + 600_000).header).toBe('sid=k1');
  });

  test('does not copy an expired cookie', () => {
    const victim = jarWith(['sid=k1; Max-Age=10']);
    const thief = new CookieJar();
    expect(thief.copyFrom(victim, 'sid', T0 + 10_000)).toEqual([]);
    expect(thief.list(T0 + 10_000)).toEqual([]);
  });
});

describe('edit (DevTools)', () => {
  test('a new value gets a new creation time; a flag change keeps it', () => {
    const jar = jarWith(['sid=k1; Path=/']);
    expect(jar.edit(SID, { httpOnly: true }, T0 + 1000)).toMatchObject({ result: 'replaced', cookie: { creation: T0, httpOnly: true } });
    expect(jar.edit(SID, { value: 'k2' }, T0 + 2000)).toMatchObject({ result: 'replaced', cookie: { creation: T0 + 2000, value: 'k2', httpOnly: true } });
  });

  test('a new path moves the cookie', () => {
    const jar = jarWith(['sid=k1; Path=/']);
    expect(jar.edit(SID, { path: '/cart' }, T0).result).toBe('replaced');
    expect(jar.list(T0).map((c) => [c.path, c.value])).toEqual([['/cart', 'k1']]);
  });

  test('SameSite=None without Secure is refused and leaves the cookie as it was', () => {
    const jar = jarWith(['sid=k1; Path=/']);
    expect(jar.edit(SID, { sameSite: 'none' }, T0)).toMatchObject({ result: 'rejected', reason: 'SameSiteNoneInsecure' });
    expect(jar.list(T0)[0].sameSite).toBe('unspecified');
    expect(jar.edit(SID, { sameSite: 'none', secure: true }, T0).result).toBe('replaced');
  });

  test('an expiry in the past deletes it; one beyond 400 days is capped', () => {
    const jar = jarWith(['sid=k1; Path=/', 'a=1; Path=/']);
    expect(jar.edit({ ...SID, name: 'a' }, { expires: T0 + 1000 * DAY }, T0).cookie?.expires).toBe(T0 + 400 * DAY);
    expect(jar.edit(SID, { expires: T0 - 1 }, T0)).toMatchObject({ result: 'deleted', cookie: { value: 'k1' } });
    expect(jar.list(T0).map((c) => c.name)).toEqual(['a']);
  });

  test('turning a session cookie into a persistent one and back', () => {
    const jar = jarWith(['sid=k1; Path=/']);
    jar.edit(SID, { expires: T0 + DAY }, T0);
    expect(jar.close()).toEqual([]);
    jar.edit(SID, { expires: null }, T0);
    expect(jar.close().map((c) => c.name)).toEqual(['sid']);
  });

  test('the outcome writes the edited cookie out as a Set-Cookie line', () => {
    const jar = jarWith(['sid=k1; Domain=shop.example; Path=/; Secure; SameSite=None']);
    expect(jar.edit({ ...SID, hostOnly: false }, { expires: T0 + DAY, httpOnly: true }, T0).line).toBe(
      'sid=k1; Domain=shop.example; Path=/; Expires=Fri, 02 Jan 2026 00:00:00 GMT; Secure; HttpOnly; SameSite=None',
    );
    expect(new CookieJar().setByHand('token', 'x', T0).line).toBe('token=x; Path=/');
  });

  test('a missing cookie, a relative path or a non-time expiry is a caller error', () => {
    const jar = jarWith(['sid=k1; Path=/']);
    expect(() => jar.edit({ ...SID, path: '/x' }, { value: '2' }, T0)).toThrow(/no cookie "sid"/);
    expect(() => jar.edit(SID, { path: 'cart' }, T0)).toThrow(/starts with "\/"/);
    expect(() => jar.edit(SID, { expires: Number.NaN }, T0)).toThrow(/expiry/);
  });
});

describe('remove', () => {
  test('removes the named cookie, and says whether there was one', () => {
    const jar = jarWith(['sid=k1; Path=/', 'a=1']);
    expect(jar.remove(SID)).toBe(true);
    expect(jar.remove(SID)).toBe(false);
    expect(jar.list(T0).map((c) => c.name)).toEqual(['a']);
  });

  test('asks which one when a host-only and a Domain cookie share name, domain and path', () => {
    const jar = jarWith(['sid=host; Path=/', 'sid=dom; Path=/; Domain=shop.example']);
    expect(() => jar.remove(SID)).toThrow(/hostOnly/);
    expect(jar.remove({ ...SID, hostOnly: false })).toBe(true);
    expect(jar.list(T0).map((c) => c.value)).toEqual(['host']);
  });
});

describe('list and snapshot', () => {
  test('list live cookies by name, then domain, then path', () => {
    const jar = new CookieJar();
    jar.receive(nav('https://www.shop.example/'), ['b=1', 'a=2; Path=/x', 'a=3; Max-Age=5'], T0);
    jar.receive(nav(), ['a=1; Path=/x', 'a=0; Path=/'], T0);
    expect(jar.list(T0).map((c) => `${c.name} ${c.domain} ${c.path}`)).toEqual([
      'a shop.example /',
      'a shop.example /x',
      'a www.shop.example /',
      'a www.shop.example /x',
      'b www.shop.example /',
    ]);
    expect(jar.list(T0 + 5000)).toHaveLength(4);
  });

  test('a snapshot writes cookies as the transcripts do', () => {
    const jar = jarWith(['sid=k1; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax']);
    expect(transcriptCookies(jar.cookies(), T0)).toEqual([{
      name: 'sid', value: 'k1', domain: 'shop.example', host_only: true, path: '/', secure: false,
      http_only: true, same_site: 'lax', expires: '2026-01-15T00:00:00Z',
    }]);
  });

  test('returned cookies cannot be changed behind the jar\'s back', () => {
    const jar = jarWith(['sid=k1']);
    expect(() => {
      jar.list(T0)[0].value = 'changed';
    }).toThrow(TypeError);
    expect(jar.list(T0)[0].value).toBe('k1');
  });
});

describe('clone', () => {
  test('a clone goes its own way', () => {
    const jar = jarWith(['a=1']);
    const copy = jar.clone();
    copy.receive(nav(), ['b=1'], T0);
    jar.receive(nav(), ['a=; Max-Age=0'], T0);
    expect(jar.list(T0).map((c) => c.name)).toEqual([]);
    expect(copy.list(T0).map((c) => c.name)).toEqual(['a', 'b']);
  });

});

describe('Browser (the profiles)', () => {
  test('creates a profile on first use, and lists profiles in name order', () => {
    const browser = new Browser();
    expect(browser.has('laptop')).toBe(false);
    const laptop = browser.profile('laptop');
    expect(browser.profile('laptop')).toBe(laptop);
    browser.profile('attacker');
    expect(browser.names()).toEqual(['attacker', 'laptop']);
    expect(() => browser.profile('')).toThrow(/name/);
  });

  test('profiles have separate jars; a snapshot has one key per profile in name order', () => {
    const browser = new Browser();
    browser.profile('default').receive(nav(), ['sid=k1'], T0);
    browser.profile('attacker');
    const snapshot = browser.snapshot(T0);
    expect(Object.keys(snapshot)).toEqual(['attacker', 'default']);
    expect(snapshot.attacker).toEqual([]);
    expect(snapshot.default.map((c) => c.value)).toEqual(['k1']);
  });

  test('a clone is deep', () => {
    const browser = new Browser();
    browser.profile('default').receive(nav(), ['sid=k1'], T0);
    const copy = browser.clone();
    copy.profile('default').receive(nav(), ['sid=k2'], T0);
    copy.profile('other');
    expect(browser.snapshot(T0).default[0].value).toBe('k1');
    expect(browser.has('other')).toBe(false);
  });
});

test('every reason code has one sentence of explanation', () => {
  for (const text of [...Object.values(NOT_SENT_TEXT), ...Object.values(REJECT_TEXT)]) {
    expect(text).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
  }
});
