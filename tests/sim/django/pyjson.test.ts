import { describe, expect, test } from 'vitest';
import { thrown } from '../../support/thrown';
import { PyJsonDecodeError, PyTypeError, djangoJsonDumps, pyFloatRepr, pyJsonDumps, pyJsonLoads } from '../../../src/sim/django/pyjson';
import { PyDateTime, type PyValue } from '../../../src/sim/django/values';
import { py } from '../../support/py';


// Every expected text below was printed by real Python 3.11 (and Django 3.2):
// json.dumps(value, separators=(",", ":")), json.dumps(value, cls=DjangoJSONEncoder),
// json.loads(text), repr(float).

describe('pyJsonDumps writes what json.dumps(separators=(",", ":")) writes', () => {
  test.each<[string, Parameters<typeof py>[0], string]>([
    ['non-ASCII as \\u00XX', 'Zoë', '"Zo\\u00eb"'],
    ['an emoji as a surrogate pair', '🍪', '"\\ud83c\\udf6a"'],
    ['control characters and DEL', '\x01\x1f\x7f', '"\\u0001\\u001f\\u007f"'],
    ['quote and backslash escaped, slash not', 'q"b\\s/', '"q\\"b\\\\s/"'],
    ['the short escapes', '\n\r\t\b\f', '"\\n\\r\\t\\b\\f"'],
    ['U+2028', '\u2028', '"\\u2028"'],
    ['1.5', 1.5, '1.5'],
    ['0.1', 0.1, '0.1'],
    ['1e-05', 1e-5, '1e-05'],
    ['1e-07', 1e-7, '1e-07'],
    ['2.5e-10', 2.5e-10, '2.5e-10'],
    ['123456.789', 123456.789, '123456.789'],
    ['a negative int', -7, '-7'],
    ['a big int without exponent', 1e20, '100000000000000000000'],
    ['inf', Infinity, 'Infinity'],
    ['-inf', -Infinity, '-Infinity'],
    ['nan', NaN, 'NaN'],
    ['nested, with non-ASCII keys', { a: [1, { b: [true, false, null] }], é: 'ü' }, '{"a":[1,{"b":[true,false,null]}],"\\u00e9":"\\u00fc"}'],
    ['keys in insertion order', { visits: 1, cart: ['apple'], _auth_user_id: '1' }, '{"visits":1,"cart":["apple"],"_auth_user_id":"1"}'],
    ['an empty list', [], '[]'],
    ['an empty dict', {}, '{}'],
  ])('%s', (_, value, expected) => {
    expect(pyJsonDumps(py(value))).toBe(expected);
  });

  test('integer-like keys keep their insertion place, as in a dict (a JavaScript object would move them first)', () => {
    const dict = new Map<string, PyValue>([['b', 1], ['2', 2], ['a', 3], ['10', 4], ['1', 5]]);
    expect(pyJsonDumps(dict)).toBe('{"b":1,"2":2,"a":3,"10":4,"1":5}');
  });

  test('a datetime anywhere inside is a TypeError with Python\'s message', () => {
    const error = thrown(() => pyJsonDumps(py({ visits: 1, when: [new PyDateTime(Date.UTC(2026, 0, 1))] })));
    expect(error).toBeInstanceOf(PyTypeError);
    expect((error as Error).message).toBe('Object of type datetime is not JSON serializable');
  });
});

describe('djangoJsonDumps writes what JsonResponse writes (DjangoJSONEncoder, default separators)', () => {
  test.each<[string, Parameters<typeof py>[0], string]>([
    ['a page', { page: 'home' }, '{"page": "home"}'],
    [
      'a datetime without milliseconds',
      { session: { visits: 1, cart: ['a', 'b'], last_seen: new PyDateTime(Date.UTC(2026, 0, 1)) } },
      '{"session": {"visits": 1, "cart": ["a", "b"], "last_seen": "2026-01-01T00:00:00Z"}}',
    ],
    ['a datetime cut to milliseconds', { t: new PyDateTime(Date.UTC(2026, 0, 1, 12, 30, 5, 123)) }, '{"t": "2026-01-01T12:30:05.123Z"}'],
    ['booleans', { expiry_age: 1209600, expire_at_browser_close: false }, '{"expiry_age": 1209600, "expire_at_browser_close": false}'],
    ['non-ASCII, nesting, empties', { name: 'Zoë 🍪', x: [1.5, null, {}], e: [] }, '{"name": "Zo\\u00eb \\ud83c\\udf6a", "x": [1.5, null, {}], "e": []}'],
  ])('%s', (_, value, expected) => {
    expect(djangoJsonDumps(py(value))).toBe(expected);
  });
});

describe('pyFloatRepr is repr(float(x))', () => {
  test.each<[number, string]>([
    [1, '1.0'],
    [-0, '-0.0'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [1234567890123456.8, '1234567890123456.8'],
    [5e-324, '5e-324'],
    [0.30000000000000004, '0.30000000000000004'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ])('%s', (x, expected) => {
    expect(pyFloatRepr(x)).toBe(expected);
  });
});

describe('pyJsonLoads is json.loads', () => {
  // [text, json.dumps(json.loads(text), separators=(",", ":"))]
  test.each<[string, string]>([
    ['  {"a" : [ 1 , {"b":null} ] }  ', '{"a":[1,{"b":null}]}'],
    ['{"b":1,"a":2,"b":3}', '{"b":3,"a":2}'],
    ['{"b":1,"2":2,"a":3}', '{"b":1,"2":2,"a":3}'],
    ['"\\ud83c\\udf6a \\u00e9 \\/ \\n"', '"\\ud83c\\udf6a \\u00e9 / \\n"'],
    ['"\\ud83c"', '"\\ud83c"'],
    ['[NaN,Infinity,-Infinity,-0,1.5e-7]', '[NaN,Infinity,-Infinity,0,1.5e-07]'],
    ['{"__proto__":{"x":1}}', '{"__proto__":{"x":1}}'],
  ])('%j', (text, expected) => {
    expect(pyJsonDumps(pyJsonLoads(text))).toBe(expected);
  });

  test('a "__proto__" key is an ordinary key, not a prototype', () => {
    const value = pyJsonLoads('{"__proto__":{"x":1}}') as Map<string, PyValue>;
    expect([...value.keys()]).toEqual(['__proto__']);
    expect(value.get('__proto__')).toEqual(py({ x: 1 }));
  });

  test.each<[string, string]>([
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    [' ', 'Expecting value: line 1 column 2 (char 1)'],
    ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['{a:1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\\x"', 'Invalid \\escape: line 1 column 3 (char 2)'],
    ['"\\u12G4"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"a\nb"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['01', 'Extra data: line 1 column 2 (char 1)'],
    ['-', 'Expecting value: line 1 column 1 (char 0)'],
    ['[1,2]x', 'Extra data: line 1 column 6 (char 5)'],
    ['{"a":1,\n "b":}', 'Expecting value: line 2 column 6 (char 13)'],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
  ])('rejects %j as Python does', (text, message) => {
    const error = thrown(() => pyJsonLoads(text));
    expect(error).toBeInstanceOf(PyJsonDecodeError);
    expect((error as Error).message).toBe(message);
  });
});
