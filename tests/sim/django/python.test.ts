/**
 * Python's semantics where a view meets session data of any JSON type. The
 * expected values and messages are what CPython 3.11 and Django 4.2 print
 * (run on this project's oracle machine: `x + 1`, `x.append(...)`,
 * `AutoField(primary_key=True).to_python(x)`).
 */
import { describe, expect, test } from 'vitest';
import { thrown } from '../../support/thrown';
import { autoFieldToPython, pyAddInt, pyAppend, pyRepr, pyTruthy } from '../../../src/sim/django/python';
import { PyDateTime, type PyValue } from '../../../src/sim/django/values';
import { py } from '../../support/py';

describe('x + 1', () => {
  test.each([
    [true, 2],
    [1.5, 2.5],
    [41, 42],
  ])('%j + 1 == %j', (value, expected) => expect(pyAddInt(value, 1)).toBe(expected));

  test.each([
    ['5', 'TypeError: can only concatenate str (not "int") to str'],
    [[1], 'TypeError: can only concatenate list (not "int") to list'],
    [null, "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'"],
    [py({ a: 1 }), "TypeError: unsupported operand type(s) for +: 'dict' and 'int'"],
  ])('%j + 1 raises %s', (value, message) => expect(String(thrown(() => pyAddInt(value, 1)))).toBe(message));
});

describe('x.append(item)', () => {
  test('a list grows in place', () => {
    const cart = ['tea'];
    expect(pyAppend(cart, 'milk')).toBe(cart);
    expect(cart).toEqual(['tea', 'milk']);
  });
  test.each([
    ['5', "AttributeError: 'str' object has no attribute 'append'"],
    [null, "AttributeError: 'NoneType' object has no attribute 'append'"],
    [py({ a: 1 }), "AttributeError: 'dict' object has no attribute 'append'"],
    [3, "AttributeError: 'int' object has no attribute 'append'"],
    [true, "AttributeError: 'bool' object has no attribute 'append'"],
  ])('%j.append raises %s', (value, message) => expect(String(thrown(() => pyAppend(value, 'x')))).toBe(message));
});

describe("AutoField.to_python, as auth reads _auth_user_id", () => {
  test.each([
    [' 7 ', 7],
    ['٣', 3],
    [1.9, 1],
    [true, 1],
    [null, null],
    ['1_0', 10],
  ])('%j -> %j', (value, expected) => expect(autoFieldToPython(value)).toBe(expected));

  test.each([
    ['abc', "ValidationError: ['“abc” value must be an integer.']"],
    ['1.5', "ValidationError: ['“1.5” value must be an integer.']"],
    [[1], "ValidationError: ['“[1]” value must be an integer.']"],
    [py({ a: 1 }), `ValidationError: ["“{'a': 1}” value must be an integer."]`],
  ])('%j raises %s', (value, message) => expect(String(thrown(() => autoFieldToPython(value)))).toBe(message));
});

test('repr of the values a session holds', () => {
  expect(pyRepr(new Map<string, PyValue>([['a', py([1, 'x', null, true])], ['2', 'two']]))).toBe("{'a': [1, 'x', None, True], '2': 'two'}");
});

describe('bool(x), as `if not expiry` and `expiry or default` read a stored value', () => {
  test.each<[string, PyValue, boolean]>([
    ['None', null, false],
    ['0', 0, false],
    ['-0.0', -0, false],
    ['NaN', NaN, true],
    ['""', '', false],
    ['"0"', '0', true],
    ['[]', [], false],
    ['[0]', [0], true],
    ['{}', new Map(), false],
    ['{"a": 0}', py({ a: 0 }), true],
    ['a datetime', new PyDateTime(0), true],
  ])('bool(%s) is %j', (_, value, expected) => expect(pyTruthy(value)).toBe(expected));
});

