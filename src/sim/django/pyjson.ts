/**
 * Python's `json` module as Django's JSONSerializer uses it:
 * `json.dumps(obj, separators=(",", ":"))` and `json.loads(text)`.
 * Signed session data matches real Django byte for byte only if this text does.
 */
import { PyDateTime, type PyDict, type PyValue } from './values';

/** Python's TypeError, raised by json.dumps for a value JSON cannot hold. */
export class PyTypeError extends Error {
  override name = 'TypeError';
}

/** Python's json.JSONDecodeError: the message and position as Python words them. */
export class PyJsonDecodeError extends Error {
  override name = 'JSONDecodeError';
  constructor(
    readonly msg: string,
    readonly doc: string,
    readonly pos: number,
  ) {
    const lineno = countNewlines(doc, pos) + 1;
    const colno = pos - doc.lastIndexOf('\n', pos - 1);
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
  }
}

function countNewlines(doc: string, end: number): number {
  let n = 0;
  for (let i = doc.indexOf('\n'); i >= 0 && i < end; i = doc.indexOf('\n', i + 1)) n++;
  return n;
}

const SHORT_ESCAPES = new Map([
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\b', '\\b'],
  ['\f', '\\f'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/**
 * ensure_ascii: everything outside printable ASCII becomes \uXXXX (lowercase hex).
 * Walking UTF-16 code units gives an astral character as its surrogate pair, as Python writes it.
 */
function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES.get(ch);
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Python's `repr(float(x))`: the shortest digits that round-trip (JavaScript finds the same),
 * laid out as Python does — exponent form when the decimal exponent is below -4 or
 * above 15, with a sign and at least two digits (1e-05, 1e+16); otherwise positional
 * with at least one decimal (1.0).
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  // Here 1e-4 <= |x| < 1e16, where JavaScript also writes the digits positionally.
  const fixed = String(x);
  return fixed.includes('.') ? fixed : fixed + '.0';
}

/**
 * A number as json.dumps writes it. The simulation does not tell a Python int from a
 * float: an integer-valued number is written as an int (arbitrary precision, never
 * with an exponent), anything else as a float; json writes inf and nan as JavaScript does.
 */
function encodeNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pyFloatRepr(x);
}

/** How one json.dumps call writes: its separators, and its encoder's `default` for a datetime. */
interface DumpStyle {
  item: string;
  key: string;
  datetime: (value: PyDateTime) => string;
}

function encode(value: PyValue, style: DumpStyle): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'string') return encodeString(value);
  if (value instanceof PyDateTime) return style.datetime(value);
  if (Array.isArray(value)) return '[' + value.map((v) => encode(v, style)).join(style.item) + ']';
  const items = [...value].map(([k, v]) => encodeString(k) + style.key + encode(v, style));
  return '{' + items.join(style.item) + '}';
}

const SESSION_STYLE: DumpStyle = {
  item: ',',
  key: ':',
  datetime: () => {
    throw new PyTypeError('Object of type datetime is not JSON serializable');
  },
};

/** `json.dumps(value, separators=(",", ":"))` with Python's defaults (ensure_ascii, allow_nan): Django's JSONSerializer. */
export function pyJsonDumps(value: PyValue): string {
  return encode(value, SESSION_STYLE);
}

/** DjangoJSONEncoder's text for an aware UTC datetime: isoformat() cut to milliseconds, "+00:00" written as "Z". */
export function djangoJsonDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const RESPONSE_STYLE: DumpStyle = {
  item: ', ',
  key: ': ',
  datetime: (value) => encodeString(djangoJsonDatetime(value.ms)),
};

/** `json.dumps(value, cls=DjangoJSONEncoder)` with the default separators: the body JsonResponse writes. */
export function djangoJsonDumps(value: PyValue): string {
  return encode(value, RESPONSE_STYLE);
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_UNESCAPES = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** A recursive-descent twin of CPython's json scanner (the C one): same accepted texts, same error messages. */
class Scanner {
  constructor(private readonly s: string) {}

  skipWhitespace(pos: number): number {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(this.s);
    return WHITESPACE.lastIndex;
  }

  fail(msg: string, pos: number): never {
    throw new PyJsonDecodeError(msg, this.s, pos);
  }

  /** One value starting exactly at `pos`; returns it and the position after it. */
  value(pos: number): [PyValue, number] {
    const s = this.s;
    const ch = s[pos];
    if (ch === '"') return this.string(pos + 1);
    if (ch === '{') return this.object(pos + 1);
    if (ch === '[') return this.array(pos + 1);
    if (ch === 'n' && s.startsWith('null', pos)) return [null, pos + 4];
    if (ch === 't' && s.startsWith('true', pos)) return [true, pos + 4];
    if (ch === 'f' && s.startsWith('false', pos)) return [false, pos + 5];
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(s);
    if (m) {
      // An int: Python has no -0 int, so "-0" is 0.
      const n = m[2] === undefined && m[3] === undefined ? Number(m[1]) + 0 : Number(m[0]);
      return [n, NUMBER.lastIndex];
    }
    if (ch === 'N' && s.startsWith('NaN', pos)) return [NaN, pos + 3];
    if (ch === 'I' && s.startsWith('Infinity', pos)) return [Infinity, pos + 8];
    if (ch === '-' && s.startsWith('-Infinity', pos)) return [-Infinity, pos + 9];
    return this.fail('Expecting value', pos);
  }

  /** `pos` is just after the opening quote. */
  string(pos: number): [string, number] {
    const s = this.s;
    const begin = pos - 1;
    let out = '';
    for (;;) {
      const chunkStart = pos;
      while (pos < s.length && s[pos] !== '"' && s[pos] !== '\\' && s.charCodeAt(pos) >= 0x20) pos++;
      out += s.slice(chunkStart, pos);
      if (pos >= s.length) this.fail('Unterminated string starting at', begin);
      const ch = s[pos];
      if (ch === '"') return [out, pos + 1];
      if (ch !== '\\') this.fail('Invalid control character at', pos);
      pos++;
      if (pos >= s.length) this.fail('Unterminated string starting at', begin);
      const esc = s[pos];
      const simple = SIMPLE_UNESCAPES.get(esc);
      if (simple !== undefined) {
        out += simple;
        pos++;
      } else if (esc === 'u') {
        // A surrogate pair needs no joining: two \u escapes are two UTF-16 code units.
        const hex = s.slice(pos + 1, pos + 5);
        if (pos + 5 >= s.length || !HEX4.test(hex)) this.fail('Invalid \\uXXXX escape', pos);
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 5;
      } else {
        this.fail('Invalid \\escape', pos - 1);
      }
    }
  }

  /** `pos` is just after `{`. */
  object(pos: number): [PyDict, number] {
    const s = this.s;
    const obj: PyDict = new Map();
    pos = this.skipWhitespace(pos);
    if (s[pos] === '}') return [obj, pos + 1];
    if (s[pos] !== '"') this.fail('Expecting property name enclosed in double quotes', pos);
    for (;;) {
      const [key, afterKey] = this.string(pos + 1);
      pos = this.skipWhitespace(afterKey);
      if (s[pos] !== ':') this.fail("Expecting ':' delimiter", pos);
      pos = this.skipWhitespace(pos + 1);
      const [value, afterValue] = this.value(pos);
      // A repeated key keeps its first place and takes the last value, as in a dict.
      obj.set(key, value);
      pos = this.skipWhitespace(afterValue);
      if (s[pos] === '}') return [obj, pos + 1];
      if (s[pos] !== ',') this.fail("Expecting ',' delimiter", pos);
      pos = this.skipWhitespace(pos + 1);
      if (s[pos] !== '"') this.fail('Expecting property name enclosed in double quotes', pos);
    }
  }

  /** `pos` is just after `[`. */
  array(pos: number): [PyValue[], number] {
    const s = this.s;
    const items: PyValue[] = [];
    pos = this.skipWhitespace(pos);
    if (s[pos] === ']') return [items, pos + 1];
    for (;;) {
      const [value, afterValue] = this.value(pos);
      items.push(value);
      pos = this.skipWhitespace(afterValue);
      if (s[pos] === ']') return [items, pos + 1];
      if (s[pos] !== ',') this.fail("Expecting ',' delimiter", pos);
      pos = this.skipWhitespace(pos + 1);
    }
  }
}

/**
 * `json.loads(text)`: also accepts NaN, Infinity and -Infinity, as Python does.
 * Throws PyJsonDecodeError with Python's message. Python ints beyond 2**53 lose precision here.
 */
export function pyJsonLoads(text: string): PyValue {
  const scanner = new Scanner(text);
  if (text.startsWith('\ufeff')) scanner.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  const [value, end] = scanner.value(scanner.skipWhitespace(0));
  const rest = scanner.skipWhitespace(end);
  if (rest !== text.length) scanner.fail('Extra data', rest);
  return value;
}
