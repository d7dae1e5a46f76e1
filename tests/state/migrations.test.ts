import { expect, test } from 'vitest';
import { defineFormat, migrate } from '../../src/state/migrations';

// A format that went through two changes: 1 had `steps`, 2 renamed it `actions`, 3 added `seed`.
const format = defineFormat(1, [
  { version: 2, up: ({ steps, ...rest }) => ({ ...rest, actions: steps }) },
  { version: 3, up: (document) => ({ ...document, seed: 1 }) },
]);

test('a format reads from its first version to the one its last migration produces', () => {
  expect(format).toMatchObject({ first: 1, current: 3 });
  expect(defineFormat(1, []).current).toBe(1);
  expect(migrate(defineFormat(1, []), { version: 2 })).toEqual({ ok: false, reason: 'it was saved by a newer version of the playground (format 2; this one reads format 1)' });
});

test('an old document goes through every later migration, in order', () => {
  expect(migrate(format, { version: 1, steps: ['a'] })).toEqual({ ok: true, from: 1, document: { version: 3, actions: ['a'], seed: 1 } });
  expect(migrate(format, { version: 2, actions: ['a'] })).toEqual({ ok: true, from: 2, document: { version: 3, actions: ['a'], seed: 1 } });
  expect(migrate(format, { version: 3, actions: [], seed: 9 })).toEqual({ ok: true, from: 3, document: { version: 3, actions: [], seed: 9 } });
});

test.each([
  ['a newer format', { version: 4 }, /newer version of the playground \(format 4; this one reads formats 1 to 3\)/],
  ['a format before the first', { version: 0 }, /format 0 never existed/],
  ['no version', { steps: [] }, /names no format version/],
  ['a fractional version', { version: 1.5 }, /names no format version/],
  ['an array', [1], /not a JSON object/],
  ['null', null, /not a JSON object/],
])('refuses %s with a reason', (_, data, reason) => {
  const migrated = migrate(format, data);
  expect(migrated.ok).toBe(false);
  if (!migrated.ok) expect(migrated.reason).toMatch(reason);
});

test('a migration that throws is a reason, not a crash', () => {
  const broken = defineFormat(1, [{ version: 2, up: () => { throw new Error('no steps to rename'); } }]);
  expect(migrate(broken, { version: 1 })).toEqual({ ok: false, reason: 'it could not be brought from format 1 to 2: no steps to rename' });
});

test('migrations must follow one another without a gap', () => {
  expect(() => defineFormat(1, [{ version: 3, up: (d) => d }])).toThrow(/produces format 3, expected 2/);
});
