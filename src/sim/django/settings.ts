/**
 * Django's session settings, with Django's defaults and the contract's demo
 * site values, and validation that refuses what Django would refuse (or
 * silently misbehave with), naming the setting and what is allowed.
 */

export const ENGINES = {
  'django.contrib.sessions.backends.db': 'db',
  'django.contrib.sessions.backends.cache': 'cache',
  'django.contrib.sessions.backends.cached_db': 'cached_db',
  'django.contrib.sessions.backends.file': 'file',
  'django.contrib.sessions.backends.signed_cookies': 'signed_cookies',
} as const;

export type EnginePath = keyof typeof ENGINES;
export type EngineName = (typeof ENGINES)[EnginePath];
export type SameSiteSetting = 'Lax' | 'Strict' | 'None' | false;

export const JSON_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer';

export interface CacheOptions {
  /** LocMemCache's OPTIONS: how many entries before it culls, and which fraction it culls. */
  MAX_ENTRIES: number;
  CULL_FREQUENCY: number;
}

export interface Settings {
  SECRET_KEY: string;
  /** Older keys that still verify signatures and auth hashes (Django 4.1.8+), tried in order after SECRET_KEY. */
  SECRET_KEY_FALLBACKS: string[];
  SESSION_ENGINE: EnginePath;
  SESSION_CACHE_ALIAS: string;
  SESSION_COOKIE_NAME: string;
  SESSION_COOKIE_AGE: number;
  SESSION_COOKIE_DOMAIN: string | null;
  SESSION_COOKIE_PATH: string;
  SESSION_COOKIE_SECURE: boolean;
  SESSION_COOKIE_HTTPONLY: boolean;
  SESSION_COOKIE_SAMESITE: SameSiteSetting;
  SESSION_SAVE_EVERY_REQUEST: boolean;
  SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean;
  SESSION_FILE_PATH: string | null;
  SESSION_SERIALIZER: string;
  /** The one local-memory cache (alias "default") used by the cache and cached_db engines. */
  CACHES: { default: { BACKEND: string; OPTIONS: CacheOptions } };
}

export const LOCMEM_BACKEND = 'django.core.cache.backends.locmem.LocMemCache';

/** Django's own defaults (django/conf/global_settings.py). */
export const DJANGO_DEFAULTS: Omit<Settings, 'SECRET_KEY'> = {
  SECRET_KEY_FALLBACKS: [],
  SESSION_ENGINE: 'django.contrib.sessions.backends.db',
  SESSION_CACHE_ALIAS: 'default',
  SESSION_COOKIE_NAME: 'sessionid',
  SESSION_COOKIE_AGE: 60 * 60 * 24 * 7 * 2,
  SESSION_COOKIE_DOMAIN: null,
  SESSION_COOKIE_PATH: '/',
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SAMESITE: 'Lax',
  SESSION_SAVE_EVERY_REQUEST: false,
  SESSION_EXPIRE_AT_BROWSER_CLOSE: false,
  SESSION_FILE_PATH: null,
  SESSION_SERIALIZER: JSON_SERIALIZER,
  CACHES: { default: { BACKEND: LOCMEM_BACKEND, OPTIONS: { MAX_ENTRIES: 300, CULL_FREQUENCY: 3 } } },
};

/** The demo site's settings (contract section 1): Django's defaults plus its SECRET_KEY. */
export const SITE_DEFAULTS: Settings = {
  ...DJANGO_DEFAULTS,
  SECRET_KEY: 'playground-insecure-secret-key-0123456789',
};

export interface SettingError {
  setting: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: SettingError[] };

// http.cookies' legal characters for a cookie name; Django's SimpleCookie refuses others.
const LEGAL_COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]+$/;
const RESERVED_COOKIE_NAMES = new Set([
  'expires', 'path', 'comment', 'domain', 'max-age', 'secure', 'httponly', 'version', 'samesite', 'partitioned',
]);

type Check = (value: unknown) => string | null;

const isBool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const nonNegativeInt: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : 'must be a whole number of seconds, 0 or more';

const CHECKS: Record<keyof Settings, Check> = {
  SECRET_KEY: (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string'),
  SECRET_KEY_FALLBACKS: (v) =>
    Array.isArray(v) && v.every((key) => typeof key === 'string' && key.length > 0) ? null : 'must be a list of non-empty strings (older secret keys)',
  SESSION_ENGINE: (v) =>
    typeof v === 'string' && Object.hasOwn(ENGINES, v) ? null : `must be one of ${Object.keys(ENGINES).join(', ')}`,
  SESSION_CACHE_ALIAS: (v) => (v === 'default' ? null : 'must be "default": the playground has one cache'),
  SESSION_COOKIE_NAME: (v) => {
    if (typeof v !== 'string' || v === '') return 'must be a non-empty string';
    if (!LEGAL_COOKIE_NAME.test(v)) return 'may only contain letters, digits and !#$%&\'*+-.^_`|~:';
    if (RESERVED_COOKIE_NAMES.has(v.toLowerCase())) return `"${v}" is a cookie attribute name, not a usable cookie name`;
    return null;
  },
  SESSION_COOKIE_AGE: nonNegativeInt,
  SESSION_COOKIE_DOMAIN: (v) =>
    v === null || (typeof v === 'string' && /^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(v))
      ? null
      : 'must be null (host-only) or a domain name such as "shop.example" or ".shop.example"',
  SESSION_COOKIE_PATH: (v) => (typeof v === 'string' && v.startsWith('/') && !/[;\s]/.test(v) ? null : 'must be a path starting with "/"'),
  SESSION_COOKIE_SECURE: isBool,
  SESSION_COOKIE_HTTPONLY: isBool,
  SESSION_COOKIE_SAMESITE: (v) =>
    v === 'Lax' || v === 'Strict' || v === 'None' || v === false ? null : 'must be "Lax", "Strict", "None" or false',
  SESSION_SAVE_EVERY_REQUEST: isBool,
  SESSION_EXPIRE_AT_BROWSER_CLOSE: isBool,
  SESSION_FILE_PATH: (v) => (v === null || (typeof v === 'string' && v.length > 0) ? null : 'must be null or a directory path'),
  SESSION_SERIALIZER: (v) =>
    v === JSON_SERIALIZER
      ? null
      : `must be "${JSON_SERIALIZER}": PickleSerializer was removed in Django 5.0 (unpickling session data lets whoever knows SECRET_KEY run code)`,
  CACHES: (v) => {
    const cache = (v as { default?: { BACKEND?: unknown; OPTIONS?: Record<string, unknown> } } | null)?.default;
    if (!cache || typeof cache !== 'object') return 'must be {"default": {"BACKEND": ..., "OPTIONS": {...}}}';
    if (cache.BACKEND !== undefined && cache.BACKEND !== LOCMEM_BACKEND) return `the playground only has ${LOCMEM_BACKEND}`;
    const options = cache.OPTIONS ?? {};
    for (const [name, value] of Object.entries(options)) {
      if (name !== 'MAX_ENTRIES' && name !== 'CULL_FREQUENCY') return `OPTIONS.${name} is not a LocMemCache option the playground models (MAX_ENTRIES, CULL_FREQUENCY)`;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < (name === 'MAX_ENTRIES' ? 1 : 0)) {
        return `OPTIONS.${name} must be a whole number${name === 'MAX_ENTRIES' ? ' of at least 1' : ', 0 or more'}`;
      }
    }
    return null;
  },
};

/** Apply a scenario's overrides to the demo site's settings; every bad value is reported. */
export function resolveSettings(overrides: Record<string, unknown> = {}, base: Settings = SITE_DEFAULTS): SettingsResult {
  const errors: SettingError[] = [];
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    // Own properties only: "constructor" or "__proto__" is not a setting.
    if (!Object.hasOwn(CHECKS, name)) {
      errors.push({ setting: name, message: `is not a setting the playground models (${Object.keys(CHECKS).join(', ')})` });
      continue;
    }
    const problem = CHECKS[name as keyof Settings](value);
    if (problem) {
      errors.push({ setting: name, message: problem });
      continue;
    }
    merged[name] = name === 'CACHES' ? normalizeCaches(value) : name === 'SECRET_KEY_FALLBACKS' ? [...(value as string[])] : value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: merged as unknown as Settings };
}

function normalizeCaches(value: unknown): Settings['CACHES'] {
  const options = (value as { default: { OPTIONS?: Partial<CacheOptions> } }).default.OPTIONS ?? {};
  return { default: { BACKEND: LOCMEM_BACKEND, OPTIONS: { ...DJANGO_DEFAULTS.CACHES.default.OPTIONS, ...options } } };
}

export function engineName(settings: Settings): EngineName {
  return ENGINES[settings.SESSION_ENGINE];
}

export function formatSettingErrors(errors: SettingError[]): string {
  return errors.map((e) => `${e.setting} ${e.message}`).join('\n');
}
