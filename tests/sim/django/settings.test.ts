import { describe, expect, test } from 'vitest';
import {
  DJANGO_DEFAULTS,
  engineName,
  formatSettingErrors,
  resolveSettings,
  SITE_DEFAULTS,
  type SettingError,
} from '../../../src/sim/django/settings';

// Django's defaults as django.conf.global_settings and BaseCache print them,
// and the values Django refuses: SimpleCookie raises CookieError for an
// illegal or reserved cookie name, set_cookie raises ValueError for another
// SameSite, an unknown SESSION_ENGINE does not import, and current Django
// has no PickleSerializer. The playground refuses them up front, and also a
// few values Django would take but the playground does not model.

function errorsFor(overrides: Record<string, unknown>): SettingError[] {
  const result = resolveSettings(overrides);
  return result.ok ? [] : result.errors;
}

function accepted(overrides: Record<string, unknown>) {
  const result = resolveSettings(overrides);
  if (!result.ok) throw new Error(formatSettingErrors(result.errors));
  return result.settings;
}

describe('defaults', () => {
  test('Django\'s global_settings for sessions', () => {
    expect(DJANGO_DEFAULTS).toMatchObject({
      SESSION_CACHE_ALIAS: 'default',
      SESSION_COOKIE_AGE: 1209600,
      SESSION_COOKIE_DOMAIN: null,
      SESSION_COOKIE_HTTPONLY: true,
      SESSION_COOKIE_NAME: 'sessionid',
      SESSION_COOKIE_PATH: '/',
      SESSION_COOKIE_SAMESITE: 'Lax',
      SESSION_COOKIE_SECURE: false,
      SESSION_ENGINE: 'django.contrib.sessions.backends.db',
      SESSION_EXPIRE_AT_BROWSER_CLOSE: false,
      SESSION_FILE_PATH: null,
      SESSION_SAVE_EVERY_REQUEST: false,
      SESSION_SERIALIZER: 'django.contrib.sessions.serializers.JSONSerializer',
    });
    // LocMemCache's MAX_ENTRIES and CULL_FREQUENCY default to 300 and 3 (BaseCache).
    expect(DJANGO_DEFAULTS.CACHES.default).toEqual({
      BACKEND: 'django.core.cache.backends.locmem.LocMemCache',
      OPTIONS: { MAX_ENTRIES: 300, CULL_FREQUENCY: 3 },
    });
  });

  test('the demo site adds only its SECRET_KEY', () => {
    expect(accepted({})).toEqual(SITE_DEFAULTS);
    expect(SITE_DEFAULTS).toEqual({ ...DJANGO_DEFAULTS, SECRET_KEY: 'playground-insecure-secret-key-0123456789' });
  });
});

describe('values Django takes', () => {
  test.each([
    ['SESSION_ENGINE', 'django.contrib.sessions.backends.signed_cookies'],
    ['SESSION_COOKIE_NAME', '__Host-sid'],
    ['SESSION_COOKIE_NAME', "my$id!#%&'*+-.^_`|~:"],
    ['SESSION_COOKIE_AGE', 0],
    ['SESSION_COOKIE_AGE', 600],
    ['SESSION_COOKIE_DOMAIN', '.shop.example'],
    ['SESSION_COOKIE_DOMAIN', 'shop.example'],
    ['SESSION_COOKIE_PATH', '/cart/'],
    ['SESSION_COOKIE_SECURE', true],
    ['SESSION_COOKIE_HTTPONLY', false],
    ['SESSION_COOKIE_SAMESITE', 'Strict'],
    ['SESSION_COOKIE_SAMESITE', 'None'],
    ['SESSION_COOKIE_SAMESITE', false],
    ['SESSION_SAVE_EVERY_REQUEST', true],
    ['SESSION_EXPIRE_AT_BROWSER_CLOSE', true],
    ['SESSION_FILE_PATH', '/var/lib/sessions'],
    ['SECRET_KEY', 'another'],
  ])('%s = %j', (name, value) => {
    expect(accepted({ [name]: value })[name as 'SECRET_KEY']).toEqual(value);
  });

  test('each engine path names its engine', () => {
    for (const engine of ['db', 'cache', 'cached_db', 'file', 'signed_cookies']) {
      expect(engineName(accepted({ SESSION_ENGINE: `django.contrib.sessions.backends.${engine}` }))).toBe(engine);
    }
  });

  test('CACHES OPTIONS given in part keep the other default', () => {
    expect(accepted({ CACHES: { default: { OPTIONS: { MAX_ENTRIES: 3 } } } }).CACHES.default.OPTIONS).toEqual({ MAX_ENTRIES: 3, CULL_FREQUENCY: 3 });
    expect(accepted({ CACHES: { default: { OPTIONS: { CULL_FREQUENCY: 0 } } } }).CACHES.default.OPTIONS).toEqual({ MAX_ENTRIES: 300, CULL_FREQUENCY: 0 });
    expect(accepted({ CACHES: { default: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache' } } }).CACHES.default.OPTIONS)
      .toEqual({ MAX_ENTRIES: 300, CULL_FREQUENCY: 3 });
  });

  test('overrides apply on top of a given base', () => {
    const base = accepted({ SESSION_COOKIE_AGE: 60 });
    const result = resolveSettings({ SESSION_COOKIE_SECURE: true }, base);
    expect(result.ok && result.settings).toMatchObject({ SESSION_COOKIE_AGE: 60, SESSION_COOKIE_SECURE: true });
  });
});

describe('every bad value is refused, naming the setting and what is allowed', () => {
  function refused(name: string, value: unknown, words: string[]) {
    const errors = errorsFor({ [name]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0].setting).toBe(name);
    for (const word of words) expect(errors[0].message).toContain(word);
    expect(formatSettingErrors(errors)).toMatch(new RegExp(`^${name} `));
  }

  // [setting, value, words the message must contain]
  test.each([
    // ModuleNotFoundError
    ['SESSION_ENGINE', 'django.contrib.sessions.backends.nope', ['django.contrib.sessions.backends.db', 'django.contrib.sessions.backends.signed_cookies']],
    ['SESSION_ENGINE', 'db', ['django.contrib.sessions.backends.cached_db']],
    // CookieError: Illegal key
    ['SESSION_COOKIE_NAME', '', ['non-empty']],
    ['SESSION_COOKIE_NAME', 'a b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'a;b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'a=b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'a,b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'a"b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'a/b', ['letters, digits']],
    ['SESSION_COOKIE_NAME', '[x]', ['letters, digits']],
    ['SESSION_COOKIE_NAME', 'é', ['letters, digits']],
    // CookieError: Attempt to set a reserved key (any case)
    ['SESSION_COOKIE_NAME', 'path', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'Path', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'EXPIRES', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'max-age', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'HttpOnly', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'samesite', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'domain', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'secure', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'version', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 'comment', ['cookie attribute']],
    ['SESSION_COOKIE_NAME', 42, ['string']],
    // TypeError when the middleware adds it to time.time()
    ['SESSION_COOKIE_AGE', '600', ['whole number']],
    ['SESSION_COOKIE_AGE', null, ['whole number']],
    // ValueError: samesite must be "lax", "none", or "strict"
    ['SESSION_COOKIE_SAMESITE', 'Sometimes', ['"Lax"', '"Strict"', '"None"', 'false']],
    ['SESSION_COOKIE_SAMESITE', true, ['"Lax"', '"Strict"', '"None"', 'false']],
    // ImportError: PickleSerializer is gone from current Django
    ['SESSION_SERIALIZER', 'django.contrib.sessions.serializers.PickleSerializer', ['JSONSerializer', 'removed']],
    // InvalidCacheBackendError: there is one cache
    ['SESSION_CACHE_ALIAS', 'sessions', ['"default"']],
    // ImproperlyConfigured
    ['CACHES', { sessions: {} }, ['"default"']],
    ['SECRET_KEY', '', ['non-empty']],
  ])('Django fails on %s = %j', (name, value, words) => refused(name, value, words));

  // Django would take these, with effects the playground does not model (another
  // cache backend, a stray attribute in the header, a cookie that expired already).
  test.each([
    ['SESSION_COOKIE_AGE', -1, ['whole number', '0 or more']],
    ['SESSION_COOKIE_AGE', 1.5, ['whole number']],
    ['SESSION_COOKIE_DOMAIN', 'shop example', ['null', 'shop.example']],
    ['SESSION_COOKIE_DOMAIN', 'shop.example;', ['null', 'shop.example']],
    ['SESSION_COOKIE_DOMAIN', '', ['null', 'shop.example']],
    ['SESSION_COOKIE_PATH', 'cart/', ['starting with "/"']],
    ['SESSION_COOKIE_PATH', '/a;b', ['starting with "/"']],
    ['SESSION_COOKIE_PATH', '', ['starting with "/"']],
    ['SESSION_COOKIE_SECURE', 'yes', ['true or false']],
    ['SESSION_COOKIE_HTTPONLY', 1, ['true or false']],
    ['SESSION_SAVE_EVERY_REQUEST', null, ['true or false']],
    ['SESSION_EXPIRE_AT_BROWSER_CLOSE', 'false', ['true or false']],
    ['SESSION_FILE_PATH', '', ['null', 'directory']],
    ['CACHES', { default: { BACKEND: 'django.core.cache.backends.redis.RedisCache' } }, ['LocMemCache']],
    ['CACHES', { default: { OPTIONS: { MAX_ENTRIES: 0 } } }, ['MAX_ENTRIES', 'at least 1']],
    ['CACHES', { default: { OPTIONS: { MAX_ENTRIES: 2.5 } } }, ['MAX_ENTRIES', 'whole number']],
    ['CACHES', { default: { OPTIONS: { CULL_FREQUENCY: -1 } } }, ['CULL_FREQUENCY', '0 or more']],
    ['CACHES', { default: { OPTIONS: { TIMEOUT: 5 } } }, ['TIMEOUT', 'MAX_ENTRIES', 'CULL_FREQUENCY']],
  ])('outside the model: %s = %j', (name, value, words) => refused(name, value, words));

  test('a setting the playground does not model is refused with the list of those it does', () => {
    const [error] = errorsFor({ SESSION_COOKIE_PARTITIONED: true });
    expect(error.setting).toBe('SESSION_COOKIE_PARTITIONED');
    expect(error.message).toContain('SESSION_COOKIE_SAMESITE');
  });

  test('every bad value is reported at once, one line each', () => {
    const errors = errorsFor({ SESSION_COOKIE_AGE: -1, SESSION_COOKIE_SAMESITE: 'lax!', SESSION_COOKIE_NAME: 'path', SESSION_COOKIE_SECURE: true });
    expect(errors.map((e) => e.setting)).toEqual(['SESSION_COOKIE_AGE', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_NAME']);
    expect(formatSettingErrors(errors).split('\n')).toHaveLength(3);
  });
});
