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

/** Rows read by index (an array is one): what a table of rows in view needs. */
export interface IndexedRows<R> {
  readonly length: number;
  at(index: number): R | undefined;
}

export interface RowDiff<T, Rows extends IndexedRows<DiffedRow<T>> = IndexedRows<DiffedRow<T>>> {
  /** Every row to show, in order: the current rows, then the removed ones. */
  rows: Rows;
  counts: Record<Mark, number>;
  /** The rows with a mark, in the same order. */
  marked(): DiffedRow<T>[];
}

/** Two frames' versions of a store table, as diffTable reads them. */
export interface TableVersion<T> {
  list(): IndexedRows<T> & Iterable<T>;
  get(key: string): T | undefined;
  /** The keys written since `older` (whether `older` held each), or null when this version was not made from it. */
  changedSince(older: this): Map<string, boolean> | null;
}

export function diffRows<T>(previous: readonly T[] | null, current: readonly T[], id: (row: T) => string): RowDiff<T, DiffedRow<T>[]> {
  const counts: Record<Mark, number> = { added: 0, changed: 0, removed: 0 };
  if (previous === null) return { rows: current.map((row) => ({ row, mark: null, from: null })), counts, marked: () => [] };
  const rows: DiffedRow<T>[] = [];
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
  return { rows, counts, marked: () => rows.filter((r) => r.mark !== null) };
}

/**
 * diffRows for a store table that can say what was written between two
 * frames: the marks come from those writes, and a row is wrapped only when it
 * is read, so a step that adds one row to 100,000 reads one, not 100,000.
 */
export function diffTable<T>(previous: TableVersion<T> | null, current: TableVersion<T>, id: (row: T) => string): RowDiff<T> {
  const list = current.list();
  if (previous === null) {
    const at = (index: number) => {
      const row = list.at(index);
      return row === undefined ? undefined : { row, mark: null, from: null };
    };
    return { rows: { length: list.length, at }, counts: { added: 0, changed: 0, removed: 0 }, marked: () => [] };
  }
  const written = current.changedSince(previous);
  if (written === null) return diffRows([...previous.list()], [...list], id);
  const counts: Record<Mark, number> = { added: 0, changed: 0, removed: 0 };
  const marks = new Map<string, 'added' | 'changed'>();
  const removedKeys = new Set<string>();
  for (const [key, existed] of written) {
    const now = current.get(key);
    if (now === undefined) {
      if (existed) removedKeys.add(key);
    } else if (!existed) {
      marks.set(key, 'added');
    } else if (!sameJson(previous.get(key), now)) {
      marks.set(key, 'changed');
    }
  }
  for (const mark of marks.values()) counts[mark]++;
  counts.removed = removedKeys.size;
  // In the earlier version's order, as diffRows lists them.
  const removed: DiffedRow<T>[] = [];
  if (removedKeys.size > 0) for (const row of previous.list()) if (removedKeys.has(id(row))) removed.push({ row, mark: 'removed', from: row });
  const wrap = (row: T): DiffedRow<T> => {
    const mark = marks.get(id(row)) ?? null;
    return { row, mark, from: mark === 'added' ? null : previous.get(id(row))! };
  };
  const at = (index: number) => {
    if (index < list.length) {
      const row = list.at(index);
      return row === undefined ? undefined : wrap(row);
    }
    return removed[index - list.length];
  };
  const marked = () => {
    const shown: DiffedRow<T>[] = [];
    if (marks.size > 0) for (const row of list) if (marks.has(id(row))) shown.push(wrap(row));
    return [...shown, ...removed];
  };
  return { rows: { length: list.length + removed.length, at }, counts, marked };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
