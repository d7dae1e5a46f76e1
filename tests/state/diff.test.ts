import { expect, test } from 'vitest';
import { SharedTable } from '../../src/sim/django/table';
import { diffRows, diffTable, type RowDiff } from '../../src/state/diff';

const id = (r: { k: string }) => r.k;

test('marks added, changed and removed rows, keeping current order and listing removed rows last', () => {
  const diff = diffRows([{ k: 'a', v: 1 }, { k: 'b', v: 1 }, { k: 'c', v: 1 }], [{ k: 'b', v: 2 }, { k: 'c', v: 1 }, { k: 'd', v: 1 }], id);
  expect(diff.rows.map((r) => [r.row.k, r.mark])).toEqual([['b', 'changed'], ['c', null], ['d', 'added'], ['a', 'removed']]);
  expect(diff.counts).toEqual({ added: 1, changed: 1, removed: 1 });
});

test('each row keeps what it was at the previous step: a changed row its old version, a removed row itself, an added row nothing', () => {
  const diff = diffRows([{ k: 'a', v: 1 }, { k: 'b', v: 1 }, { k: 'c', v: 1 }], [{ k: 'b', v: 2 }, { k: 'c', v: 1 }, { k: 'd', v: 1 }], id);
  expect(diff.rows.map((r) => [r.row, r.from])).toEqual([
    [{ k: 'b', v: 2 }, { k: 'b', v: 1 }],
    [{ k: 'c', v: 1 }, { k: 'c', v: 1 }],
    [{ k: 'd', v: 1 }, null],
    [{ k: 'a', v: 1 }, { k: 'a', v: 1 }],
  ]);
});

test('the first step has nothing to compare with: no marks', () => {
  const diff = diffRows(null, [{ k: 'a' }], id);
  expect(diff.rows).toEqual([{ row: { k: 'a' }, mark: null, from: null }]);
});

test('rows paired by position up to the first insertion or removal, then by key: a change in place, a moved tail, an append', () => {
  const before = [{ k: 'a', v: 1 }, { k: 'b', v: 1 }, { k: 'c', v: 1 }, { k: 'd', v: 1 }, { k: 'e', v: 1 }];
  const after = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'd', v: 1 }, { k: 'e', v: 3 }, { k: 'f', v: 1 }];
  const diff = diffRows(before, after, id);
  expect(diff.rows.map((r) => [r.row.k, r.mark, r.from?.v ?? null])).toEqual([
    ['a', null, 1], ['b', 'changed', 1], ['d', null, 1], ['e', 'changed', 1], ['f', 'added', null], ['c', 'removed', 1],
  ]);
  expect(diff.counts).toEqual({ added: 1, changed: 2, removed: 1 });
});

const shown = <T>(diff: RowDiff<T>) => Array.from({ length: diff.rows.length }, (_, i) => diff.rows.at(i));

test('diffTable reads two versions of a store table as diffRows reads their rows, whatever was written between them', () => {
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const table = new SharedTable<{ k: string; v: number }>();
  for (let i = 0; i < 40; i++) table.set(`k${i}`, { k: `k${i}`, v: 0 });
  let checked = 0;
  for (let round = 0; round < 400; round++) {
    const previous = table.copy();
    for (let w = Math.floor(next() * 4); w > 0; w--) {
      const key = `k${Math.floor(next() * 60)}`;
      const roll = next();
      if (roll < 0.3) table.delete(key);
      // Half the rewrites store an equal value: not a change.
      else table.set(key, { k: key, v: roll < 0.65 ? (table.get(key)?.v ?? 0) : round });
    }
    const current = table.copy();
    const expected = diffRows([...previous.list()], [...current.list()], id);
    const actual = diffTable(previous, current, id);
    expect(shown(actual)).toEqual(expected.rows);
    expect(actual.counts).toEqual(expected.counts);
    expect(actual.marked()).toEqual(expected.marked());
    checked += expected.marked().length;
  }
  // The histories did mark rows, of every kind.
  expect(checked).toBeGreaterThan(300);
});

test('diffTable reads only the rows asked for: a step that adds one of 100,000 rows wraps none of the others', () => {
  const table = new SharedTable<{ k: string }>();
  for (let i = 0; i < 100_000; i++) table.set(`k${i}`, { k: `k${i}` });
  const previous = table.copy();
  const current = table.copy().set('new', { k: 'new' });
  let reads = 0;
  const counted = (row: { k: string }) => (reads++, row.k);
  const diff = diffTable(previous, current, counted);
  expect(diff.counts).toEqual({ added: 1, changed: 0, removed: 0 });
  expect([diff.rows.length, diff.rows.at(100_000)?.mark, diff.rows.at(5)?.mark]).toEqual([100_001, 'added', null]);
  expect(reads).toBeLessThan(10);
});

test('diffTable between versions it cannot connect falls back to comparing their rows', () => {
  const previous = new SharedTable<{ k: string; v: number }>().set('a', { k: 'a', v: 1 }).set('b', { k: 'b', v: 1 });
  const current = new SharedTable<{ k: string; v: number }>().set('b', { k: 'b', v: 2 }).set('c', { k: 'c', v: 1 });
  expect(shown(diffTable(previous, current, id)).map((r) => [r?.row.k, r?.mark])).toEqual([['b', 'changed'], ['c', 'added'], ['a', 'removed']]);
  expect(shown(diffTable(null, current, id)).map((r) => r?.mark)).toEqual([null, null]);
});
