/**
 * Change marks as data: between the previous step's rows and the selected
 * step's, which rows were added, changed or removed. One function drives the
 * marks of every panel (jar, store, settings).
 */
export type Mark = 'added' | 'changed' | 'removed';

export interface DiffedRow<T> {
  /** The row to show: the current one, or for a removed row the old one. */
  row: T;
  mark: Mark | null;
  /** The same row at the previous step (null when it was added, or on the first step): what a changed row changed from. */
  from: T | null;
}

export interface RowDiff<T> {
  /** Every row to show, in order: the current rows, then the removed ones. */
  rows: DiffedRow<T>[];
  counts: Record<Mark, number>;
}

export function diffRows<T>(previous: readonly T[] | null, current: readonly T[], id: (row: T) => string): RowDiff<T> {
  const counts: Record<Mark, number> = { added: 0, changed: 0, removed: 0 };
  if (previous === null) return { rows: current.map((row) => ({ row, mark: null, from: null })), counts };
  const rows: RowDiff<T>['rows'] = [];
  const mark = (row: T, from: T | null) => {
    const mark: Mark | null = from === null ? 'added' : sameJson(from, row) ? null : 'changed';
    if (mark) counts[mark]++;
    rows.push({ row, mark, from });
  };
  // Tables keep their order: the rows before the first one added or removed pair up by
  // position, so a step that changes a few of 100,000 rows needs no map of them all.
  let same = 0;
  while (same < previous.length && same < current.length && (previous[same] === current[same] || id(previous[same]) === id(current[same]))) {
    if (previous[same] === current[same]) rows.push({ row: current[same], mark: null, from: current[same] });
    else mark(current[same], previous[same]);
    same++;
  }
  const rest = previous.slice(same);
  const before = new Map(rest.map((row) => [id(row), row]));
  const after = new Set(current.slice(same).map(id));
  for (let i = same; i < current.length; i++) mark(current[i], before.get(id(current[i])) ?? null);
  for (const row of rest) {
    if (!after.has(id(row))) {
      rows.push({ row, mark: 'removed', from: row });
      counts.removed++;
    }
  }
  return { rows, counts };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
