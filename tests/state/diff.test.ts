import { expect, test } from 'vitest';
import { diffRows } from '../../src/state/diff';

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
