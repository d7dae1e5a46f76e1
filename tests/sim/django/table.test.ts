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
  expect(table.list()).toEqual(['again', 'a', 'last']);
});

test('list() follows every write, and is the same array while nothing was written', () => {
  const table = new SharedTable<number>().set('a', 1);
  const first = table.list();
  expect(table.list()).toBe(first);
  table.set('b', 2);
  expect(table.list()).toEqual([1, 2]);
  expect(first).toEqual([1]);
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
    if (next() < 0.1) expect(table.list()).toEqual([...table.values()]);
  }
  for (const copy of copies) expect(copy.list()).toEqual([...copy.values()]);
});
