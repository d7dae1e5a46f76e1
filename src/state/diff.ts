/**
 * Change marks as data: between the previous step's rows and the selected
 * step's, which rows were added, changed or removed. One function drives the
 * marks of every panel (jar, store, settings).
 */
export type Mark = 'added' | 'changed' | 'removed';

export interface RowDiff<T> {
  /** Every row to show, in order: the current rows, then the removed ones. */
  rows: { row: T; mark: Mark | null }[];
  counts: Record<Mark, number>;
}

export function diffRows<T>(previous: readonly T[] | null, current: readonly T[], id: (row: T) => string): RowDiff<T> {
  const counts: Record<Mark, number> = { added: 0, changed: 0, removed: 0 };
  if (previous === null) return { rows: current.map((row) => ({ row, mark: null })), counts };
  const before = new Map(previous.map((row) => [id(row), row]));
  const after = new Set(current.map(id));
  const rows: RowDiff<T>['rows'] = current.map((row) => {
    const old = before.get(id(row));
    const mark: Mark | null = old === undefined ? 'added' : sameJson(old, row) ? null : 'changed';
    if (mark) counts[mark]++;
    return { row, mark };
  });
  for (const row of previous) {
    if (!after.has(id(row))) {
      rows.push({ row, mark: 'removed' });
      counts.removed++;
    }
  }
  return { rows, counts };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
