/**
 * `django.core.signing`, byte for byte: Signer, TimestampSigner, dumps and loads
 * with the JSON serializer, as current Django has them (no SHA-1 legacy signatures,
 * no fallback keys). The order of checks is Django's: the signature first, then the
 * timestamp's age, and only then is the payload decoded.
 */
import { hmac, type _HMAC } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { inflate, Z_DEFAULT_STRATEGY, Z_FINISH, Z_STREAM_END, ZStream, zlibDeflate, zlibDeflateInit2, zlibDeflateReset } from 'pako';
import { memoize } from '../memo';
import { compressionCannotHelp } from './zlibBound';
import { PyJsonDecodeError, pyFloatRepr, pyJsonDumps, pyJsonLoads } from './pyjson';
import type { PyValue } from './values';

export class BadSignature extends Error {
  override name = 'BadSignature';
}

export class SignatureExpired extends BadSignature {
  override name = 'SignatureExpired';
}

/**
 * A signed value whose signature is fine but whose content Django cannot decode.
 * Django raises these as they come (binascii.Error, zlib.error, JSONDecodeError,
 * ValueError), never as BadSignature; `pyType` names the Python exception.
 */
export class PayloadError extends Error {
  override name = 'PayloadError';
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextEncoder();

/** `django.utils.crypto.salted_hmac(key_salt, value, secret, algorithm="sha256").digest()`. */
export function saltedHmac(keySalt: string, value: string | Uint8Array, secret: string): Uint8Array {
  return hmacOf(keySalt + secret, typeof value === 'string' ? utf8.encode(value) : value);
}

/** An HMAC keyed with sha256(keySalt + secret), copied for each message: the key is derived once, not per request. */
const keyedHmac = memoize(1000, (saltAndSecret: string) => hmac.create(sha256, sha256(utf8.encode(saltAndSecret))));

/** One HMAC in use at a time: the keyed state is copied into it (as clone() does, without a new object per message). */
let scratchHmac: _HMAC<ReturnType<typeof sha256.create>> | undefined;

function hmacOf(saltAndSecret: string, message: Uint8Array): Uint8Array {
  scratchHmac = keyedHmac(saltAndSecret)._cloneInto(scratchHmac);
  return scratchHmac.update(message).digest();
}

/**
 * A Signer's signatures under one salt and key, remembered: a session saved
 * is verified when the next request loads it (and its key named), so one
 * HMAC serves the save and both checks.
 */
const signaturesFor = memoize(100, (saltAndSecret: string) =>
  memoize(1000, (value: string) => b64Encode(hmacOf(saltAndSecret, utf8.encode(value)))),
);

/** Bytes as a "binary string" (one char per byte), the form btoa takes and latin-1 decoding gives. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Uint8Array.prototype.toBase64 (Chrome 140, Firefox 133, Safari 18.2; not in Node 20): one call instead of a string built byte by byte. */
interface NativeBase64 {
  toBase64(options?: { alphabet?: 'base64' | 'base64url'; omitPadding?: boolean }): string;
}
const nativeBase64 = typeof (Uint8Array.prototype as Partial<NativeBase64>).toBase64 === 'function';

/** Standard base64 with padding (`base64.b64encode`). */
export function base64Encode(bytes: Uint8Array): string {
  return nativeBase64 ? (bytes as unknown as NativeBase64).toBase64() : btoa(latin1(bytes));
}

/** `signing.b64_encode`: URL-safe base64 without padding. */
export function b64Encode(bytes: Uint8Array): string {
  if (nativeBase64) return (bytes as unknown as NativeBase64).toBase64({ alphabet: 'base64url', omitPadding: true });
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard base64 alphabet value of each ASCII byte, or -1 (URL-safe `-` and `_` are mapped to `+` and `/` first). */
const B64_VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  B64_VALUE[c.charCodeAt(0)] = i;
});
B64_VALUE['-'.charCodeAt(0)] = 62;
B64_VALUE['_'.charCodeAt(0)] = 63;

const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]*$/;

/**
 * `signing.b64_decode`: pads with `=` to a multiple of 4 (counted in UTF-8 bytes), then
 * decodes as Python's non-strict `binascii.a2b_base64` does: bytes outside the alphabet
 * are skipped, enough `=` ends the input. Throws PayloadError ("binascii.Error") with
 * Python's message where Python fails.
 */
export function b64Decode(text: string): Uint8Array {
  // What Django signed itself: only the alphabet, never a length Python refuses. The browser's
  // decoder gives the same bytes, much faster than the byte-by-byte reading Python's leniency needs.
  if (URL_SAFE_BASE64.test(text) && text.length % 4 !== 1) {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  const input = utf8.encode(text);
  const padded = new Uint8Array(input.length + ((4 - (input.length % 4)) % 4)).fill(0x3d);
  padded.set(input);
  const out: number[] = [];
  let quadPos = 0;
  let pads = 0;
  let left = 0;
  for (const byte of padded) {
    if (byte === 0x3d) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return new Uint8Array(out);
      continue;
    }
    const v = byte < 128 ? B64_VALUE[byte] : -1;
    if (v < 0) continue;
    pads = 0;
    // Each character completes a byte with the previous one, except the first of a quad.
    if (quadPos === 1) out.push(((left << 2) | (v >> 4)) & 0xff);
    else if (quadPos === 2) out.push(((left << 4) | (v >> 2)) & 0xff);
    else if (quadPos === 3) out.push(((left << 6) | v) & 0xff);
    left = v;
    quadPos = (quadPos + 1) % 4;
  }
  if (quadPos === 0) return new Uint8Array(out);
  if (quadPos === 1) {
    const chars = Math.floor(out.length / 3) * 4 + 1;
    throw new PayloadError(
      'binascii.Error',
      `Invalid base64-encoded string: number of data characters (${chars}) cannot be 1 more than a multiple of 4`,
    );
  }
  throw new PayloadError('binascii.Error', 'Incorrect padding');
}

const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `signing.b62_encode` of an integer. */
export function b62Encode(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`b62Encode takes an integer, got ${n}`);
  if (n === 0) return '0';
  let rest = Math.abs(n);
  let encoded = '';
  while (rest > 0) {
    encoded = BASE62_ALPHABET[rest % 62] + encoded;
    rest = Math.floor(rest / 62);
  }
  return (n < 0 ? '-' : '') + encoded;
}

/** `signing.b62_decode`; throws PayloadError ("ValueError"/"IndexError") where Python does. */
export function b62Decode(text: string): number {
  if (text === '') throw new PayloadError('IndexError', 'string index out of range');
  const negative = text[0] === '-';
  let decoded = 0;
  for (const digit of negative ? text.slice(1) : text) {
    const value = BASE62_ALPHABET.indexOf(digit);
    if (value < 0) throw new PayloadError('ValueError', 'substring not found');
    decoded = decoded * 62 + value;
  }
  return negative ? -decoded : decoded;
}

/** Python's `str.rsplit(sep, 1)` that must yield two parts. */
function splitLast(text: string, sep: string): [string, string] | null {
  const at = text.lastIndexOf(sep);
  return at < 0 ? null : [text.slice(0, at), text.slice(at + sep.length)];
}

/** Django refuses a separator that could occur inside base64 or a signature (its regex `^[A-z0-9-_=]*$`). */
const SEP_UNSAFE = /^[A-z0-9\-_=]*$/;

/** Django's JSONSerializer output, compressed as `sign_object` decides, base64'd, `.`-prefixed when compressed. */
function encodeObject(obj: PyValue, compress: boolean): string {
  const json = pyJsonDumps(obj);
  const base64d = compress ? encodeCompressed(json) : b64Encode(utf8.encode(json));
  // Decoding it gives the JSON back (it is ASCII): the next request loads this session without zlib.
  payloadText.remember(base64d, json);
  return base64d;
}

// zlib and base64 are pure functions of the JSON text: sessions with the same
// content (every new visitor's {"visits":1}) are compressed once.
const encodeCompressed = memoize(1000, (json: string): string => {
  // pyJsonDumps writes ASCII only, so its UTF-8 is the latin-1 bytes Django compresses.
  const data = utf8.encode(json);
  if (compressionCannotHelp(data)) return b64Encode(data);
  const compressed = zlibCompress(data);
  return compressed.length < data.length - 1 ? '.' + b64Encode(compressed) : b64Encode(data);
});

let compressor: ZStream | null = null;

/**
 * `zlib.compress(data)`: level 6, a 32 KiB window, memLevel 8, and pako's
 * classic hash, the one that matches zlib's bytes. One stream is reset for
 * each call (zlib's deflateReset), sparing the ~200 kB of tables a new one allocates.
 */
function zlibCompress(data: Uint8Array): Uint8Array {
  if (compressor === null) {
    compressor = new ZStream();
    zlibDeflateInit2(compressor, 6, 8, 15, 8, Z_DEFAULT_STRATEGY, true);
  } else {
    zlibDeflateReset(compressor);
  }
  // zlib's deflateBound for these parameters is below this.
  const output = new Uint8Array(data.length + (data.length >> 8) + 64);
  Object.assign(compressor, { input: data, next_in: 0, avail_in: data.length, output, next_out: 0, avail_out: output.length });
  if (zlibDeflate(compressor, Z_FINISH) !== Z_STREAM_END) throw new Error(`zlib.compress failed: ${compressor.msg}`);
  return output.slice(0, compressor.next_out);
}

/** `zlib.decompress` (zlib wrapper only; bytes after the end of the stream are ignored, as by Python). */
function zlibDecompress(data: Uint8Array): Uint8Array {
  try {
    return inflate(data, { windowBits: 15 });
  } catch (error) {
    const why = (error as Error).message;
    // pako's "buffer error" is zlib's Z_BUF_ERROR, which Python words like this.
    const message = why === 'buffer error' ? 'Error -5 while decompressing data: incomplete or truncated stream' : `Error -3 while decompressing data: ${why}`;
    throw new PayloadError('zlib.error', message);
  }
}

/** The byte half of `unsign_object`: base64, then zlib when `.`-prefixed, read as latin-1 as JSONSerializer.loads does. */
const payloadText = memoize(1000, (base64d: string): string => {
  const compressed = base64d.startsWith('.');
  const bytes = b64Decode(compressed ? base64d.slice(1) : base64d);
  return latin1(compressed ? zlibDecompress(bytes) : bytes);
});

function parsePayload(json: string): PyValue {
  try {
    return pyJsonLoads(json);
  } catch (error) {
    if (error instanceof PyJsonDecodeError) throw new PayloadError('json.JSONDecodeError', error.message);
    throw error;
  }
}

/** The decoding half of `unsign_object`, once the signature was accepted. */
function decodePayload(base64d: string): PyValue {
  return parsePayload(payloadText(base64d));
}

export interface SignerOptions {
  key: string;
  /** SECRET_KEY_FALLBACKS: older keys a signature may also verify with, tried in order (Django 4.1.8+). */
  fallbackKeys?: readonly string[];
  salt?: string;
  sep?: string;
}

export class Signer {
  readonly key: string;
  readonly fallbackKeys: readonly string[];
  readonly salt: string;
  readonly sep: string;

  constructor(opts: SignerOptions) {
    this.key = opts.key;
    this.fallbackKeys = opts.fallbackKeys ?? [];
    this.sep = opts.sep ?? ':';
    if (SEP_UNSAFE.test(this.sep)) {
      throw new RangeError(`Unsafe Signer separator: '${this.sep}' (cannot be empty or consist of only A-z0-9-_=)`);
    }
    // Django falls back to "module.ClassName" for a missing or empty salt.
    this.salt = opts.salt || 'django.core.signing.Signer';
  }

  signature(value: string, key: string = this.key): string {
    return signaturesFor(this.salt + 'signer' + key)(value);
  }

  sign(value: string): string {
    return `${value}${this.sep}${this.signature(value)}`;
  }

  unsign(signed: string): string {
    const parts = splitLast(signed, this.sep);
    if (!parts) throw new BadSignature(`No "${this.sep}" found in value`);
    const [value, sig] = parts;
    // Django compares in constant time against timing attacks; nothing to time here.
    if (this.verifyingKey(signed) !== null) return value;
    throw new BadSignature(`Signature "${sig}" does not match`);
  }

  /** The key (SECRET_KEY, then each fallback in order) whose signature `signed` carries, or null. */
  verifyingKey(signed: string): string | null {
    const parts = splitLast(signed, this.sep);
    if (!parts) return null;
    const [value, sig] = parts;
    return [this.key, ...this.fallbackKeys].find((key) => sig === this.signature(value, key)) ?? null;
  }

  signObject(obj: PyValue, opts: { compress?: boolean } = {}): string {
    return this.sign(encodeObject(obj, opts.compress ?? false));
  }

  unsignObject(signed: string): PyValue {
    return decodePayload(this.unsign(signed));
  }
}

export class TimestampSigner extends Signer {
  readonly now: () => number;

  constructor(opts: SignerOptions & { now: () => number }) {
    super({ ...opts, salt: opts.salt || 'django.core.signing.TimestampSigner' });
    this.now = opts.now;
  }

  timestamp(): string {
    return b62Encode(Math.trunc(this.now()));
  }

  override sign(value: string): string {
    return super.sign(`${value}${this.sep}${this.timestamp()}`);
  }

  /** Raises SignatureExpired when the value is more than `maxAge` seconds old. */
  override unsign(signed: string, maxAge: number | null = null): string {
    const parts = splitLast(super.unsign(signed), this.sep);
    // Only a correctly signed value without a timestamp gets here (e.g. one from a plain Signer).
    if (!parts) throw new PayloadError('ValueError', 'not enough values to unpack (expected 2, got 1)');
    const [value, timestamp] = parts;
    const signedAt = b62Decode(timestamp);
    if (maxAge !== null) {
      const age = this.now() - signedAt;
      // time.time() is a float, hence Python's "1209601.0" in this message.
      if (age > maxAge) throw new SignatureExpired(`Signature age ${pyFloatRepr(age)} > ${maxAge} seconds`);
    }
    return value;
  }

  override unsignObject(signed: string, maxAge: number | null = null): PyValue {
    return decodePayload(this.unsign(signed, maxAge));
  }
}

/** `signing.dumps(obj, key, salt, compress=compress)` at a given Unix time. */
export function dumps(
  obj: PyValue,
  opts: { key: string; salt?: string; compress?: boolean; timestamp: number },
): string {
  const signer = new TimestampSigner({ key: opts.key, salt: opts.salt ?? 'django.core.signing', now: () => opts.timestamp });
  return signer.signObject(obj, { compress: opts.compress });
}

/**
 * `signing.loads(signed, key, salt, max_age=maxAge)` at a given Unix time. Throws
 * BadSignature / SignatureExpired for the signature and its age, PayloadError when a
 * correctly signed value does not decode.
 */
export function loads(
  signed: string,
  opts: { key: string; fallbackKeys?: readonly string[]; salt?: string; maxAge?: number | null; now: number },
): PyValue {
  const signer = new TimestampSigner({ key: opts.key, fallbackKeys: opts.fallbackKeys, salt: opts.salt ?? 'django.core.signing', now: () => opts.now });
  return signer.unsignObject(signed, opts.maxAge ?? null);
}

export interface SignedInspection {
  payload: string;
  timestamp: string | null;
  signature: string | null;
  compressed: boolean;
  /** The decoded (decompressed) JSON text, when decodable. */
  json: string | null;
  /** Parsed, when the JSON parses. */
  data: PyValue | undefined;
  timestampSeconds: number | null;
  /** What `loads` decides about the signature and its age; a payload that does not decode is told in `reason`. */
  outcome: 'ok' | 'BadSignature' | 'SignatureExpired';
  /** One plain-English sentence. */
  reason: string;
}

/** For the UI's decoder of a signed cookie: decode as far as possible even when the signature fails, and say why. */
export function inspectSigned(
  signed: string,
  opts: { key: string; fallbackKeys?: readonly string[]; salt: string; maxAge?: number | null; now: number },
): SignedInspection {
  const maxAge = opts.maxAge ?? null;
  const outer = splitLast(signed, ':');
  const inner = outer && splitLast(outer[0], ':');
  const payload = inner ? inner[0] : outer ? outer[0] : signed;
  const timestamp = inner ? inner[1] : null;
  const signature = outer ? outer[1] : null;

  let timestampSeconds: number | null = null;
  if (timestamp !== null) {
    try {
      timestampSeconds = b62Decode(timestamp);
    } catch {
      // Not base 62: shown as text only.
    }
  }

  let json: string | null = null;
  let data: PyValue | undefined;
  let decodeError: PayloadError | null = null;
  try {
    json = payloadText(payload);
    data = parsePayload(json);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    decodeError = error;
  }

  const signer = new TimestampSigner({ key: opts.key, fallbackKeys: opts.fallbackKeys, salt: opts.salt, now: () => opts.now });
  const verifiedWith = signer.verifyingKey(signed);
  const valid = verifiedWith !== null && verifiedWith !== opts.key
    ? 'the signature is valid under a key in SECRET_KEY_FALLBACKS (not the current SECRET_KEY)'
    : 'the signature is valid';
  // Once the signature is accepted, the timestamp decoded (or unsign would have thrown).
  const age = opts.now - (timestampSeconds ?? NaN);
  let outcome: SignedInspection['outcome'] = 'ok';
  let reason: string;
  try {
    signer.unsign(signed, maxAge);
    reason = decodeError
      ? `${valid}, but the payload does not decode (${decodeError.pyType}: ${decodeError.message}), so Django's loads raises that error instead of returning data`
      : maxAge === null
        ? `${valid} and no max_age is checked (the value was signed ${age} seconds ago)`
        : `${valid} and the value was signed ${age} seconds ago, within max_age (${maxAge} seconds)`;
  } catch (error) {
    if (error instanceof SignatureExpired) {
      outcome = 'SignatureExpired';
      reason = `${valid}, but the value was signed ${age} seconds ago, more than max_age (${maxAge} seconds), so it has expired`;
    } else if (error instanceof BadSignature) {
      outcome = 'BadSignature';
      reason =
        outer === null
          ? "the value has no ':' separator, so it is not a signed value at all"
          : inner === null
            ? "the value has only one ':' separator: its timestamp was removed, so the signature does not match what is left"
            : 'the signature does not match the payload and timestamp under SECRET_KEY or any key in SECRET_KEY_FALLBACKS: the value was changed after Django signed it, or it was signed with another secret key or salt';
    } else if (error instanceof PayloadError) {
      reason = `the signature is valid, but the timestamp does not decode (${error.pyType}: ${error.message}), so Django's loads raises that error`;
    } else {
      throw error;
    }
  }
  return { payload, timestamp, signature, compressed: payload.startsWith('.'), json, data, timestampSeconds, outcome, reason };
}
