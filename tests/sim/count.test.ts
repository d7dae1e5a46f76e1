import { expect, test } from 'vitest';
import { formatCount } from '../../src/sim/count';

test('digits grouped in threes from the right, as en-US writes counts', () => {
  expect(formatCount(0)).toBe('0');
  expect(formatCount(999)).toBe('999');
  expect(formatCount(1000)).toBe('1,000');
  expect(formatCount(10_000)).toBe('10,000');
  expect(formatCount(100_000)).toBe('100,000');
  expect(formatCount(1_234_567)).toBe('1,234,567');
  expect(formatCount(-1234)).toBe('-1,234');
});
