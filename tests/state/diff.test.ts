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
