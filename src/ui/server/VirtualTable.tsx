import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { IndexedRows, Mark } from '../../state/diff';
import { MOUNT_WITHOUT_LAYOUT } from '../mountWithoutLayout';

/** Every row has this height (px), two lines: what lets the table render only the rows in view. */
export const ROW_HEIGHT = 46;
const OVERSCAN = 6;
/** Until the container is measured: its CSS max-height (22rem at 15px). */
const DEFAULT_VIEWPORT = 330;
/**
 * The virtualizer lays out every row again whenever its count changes: a
 * count rounded up to a multiple of this does that once per this many new
 * rows, not on every step that adds one to 100,000. The rows past the real
 * ones are never drawn.
 */
const COUNT_STEP = 1024;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

export interface Column<T> {
  header: string;
  /** Its grid area in the table's layout. */
  area: string;
  cell(row: T, mark: Mark | null): ReactNode;
}

/**
 * Where the cells go in a row's grid: two lines, so that long values (the
 * encoded data) get the panel's whole width even on a narrow screen. The
 * change mark is the area "mark".
 */
export interface Layout {
  columns: string;
  areas: string;
}

/**
 * A table that stays fast with 100,000 rows: a fixed-height scroll container
 * holding only the rows in view (plus a few either side), placed by index
 * (@tanstack/react-virtual). Each row shows its change mark for the selected step.
 */
export function VirtualTable<T>({ label, rows, columns, layout, rowKey }: {
  label: string;
  rows: IndexedRows<{ row: T; mark: Mark | null }>;
  columns: Column<T>[];
  layout: Layout;
  rowKey(row: T): string;
}) {
  const container = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer re-renders its host on scroll itself
  const virtualizer = useVirtualizer({
    count: Math.ceil(rows.length / COUNT_STEP) * COUNT_STEP,
    getScrollElement: () => container.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: DEFAULT_VIEWPORT },
    ...MOUNT_WITHOUT_LAYOUT,
  });
  const style = { '--vt-columns': layout.columns, '--vt-areas': layout.areas } as CSSProperties;

  // Scrolling the table with the keyboard must not also move the timeline.
  const keepScrollKeys = (event: KeyboardEvent) => {
    if (SCROLL_KEYS.has(event.key)) event.stopPropagation();
  };

  return (
    <div
      ref={container}
      className="vt"
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      style={style}
      onKeyDown={keepScrollKeys}
    >
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row">
          <span role="columnheader" className="vt-mark"><span className="visually-hidden">change</span></span>
          {columns.map((c) => <span role="columnheader" key={c.header} style={{ gridArea: c.area }}>{c.header}</span>)}
        </div>
      </div>
      <div role="rowgroup" className="vt-body" style={{ height: Math.max(rows.length, 1) * ROW_HEIGHT }}>
        {rows.length === 0 && <div role="row" className="vt-row vt-empty"><span role="cell">No rows.</span></div>}
        {virtualizer.getVirtualItems().filter(({ index }) => index < rows.length).map(({ index, start }) => {
          const { row, mark } = rows.at(index)!;
          return (
          <div
            role="row"
            key={rowKey(row)}
            aria-rowindex={index + 2}
            className={`vt-row${mark ? ` mark-${mark}` : ''}`}
            style={{ top: start }}
          >
            <span role="cell" className={`vt-mark${mark ? ` mark mark-${mark}` : ''}`}>
              {mark && <span className="visually-hidden">{mark}</span>}
            </span>
            {columns.map((c) => <span role="cell" key={c.header} style={{ gridArea: c.area }}>{c.cell(row, mark)}</span>)}
          </div>
          );
        })}
      </div>
    </div>
  );
}
