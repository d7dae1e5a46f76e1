import { expect, test } from 'vitest';
import { deepCopy, PyDateTime, type PyDict, type PyValue } from '../../../src/sim/django/values';
import { py, pyDictOf } from '../../support/py';

test('deepCopy copies nested lists and dicts, so a later in-place change does not leak', () => {
  const original = pyDictOf({ cart: ['apple'], nested: { n: 1 } });
  const copy = deepCopy(original);
  (original.get('cart') as string[]).push('pear');
  (original.get('nested') as PyDict).set('n', 2);
  expect(copy).toEqual(py({ cart: ['apple'], nested: { n: 1 } }));
});

test('deepCopy keeps every key in its place, "__proto__" and integer-like keys included, and keeps datetimes', () => {
  const when = new PyDateTime(5);
  const original = new Map<string, PyValue>([['__proto__', 'x'], ['b', 1], ['2', 2], ['when', when]]);
  const copy = deepCopy(original);
  expect([...copy.keys()]).toEqual(['__proto__', 'b', '2', 'when']);
  expect(copy.get('when')).toBe(when);
});
