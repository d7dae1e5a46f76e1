import { expect, test } from 'vitest';
import { cookieHeaderPairs, keyInStoredName, setCookiePair, setCookieParts } from '../../../src/sim/browser/cookieText';

// Lines as Django writes them and headers as Chrome joins them (golden 27, steps 0 and 1).
test('a Set-Cookie line as Django writes it: name, value and each attribute', () => {
  const parts = setCookieParts('sessionid=vpu1utg0b5yuuj7m7d6vxy170nok3dht; expires=Mon, 18 May 2026 09:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax');
  expect(parts.name).toBe('sessionid');
  expect(parts.value).toBe('vpu1utg0b5yuuj7m7d6vxy170nok3dht');
  expect(Object.fromEntries(parts.attributes)).toEqual({ expires: 'Mon, 18 May 2026 09:00:00 GMT', httponly: true, 'max-age': '1209600', path: '/', samesite: 'Lax' });
  expect(setCookieParts('sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax').value).toBe('""');
});

test('a Set-Cookie line\'s pair alone: a signed value keeps its colons and "=", a line without "=" is a value with no name', () => {
  expect(setCookiePair('sessionid=eyJ2IjoxfQ:1wTzRA:abc=; Path=/; SameSite=Lax')).toEqual({ name: 'sessionid', value: 'eyJ2IjoxfQ:1wTzRA:abc=' });
  expect(setCookiePair(' sessionid = k1 ')).toEqual({ name: 'sessionid', value: 'k1' });
  expect(setCookiePair('bare; Path=/')).toEqual({ name: '', value: 'bare' });
});

test('a Cookie header as Chrome joins it, a signed value with its colons kept whole', () => {
  expect(cookieHeaderPairs('csrftoken=x; sessionid=eyJ2IjoxfQ:1wTzRA:abc=')).toEqual([
    { name: 'csrftoken', value: 'x' },
    { name: 'sessionid', value: 'eyJ2IjoxfQ:1wTzRA:abc=' },
  ]);
  expect(cookieHeaderPairs(null)).toEqual([]);
});

test('the key inside a stored name', () => {
  expect(keyInStoredName('django.contrib.sessions.cachevpu1utg0b5yuuj7m7d6vxy170nok3dht', 'django.contrib.sessions.cache')).toBe('vpu1utg0b5yuuj7m7d6vxy170nok3dht');
  expect(keyInStoredName('other', 'sessionid')).toBeNull();
});
