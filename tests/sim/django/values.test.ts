import { expect, test } from 'vitest';
import { deepCopy, PyDateTime, type PyDict } from '../../../src/sim/django/values';

test('deepCopy copies nested lists and dicts, so a later in-place change does not leak', () => {
  const original: PyDict = { cart: ['apple'], nested: { n: 1 } };
  const copy = deepCopy(original);
  (original.cart as string[]).push('pear');
  (original.nested as PyDict).n = 2;
  expect(copy).toEqual({ cart: ['apple'], nested: { n: 1 } });
});

test('deepCopy keeps a "__proto__" key as an ordinary key and keeps datetimes', () => {
  const original = JSON.parse('{"__proto__": "x", "a": 1}') as PyDict;
  original.when = new PyDateTime(5);
  const copy = deepCopy(original);
  expect(Object.keys(copy)).toEqual(['__proto__', 'a', 'when']);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect((copy.when as PyDateTime).ms).toBe(5);
});
