import { expect, test } from 'vitest';
import { memoize } from '../../src/sim/memo';

function counted(capacity: number) {
  const computed: string[] = [];
  const upper = memoize(capacity, (key) => {
    computed.push(key);
    return key.toUpperCase();
  });
  return { upper, computed };
}

test('a remembered result is not computed again', () => {
  const { upper, computed } = counted(4);
  expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
  expect(computed).toEqual(['a', 'b']);
});

test('a key used again stays however many others come and go; one left unused for twice the capacity is forgotten', () => {
  const { upper, computed } = counted(3);
  upper('hot');
  upper('cold');
  for (let i = 0; i < 20; i++) {
    upper(`other${i}`);
    upper('hot');
  }
  expect(computed.filter((key) => key === 'hot')).toHaveLength(1);
  upper('cold');
  expect(computed.filter((key) => key === 'cold')).toHaveLength(2);
});

test('the last `capacity` distinct keys are always remembered', () => {
  const { upper, computed } = counted(5);
  for (let i = 0; i < 50; i++) upper(`k${i}`);
  const before = computed.length;
  for (let i = 45; i < 50; i++) upper(`k${i}`);
  expect(computed).toHaveLength(before);
});

test('a result that is undefined is remembered too', () => {
  let calls = 0;
  const nothing = memoize(10, () => {
    calls += 1;
    return undefined;
  });
  nothing('x');
  nothing('x');
  expect(calls).toBe(1);
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

test('an answer told with remember is given without computing', () => {
  const { upper, computed } = counted(4);
  upper.remember('x', 'X');
  expect(upper('x')).toBe('X');
  expect(computed).toEqual([]);
});
