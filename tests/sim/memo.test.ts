import { expect, test } from 'vitest';
import { memoize } from '../../src/sim/memo';

test('a remembered result is not computed again; the least recently used is forgotten first', () => {
  const computed: string[] = [];
  const upper = memoize(2, (key) => {
    computed.push(key);
    return key.toUpperCase();
  });
  expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
  expect(computed).toEqual(['a', 'b']);
  upper('c'); // over capacity: b (used before a's last use) goes
  upper('a');
  upper('b');
  expect(computed).toEqual(['a', 'b', 'c', 'b']);
});

test('a call that throws is not remembered', () => {
  let calls = 0;
  const failing = memoize(10, () => {
    calls += 1;
    throw new Error('no');
  });
  expect(() => failing('x')).toThrow('no');
  expect(() => failing('x')).toThrow('no');
  expect(calls).toBe(2);
});

test('an answer told with remember is given without computing, and counts towards the capacity', () => {
  const computed: string[] = [];
  const upper = memoize(2, (key) => {
    computed.push(key);
    return key.toUpperCase();
  });
  upper.remember('x', 'X');
  expect(upper('x')).toBe('X');
  expect(computed).toEqual([]);
  upper('a');
  upper('b'); // over capacity: x, the least recently used, goes
  expect(upper('x')).toBe('X');
  expect(computed).toEqual(['a', 'b', 'x']);
});
