import { describe, expect, test } from 'vitest';
import vectors from '../../contract/signing-vectors.json';
import users from '../../contract/users.json';
import { checkPassword, makePbkdf2Password, sessionAuthHash } from '../../../src/sim/django/hashers';

describe('sessionAuthHash is get_session_auth_hash()', () => {
  test.each(vectors.auth_user_hash.map((v, i) => [i, v.username, v] as const))('contract vector #%i (%s)', (_, __, v) => {
    expect(v.key_salt).toBe('django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash');
    expect(sessionAuthHash(v.password_field, v.secret)).toBe(v.expected);
  });
});

// 260000 PBKDF2 iterations take a while in plain JavaScript: give these tests room.
const SLOW = 60_000;

describe('makePbkdf2Password follows the contract rule', () => {
  // Expected fields computed by /usr/bin/python3:
  // salt = hashlib.sha256(p.encode()).hexdigest()[:22]
  // 'pbkdf2_sha256$260000$%s$%s' % (salt, base64.b64encode(hashlib.pbkdf2_hmac('sha256', p.encode(), salt.encode(), 260000, 32)).decode())
  test.each<[string, string]>([
    ['new-secret-42', 'pbkdf2_sha256$260000$26918bffd944c1ca7e3296$Svd2GPZgLoWgfrE/K+qmxHe5j49vd5Eba675Utmt2UA='],
    ['Zoë 🍰', 'pbkdf2_sha256$260000$d4eb09b95fbddce5604d16$w11UtaIRUFww6xOIFDPdv6E8juhV6LCh8+qH/oIs3j4='],
  ])('%j', (plain, expected) => {
    expect(makePbkdf2Password(plain)).toBe(expected);
  }, SLOW);
});

describe('checkPassword verifies a pbkdf2_sha256 field', () => {
  test.each(users.map((u) => [u.username, u] as const))('%s: the right password only', (_, u) => {
    expect(checkPassword(u.password_plain, u.password_field)).toBe(true);
    expect(checkPassword(u.password_plain + '!', u.password_field)).toBe(false);
  }, SLOW);

  test('a field made by makePbkdf2Password checks', () => {
    expect(checkPassword('new-secret-42', 'pbkdf2_sha256$260000$26918bffd944c1ca7e3296$Svd2GPZgLoWgfrE/K+qmxHe5j49vd5Eba675Utmt2UA=')).toBe(true);
  }, SLOW);

  test.each([
    ['another algorithm', 'argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaA'],
    ['an unusable password', '!unusable'],
    ['iterations written another way', 'pbkdf2_sha256$0260000$aliceSaltForPlayground$axDgE0wwcHq0G0FgcC98kORr6w5VIlOiEg9iVDHk2FA='],
    ['no hash part', 'pbkdf2_sha256$260000$aliceSaltForPlayground'],
  ])('%s does not match', (_, field) => {
    expect(checkPassword('wonderland', field)).toBe(false);
  });
});
