import { expect, test } from 'vitest';
import { SeededRandom, randomString } from '../../src/sim/random';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

test('the same seed gives the same strings, another seed other strings', () => {
  const a = randomString(new SeededRandom(42), 32, ALPHABET);
  const b = randomString(new SeededRandom(42), 32, ALPHABET);
  const c = randomString(new SeededRandom(43), 32, ALPHABET);
  expect(a).toMatch(/^[a-z0-9]{32}$/);
  expect(a).toBe(b);
  expect(a).not.toBe(c);
});

test('a saved state resumes the same sequence', () => {
  const random = new SeededRandom(7);
  randomString(random, 10, ALPHABET);
  const resumed = new SeededRandom(random.state());
  expect(randomString(resumed, 32, ALPHABET)).toBe(randomString(random, 32, ALPHABET));
});
