import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { MOUNT_WITHOUT_LAYOUT } from './mountWithoutLayout';

/** Until the list is measured: about what its CSS max-height shows. */
const INITIAL_HEIGHT = 400;

/**
 * An ordered list that renders only the items in view (and a few either
 * side), however long the run: the items before and after the window are
 * stood in for by the list's own padding, so the list holds nothing but its
 * items. It scrolls inside `scrollerClassName`, which gives it its height.
 * Every item is `itemHeight` px high. `selected` is kept in view. The items
 * are numbered from `start`, as an `<ol start>` numbers them.
 */
export function VirtualList<T>({ items, itemHeight, renderItem, selected, scrollerClassName, start = 1, ...list }: {
  items: readonly T[];
  itemHeight: number;
  renderItem(item: T, index: number): ReactNode;
  selected?: number;
  scrollerClassName: string;
  start?: number;
} & Omit<HTMLAttributes<HTMLOListElement>, 'children' | 'start'>) {
  const scroller = useRef<HTMLDivElement>(null);
  // The first render draws the window around `selected` (a long run opens at its last step), not
  // the list's top, which would be drawn for nothing and replaced as soon as the list scrolls there.
  const [initialOffset] = useState(() => (selected === undefined ? 0 : Math.max(0, (selected + 1) * itemHeight - INITIAL_HEIGHT)));
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer re-renders its host on scroll itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => itemHeight,
    overscan: 8,
    initialOffset,
    initialRect: { width: 0, height: INITIAL_HEIGHT },
    ...MOUNT_WITHOUT_LAYOUT,
  });

  // At the next frame: reading or setting the scroll box's scroll position lays the page out,
  // which in the step's own effect happens in the middle of the step, and at the frame is the
  // layout the frame makes anyway. (The box's size is read there too: the virtualizer learns it
  // only after that frame's layout.)
  useEffect(() => {
    if (selected === undefined || selected < 0 || selected >= items.length) return;
    const frame = requestAnimationFrame(() => {
      const element = scroller.current;
      if (!element) return;
      const top = selected * itemHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + itemHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + itemHeight - element.clientHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [selected, items.length, itemHeight]);

  const shown = virtualizer.getVirtualItems();
  const before = shown.length > 0 ? shown[0].start : 0;
  const after = shown.length > 0 ? virtualizer.getTotalSize() - shown[shown.length - 1].end : 0;
  return (
    <div ref={scroller} className={scrollerClassName}>
      <ol {...list} style={{ ...list.style, margin: 0, paddingTop: before, paddingBottom: after }}>
        {shown.map((item) => (
          <li key={item.key} value={item.index + start} style={{ height: itemHeight }} aria-setsize={items.length} aria-posinset={item.index + 1}>
            {renderItem(items[item.index], item.index)}
          </li>
        ))}
      </ol>
    </div>
  );
}
