import { expect, test } from 'vitest';
import { SharedTable } from '../../../src/sim/django/table';

test('a copy is independent: writes to either do not show in the other', () => {
  const table = new SharedTable<number>().set('a', 1).set('b', 2);
  const copy = table.copy();
  copy.set('a', 10);
  table.delete('b');
  expect([...table]).toEqual([['a', 1]]);
  expect([...copy]).toEqual([['a', 10], ['b', 2]]);
});

test('keys keep the order they were first written in, as a Map does (a rewrite keeps its place, a delete and re-add goes last)', () => {
  const table = new SharedTable<string>();
  for (const key of ['b', '2', 'a']) table.set(key, key);
  table.set('2', 'again');
  expect([...table.keys()]).toEqual(['b', '2', 'a']);
  table.delete('b');
  table.set('b', 'last');
  expect([...table.list()]).toEqual(['again', 'a', 'last']);
});

test('list() follows every write, and is the same rows while nothing was written', () => {
  const table = new SharedTable<number>().set('a', 1);
  const first = table.list();
  expect(table.list()).toBe(first);
  table.set('b', 2);
  expect([...table.list()]).toEqual([1, 2]);
  expect([table.list().length, table.list().at(1), table.list().at(2)]).toEqual([2, 2, undefined]);
  expect([...first]).toEqual([1]);
  expect([first.length, first.at(1)]).toEqual([1, undefined]);
  expect(table.delete('zz')).toBe(false);
  expect(table.size).toBe(2);
});

test('deleting while iterating reads the table as it was when the walk began', () => {
  const table = new SharedTable<number>().set('a', 1).set('b', 2).set('c', 3);
  const seen: string[] = [];
  for (const [key] of table) {
    seen.push(key);
    table.delete('c');
  }
  expect(seen).toEqual(['a', 'b', 'c']);
  expect([...table.keys()]).toEqual(['a', 'b']);
});

test('a layout derived write by write from an earlier one is the table in order, whatever the writes', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const table = new SharedTable<{ n: number }>();
  const copies: SharedTable<{ n: number }>[] = [];
  for (let i = 0; i < 3000; i++) {
    const key = `k${Math.floor(next() * 60)}`;
    if (next() < 0.3) table.delete(key);
    else table.set(key, { n: i });
    if (next() < 0.2) copies.push(table.copy());
    if (next() < 0.1) expect([...table.list()]).toEqual([...table.values()]);
  }
  for (const copy of copies) expect([...copy.list()]).toEqual([...copy.values()]);
});

test('versions that branch from one laid out version each list their own rows (appends share arrays, and must not show in a sibling)', () => {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const versions = [new SharedTable<number>().set('a', 0)];
  for (let i = 1; i < 2000; i++) {
    // A copy of any earlier version, written once or twice: mostly appends, as new sessions are.
    const table = versions[Math.floor(next() * versions.length)].copy();
    for (let w = next() < 0.5 ? 1 : 2; w > 0; w--) {
      const roll = next();
      if (roll < 0.7) table.set(`n${i}-${w}`, i);
      else if (roll < 0.85) table.set(`n${Math.floor(next() * i)}-1`, -i);
      else table.delete(`n${Math.floor(next() * i)}-1`);
    }
    if (next() < 0.5) table.list();
    versions.push(table);
  }
  for (const version of versions) expect([...version.list()]).toEqual([...version.values()]);
});

test('changedSince names the keys written since an earlier copy and whether that copy held them', () => {
  const older = new SharedTable<number>().set('a', 1).set('b', 2);
  const newer = older.copy();
  newer.set('a', 10);
  newer.set('c', 3);
  newer.delete('b');
  newer.set('c', 4);
  expect(newer.changedSince(older)).toEqual(new Map([['a', true], ['b', true], ['c', false]]));
  expect(older.copy().changedSince(older)).toEqual(new Map());
});

test('changedSince is null for a table not made from the other one: a sibling, a later copy, an unrelated table', () => {
  const base = new SharedTable<number>().set('a', 1);
  const left = base.copy().set('b', 2);
  const right = base.copy().set('c', 3);
  expect(left.changedSince(right)).toBeNull();
  expect(base.changedSince(left)).toBeNull();
  expect(left.changedSince(new SharedTable<number>().set('a', 1))).toBeNull();
});
