/**
 * Python's semantics where Django's code would see them: session data is
 * whatever a client can get signed (a forged signed cookie, a leaked key), so
 * a view's `+ 1`, `.append()` or `int()` meets any JSON value and must fail
 * as Python fails, never as JavaScript would quietly carry on.
 */
import { PyException, ValueError } from './errors';
import { PyDateTime, type PyValue } from './values';

export class TypeError_ extends PyException {
  constructor(message: string) {
    super('TypeError', message);
  }
}

export class AttributeError extends PyException {
  constructor(message: string) {
    super('AttributeError', message);
  }
}

/** django.core.exceptions.ValidationError, printed as Python prints it: a list of messages. */
export class ValidationError extends PyException {
  constructor(message: string) {
    super('ValidationError', `[${pyRepr(message)}]`);
  }
}

/** type(value).__name__ */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyDateTime) return 'datetime';
  return 'dict';
}

/** bool(value): None, False, 0, 0.0, "" and an empty list or dict are false; NaN is true, unlike in JavaScript. */
export function pyTruthy(value: PyValue): boolean {
  if (value === null) return false;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (value instanceof PyDateTime) return true;
  return Boolean(value);
}

/** repr(value) for the JSON values a session holds (str() of a dict or list is its repr). */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof PyDateTime) return `datetime.datetime.fromtimestamp(${value.ms / 1000}, tz=datetime.timezone.utc)`;
  return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

/** `value + 1`: numbers and bools add (True + 1 == 2); anything else raises TypeError as Python does. */
export function pyAddInt(value: PyValue, addend: number): number {
  if (typeof value === 'number') return value + addend;
  if (typeof value === 'boolean') return Number(value) + addend;
  if (typeof value === 'string' || Array.isArray(value)) {
    throw new TypeError_(`can only concatenate ${pyTypeName(value)} (not "int") to ${pyTypeName(value)}`);
  }
  throw new TypeError_(`unsupported operand type(s) for +: '${pyTypeName(value)}' and 'int'`);
}

/** `value.append(item)`: only a list has append. */
export function pyAppend(value: PyValue, item: PyValue): PyValue[] {
  if (!Array.isArray(value)) throw new AttributeError(`'${pyTypeName(value)}' object has no attribute 'append'`);
  value.push(item);
  return value;
}

// Whitespace beyond ASCII as Python's str.isspace() knows it.
const UNICODE_SPACE = /[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const DECIMAL = /\p{Nd}/u;

/** The value of a Unicode decimal digit: digits come in runs of ten, from 0 to 9. */
function decimalValue(codePoint: number): number {
  let start = codePoint;
  while (DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

/**
 * Python's int(text): ASCII spaces around an optional sign and digits, single
 * underscores between digits. Any Unicode decimal digit counts as its ASCII
 * digit and any Unicode space as a space ("٣" and "５" are 3 and 5), as
 * CPython converts them before parsing.
 */
export function pythonInt(text: string): number {
  let ascii = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    if (codePoint < 128) ascii += char;
    else if (DECIMAL.test(char)) ascii += String(decimalValue(codePoint));
    else ascii += UNICODE_SPACE.test(char) ? ' ' : char;
  }
  if (!/^[ \t\n\v\f\r]*[+-]?[0-9]+(_[0-9]+)*[ \t\n\v\f\r]*$/.test(ascii)) {
    throw new ValueError(`invalid literal for int() with base 10: '${text}'`);
  }
  const value = Number(ascii.trim().replaceAll('_', ''));
  if (!Number.isSafeInteger(value)) throw new ValueError(`the playground only models integers up to ${Number.MAX_SAFE_INTEGER}`);
  return value;
}


/**
 * AutoField.to_python, as auth reads `_auth_user_id` from the session: int()
 * of whatever is stored (a str, an int, a float truncated, a bool), and a
 * ValidationError for anything int() refuses. None stays None.
 */
export function autoFieldToPython(value: PyValue): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    try {
      return pythonInt(value);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
    }
  }
  const text = typeof value === 'string' ? value : pyRepr(value);
  throw new ValidationError(`\u201c${text}\u201d value must be an integer.`);
}
