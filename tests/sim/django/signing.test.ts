import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { thrown } from '../../support/thrown';
import { deflate, inflate } from 'pako';
import vectors from '../../contract/signing-vectors.json';
import { inspectSignedCookie } from '../../../src/sim/django/sessions/signedCookies';
import { SITE_DEFAULTS } from '../../../src/sim/django/settings';
import {
  BadSignature,
  PayloadError,
  SignatureExpired,
  Signer,
  TimestampSigner,
  b62Decode,
  b62Encode,
  b64Decode,
  b64Encode,
  dumps,
  inspectSigned,
  loads,
} from '../../../src/sim/django/signing';
import { py, type Literal } from '../../support/py';

const KEY = 'playground-insecure-secret-key-0123456789';
const COOKIE_SALT = 'django.contrib.sessions.backends.signed_cookies';
const T0 = 1767225600; // 2026-01-01T00:00:00Z


describe('the contract vectors (real Django 3.2)', () => {
  test.each(vectors.dumps.map((v, i) => [i, v] as const))('dumps #%i', (_, v) => {
    const signed = dumps(py(v.object as Literal), { key: v.secret, salt: v.salt, compress: v.compress, timestamp: v.timestamp });
    expect(signed).toBe(v.expected);
  });

  test('compressed vectors are among them, so zlib output is matched byte for byte', () => {
    const compressed = [...vectors.dumps, ...vectors.session_encode].filter((v) => v.expected.startsWith('.'));
    expect(compressed.length).toBeGreaterThanOrEqual(4);
  });

  test.each(vectors.loads_ok.map((v, i) => [i, v] as const))('loads_ok #%i', (_, v) => {
    expect(loads(v.value, { key: v.secret, salt: v.salt, maxAge: v.max_age, now: v.now })).toEqual(py(v.expected_object as unknown as Literal));
  });

  test.each(vectors.loads_fail.map((v) => [v.why, v] as const))('loads_fail: %s', (_, v) => {
    const error = thrown(() => loads(v.value, { key: v.secret, salt: v.salt, maxAge: v.max_age, now: v.now }));
    expect(error).toBeInstanceOf(BadSignature);
    expect(error instanceof SignatureExpired).toBe(v.error === 'SignatureExpired');
  });

  test.each(vectors.session_encode.map((v) => [v.what, v] as const))('session_encode: %s', (_, v) => {
    const signed = dumps(py(v.object as Literal), { key: v.secret, salt: v.salt, compress: v.compress, timestamp: v.timestamp });
    expect(signed).toBe(v.expected);
    expect(loads(signed, { key: v.secret, salt: v.salt, now: v.timestamp })).toEqual(py(v.object as Literal));
  });
});

// Expected values below were printed by Django 3.2.25 under /usr/bin/python3,
// with time.time frozen where a timestamp is involved.
describe('Signer and TimestampSigner', () => {
  test('sign with the default salt, a salt, another separator', () => {
    expect(new Signer({ key: KEY }).sign('hello')).toBe('hello:eVB51A6DWoMvHl3Zpn0wNKZH6xgJL6hfCAMTkUV7_3A');
    expect(new Signer({ key: KEY, salt: 'my-salt' }).sign('hello')).toBe('hello:DoGIU--QQZym3b4GeFgOpc69MT8Ygz0nu-GgBRE5Y3Q');
    expect(new Signer({ key: KEY, salt: 'my-salt', sep: '/' }).sign('hello')).toBe('hello/DoGIU--QQZym3b4GeFgOpc69MT8Ygz0nu-GgBRE5Y3Q');
  });

  test('refuses a separator that can occur in base64', () => {
    expect(() => new Signer({ key: KEY, sep: '_' })).toThrow(
      "Unsafe Signer separator: '_' (cannot be empty or consist of only A-z0-9-_=)",
    );
  });

  test('signObject, plain and compressed, and back', () => {
    const signer = new Signer({ key: KEY, salt: 'my-salt' });
    expect(signer.signObject(py({ a: 1 }))).toBe('eyJhIjoxfQ:nimBziyOtQAKMpn6g5O3rK3pdaaE9O4zV19l-K6svMo');
    const cart = py({ cart: Array<string>(10).fill('apple') });
    const signed = signer.signObject(cart, { compress: true });
    expect(signed).toBe('.eJyrVkpOLCpRsopWSiwoyElV0qESHVsLABm_HME:NLe9Uz-av1KTM-89vzFlJxzn0RpHhG6YbU6N_3KLMdE');
    expect(signer.unsignObject(signed)).toEqual(cart);
  });

  test('TimestampSigner signs with its own default salt and the time', () => {
    expect(new TimestampSigner({ key: KEY, now: () => T0 }).sign('hello')).toBe('hello:1vb66i:m3JQbUQ6SGoFxssoLatM-hWihuQXWmkYwrjzwFD7DPo');
    expect(new TimestampSigner({ key: KEY, salt: 'my-salt', now: () => T0 }).sign('hello')).toBe(
      'hello:1vb66i:ijr3R4_eb6nZJXYLcNHz87VA6qpcbveDgfA5BXFo134',
    );
  });

  test('unsign: max_age is inclusive, and the errors read as in Django', () => {
    let now = T0;
    const signer = new TimestampSigner({ key: KEY, salt: 'my-salt', now: () => now });
    const signed = signer.sign('hello');
    now = T0 + 61;
    expect(signer.unsign(signed, 61)).toBe('hello');
    const expired = thrown(() => signer.unsign(signed, 60));
    expect(expired).toBeInstanceOf(SignatureExpired);
    expect((expired as Error).message).toBe('Signature age 61.0 > 60 seconds');
    expect(() => signer.unsign('no sep')).toThrow('No ":" found in value');
    const tampered = thrown(() => signer.unsign(signed.slice(0, -1) + 'X'));
    expect(tampered).toBeInstanceOf(BadSignature);
    expect((tampered as Error).message).toBe('Signature "ijr3R4_eb6nZJXYLcNHz87VA6qpcbveDgfA5BXFo13X" does not match');
  });
});

describe('base 62 and base 64', () => {
  test.each<[number, string]>([
    [0, '0'],
    [1, '1'],
    [61, 'z'],
    [62, '10'],
    [1767225600, '1vb66i'],
    [-62, '-10'],
    [2 ** 53 - 1, 'fFgnDxSe7'],
  ])('b62 %i ⇄ %s', (n, text) => {
    expect(b62Encode(n)).toBe(text);
    expect(b62Decode(text)).toBe(n);
  });

  test('b62Decode rejects what is not base 62', () => {
    expect(() => b62Decode('zz!')).toThrow(PayloadError);
    expect(() => b62Decode('')).toThrow(PayloadError);
  });

  test('b64Encode is URL-safe without padding', () => {
    expect(b64Encode(new Uint8Array([97, 98, 99, 251]))).toBe('YWJj-w');
    expect(b64Encode(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  test.each<[string, number[]]>([
    ['eyJ2aXNpdHMiOjN9', [123, 34, 118, 105, 115, 105, 116, 115, 34, 58, 51, 125]],
    ['eyJ2aX!NpdHMiOjN9', [123, 34, 118, 105, 115, 105, 116, 115, 34, 58, 51, 125]],
    ['YWJj+/', [97, 98, 99, 251]],
    ['YWJj-w', [97, 98, 99, 251]],
    ['a===b', [105]],
    ['', []],
    // Printed by Python 3.11 (base64.urlsafe_b64decode, padded as Django pads): bits left over are dropped.
    ['QR', [65]],
    ['QUJ', [65, 66]],
    ['YWJj-x', [97, 98, 99, 251]],
  ])('b64Decode %j as Python (skipping stray characters)', (text, bytes) => {
    expect([...b64Decode(text)]).toEqual(bytes);
  });

  test('b64Decode reads back any bytes written in URL-safe base64 without padding (as Django writes them)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        // The platform's own base64, made URL-safe and unpadded as Django's b64_encode writes it.
        const text = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        expect([...b64Decode(text)]).toEqual([...bytes]);
      }),
    );
  });

  test.each<[string, string]>([
    ['a', 'Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4'],
    ['abcde', 'Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4'],
    ['ab=c', 'Incorrect padding'],
    ['abé', 'Incorrect padding'],
  ])('b64Decode %j fails as binascii does', (text, message) => {
    const error = thrown(() => b64Decode(text));
    expect(error).toBeInstanceOf(PayloadError);
    expect(error).not.toBeInstanceOf(BadSignature);
    expect((error as Error).message).toBe(message);
  });
});

describe('loads: the signature first, then decoding', () => {
  // Each value carries a correct signature over a payload Django cannot decode:
  // Django raises the decoding error itself, not BadSignature.
  test.each<[string, string, string]>([
    ['abcde:1vb66i:k86uB5xKbU1c35cV3rN9aoHAIAs09oDaf7LOrcle12c', 'binascii.Error', 'Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4'],
    ['.bm90IHpsaWI:1vb66i:Tet4-ZhKYt4cvTluvs8zVJvGttGIVpauN0Mo7WYhfow', 'zlib.error', 'Error -3 while decompressing data: incorrect header check'],
    ['.eJyrVkpUsjKsBQAI:1vb66i:4_6JkM-KuDe-NTUtn-nOq7L0G9UliP6fYm4RgEDWVps', 'zlib.error', 'Error -5 while decompressing data: incomplete or truncated stream'],
    ['eyJhIjo:1vb66i:VaTvZVn7U3tq8I7e9DLAaTsElrbWS6WGE4tQJIegx5c', 'json.JSONDecodeError', 'Expecting value: line 1 column 6 (char 5)'],
    ['eyJ2aXNpdHMiOjN9:zz!:hGH-oAShQveyDPK9n4_7nBeqHeKQJ-asvsGq4Xsp8dU', 'ValueError', 'substring not found'],
    ['eyJ2aXNpdHMiOjN9:Rm3XLaayh6jy57sZCY4OW7YOcRlrZcjSgC0NaJK5AQU', 'ValueError', 'not enough values to unpack (expected 2, got 1)'],
  ])('%s → %s', (signed, pyType, message) => {
    const error = thrown(() => loads(signed, { key: KEY, salt: COOKIE_SALT, now: T0 }));
    expect(error).toBeInstanceOf(PayloadError);
    expect(error).not.toBeInstanceOf(BadSignature);
    expect(error).toMatchObject({ pyType, message });
  });

  test('a bad signature wins over an undecodable payload', () => {
    const error = thrown(() => loads('abcde:1vb66i:k86uB5xKbU1c35cV3rN9aoHAIAs09oDaf7LOrcle12X', { key: KEY, salt: COOKIE_SALT, now: T0 }));
    expect(error).toBeInstanceOf(BadSignature);
  });

  test('the JSON bytes are read as latin-1, as JSONSerializer.loads does', () => {
    // The payload is the UTF-8 of "é" (with quotes), signed by Django.
    expect(loads('IsOpIg:1vb66i:yK_xlFWSmEtxY8fAiah1-Q8ZFXXTu_gCbVOZ1MqOMZ4', { key: KEY, salt: COOKIE_SALT, now: T0 })).toBe('Ã©');
    expect(loads('TmFO:1vb66i:i6mXJ3ZMNEA-mzVtxwU38N1g2M_zzSWtDo_efQ5opw8', { key: KEY, salt: COOKIE_SALT, now: T0 })).toBeNaN();
  });
});

describe('compression', () => {
  test('a longer compressed session, where only zlib\'s classic hash gives Django\'s bytes', () => {
    // Printed by Django 3.2.25 (signing.dumps, compress=True, time frozen at T0).
    const session = py({
      cart: ['apple', 'banana', 'cherry', 'apple', 'banana', 'durian', 'apple', 'cherry'],
      visits: 12,
      _auth_user_id: '2',
      _auth_user_backend: 'django.contrib.auth.backends.ModelBackend',
      _auth_user_hash: 'c697d579a893ff2670a51dc249ec9facaeae9fde9137413ff03889bfef361ef3',
    });
    expect(dumps(session, { key: KEY, salt: 'django.contrib.sessions.SessionStore', compress: true, timestamp: T0 })).toBe(
      '.eJxljMsKgzAQRf9l1hKM8RWX3fcLSpExmdS0EiWJhVL6743golIGhss9Z-YNCn2E7gK4LBNBBgO6NCmokbx_pfBH9Ootuh-yq9cMnjbYGKDjRQY9rnHs10C-txo6KODQDage5Dag7-huM1Ozi94ObFPYTgM7z5qm0-4eHowYxnStatnoqpHYSmFMUTc5VlyropSkpEGFhCSNJslFU_Kk5KJt5WDIiJqnBZ8vSBRVXw:1vb66i:YDn5NUNR8vktWpsE6ugX1Wr0Yvp8xIXLMhHL2mpLhRM',
    );
  });

  test('one compressor reused for many sessions writes what a fresh zlib stream writes each time', () => {
    // A long one first leaves the window and hash tables full: a reset must forget all of it.
    const sessions: Literal[] = [
      { cart: Array<string>(300).fill('kettle teapot'), note: 'x'.repeat(5000) },
      { cart: Array<string>(40).fill('apple') },
      { cart: ['kettle', 'teapot', 'kettle', 'teapot', 'kettle', 'teapot'] },
      { cart: Array<string>(40).fill('apple') },
      { visits: 1 },
    ];
    for (const session of sessions) {
      const payload = dumps(py(session), { key: KEY, compress: true, timestamp: T0 }).split(':')[0];
      const json = new TextEncoder().encode(JSON.stringify(session));
      const fresh = deflate(json, { legacyHash: true });
      expect(payload).toBe(fresh.length < json.length - 1 ? `.${b64Encode(fresh)}` : b64Encode(json));
    }
  });

  test('a compressed payload is the zlib stream of the JSON, after a dot', () => {
    const signed = dumps(py({ cart: Array<string>(40).fill('apple') }), { key: KEY, compress: true, timestamp: T0 });
    const payload = signed.split(':')[0];
    expect(payload.startsWith('.')).toBe(true);
    expect(new TextDecoder().decode(inflate(b64Decode(payload.slice(1))))).toBe(`{"cart":[${Array(40).fill('"apple"').join(',')}]}`);
  });
});

describe('inspectSigned', () => {
  const good = vectors.loads_ok[0].value; // {"visits":3} signed at T0 for the signed_cookies salt
  const opts = { key: KEY, salt: COOKIE_SALT, maxAge: 1209600, now: T0 + 10 };

  test('a good value: every part, decoded, ok', () => {
    expect(inspectSigned(good, opts)).toEqual({
      payload: 'eyJ2aXNpdHMiOjN9',
      timestamp: '1vb66i',
      signature: 'h5uVotQgd5KWO0X9tJ-0eXSyzD2f-7Hm8Zy0Ai5rcrM',
      compressed: false,
      json: '{"visits":3}',
      data: py({ visits: 3 }),
      timestampSeconds: T0,
      outcome: 'ok',
      reason: 'the signature is valid and the value was signed 10 seconds ago, within max_age (1209600 seconds)',
    });
  });

  test('a compressed value is decompressed', () => {
    const result = inspectSigned(vectors.loads_ok[3].value, opts);
    expect(result.outcome).toBe('ok');
    expect(result.compressed).toBe(true);
    expect(result.json).toBe(`{"cart":[${Array(40).fill('"apple"').join(',')}]}`);
  });

  test('a tampered payload is still decoded, and refused', () => {
    const tampered = vectors.loads_fail.find((v) => v.why === 'payload swapped, old signature kept')!.value;
    const result = inspectSigned(tampered, opts);
    expect(result.outcome).toBe('BadSignature');
    expect(result.data).toEqual(py({ visits: 999 }));
    expect(result.json).toBe('{"visits":999}');
    expect(result.reason).toMatch(/^the signature does not match the payload and timestamp under SECRET_KEY or any key in SECRET_KEY_FALLBACKS: the value was changed after Django signed it/);
  });

  test('a removed timestamp', () => {
    const result = inspectSigned('eyJ2aXNpdHMiOjN9:h5uVotQgd5KWO0X9tJ-0eXSyzD2f-7Hm8Zy0Ai5rcrM', opts);
    expect(result).toMatchObject({
      payload: 'eyJ2aXNpdHMiOjN9',
      timestamp: null,
      timestampSeconds: null,
      signature: 'h5uVotQgd5KWO0X9tJ-0eXSyzD2f-7Hm8Zy0Ai5rcrM',
      data: py({ visits: 3 }),
      outcome: 'BadSignature',
    });
    expect(result.reason).toMatch(/timestamp was removed/);
  });

  test('an expired value', () => {
    const result = inspectSigned(good, { ...opts, now: T0 + 1209601 });
    expect(result.outcome).toBe('SignatureExpired');
    expect(result.data).toEqual(py({ visits: 3 }));
    expect(result.reason).toBe(
      'the signature is valid, but the value was signed 1209601 seconds ago, more than max_age (1209600 seconds), so it has expired',
    );
  });

  test('not a signed value at all', () => {
    const result = inspectSigned('no-separator-here', opts);
    expect(result).toMatchObject({ payload: 'no-separator-here', timestamp: null, signature: null, json: null, outcome: 'BadSignature' });
    expect(result.data).toBeUndefined();
    expect(result.reason).toMatch(/no ':' separator/);
  });

  test('a correct signature over a payload that does not decode', () => {
    const result = inspectSigned('eyJhIjo:1vb66i:VaTvZVn7U3tq8I7e9DLAaTsElrbWS6WGE4tQJIegx5c', opts);
    expect(result).toMatchObject({ json: '{"a":', outcome: 'ok' });
    expect(result.data).toBeUndefined();
    expect(result.reason).toMatch(/payload does not decode \(json\.JSONDecodeError: Expecting value/);
  });
});

describe('SECRET_KEY_FALLBACKS', () => {
  // A value signed with the demo site's key (dumps matches Django's byte for byte: the signing vectors above).
  const OLD = 'playground-insecure-secret-key-0123456789';
  const NEW = 'playground-rotated-secret-key-2026-05';
  const signed = dumps(py({ visits: 1 }), { key: OLD, salt: 'django.contrib.sessions.backends.signed_cookies', timestamp: 1_800_000_000 });

  test('loads verifies with SECRET_KEY, then each fallback in order; without the old key it refuses', () => {
    const opts = { salt: 'django.contrib.sessions.backends.signed_cookies', now: 1_800_000_000 };
    expect(loads(signed, { ...opts, key: NEW, fallbackKeys: ['some-other-key', OLD] })).toEqual(py({ visits: 1 }));
    expect(() => loads(signed, { ...opts, key: NEW })).toThrow(BadSignature);
  });

  test('the engine\'s inspection says a fallback key verified it', () => {
    const settings = { ...SITE_DEFAULTS, SECRET_KEY: NEW, SECRET_KEY_FALLBACKS: [OLD] };
    const inspection = inspectSignedCookie(settings, signed, 1_800_000_000_500);
    expect(inspection.outcome).toBe('ok');
    expect(inspection.reason).toMatch(/^the signature is valid under a key in SECRET_KEY_FALLBACKS \(not the current SECRET_KEY\) and the value was signed 0\.5 seconds ago/);
    expect(inspectSignedCookie({ ...settings, SECRET_KEY_FALLBACKS: [] }, signed, 1_800_000_000_500).outcome).toBe('BadSignature');
  });
});

describe('loading what was just signed', () => {
  test('a session signed here loads back as the same data, compressed or not, and a tampered copy still fails', () => {
    const sessions: Literal[] = [{ visits: 1 }, { cart: Array<string>(40).fill('apple') }];
    for (const session of sessions) {
      const signed = dumps(py(session), { key: KEY, salt: 'remembered', compress: true, timestamp: T0 });
      expect(loads(signed, { key: KEY, salt: 'remembered', now: T0 })).toEqual(py(session));
      const [payload, ...rest] = signed.split(':');
      const tampered = [payload.slice(0, -1) + (payload.endsWith('A') ? 'B' : 'A'), ...rest].join(':');
      expect(() => loads(tampered, { key: KEY, salt: 'remembered', now: T0 })).toThrow(BadSignature);
    }
  });
});
