import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type HTMLAttributes, type ReactNode } from 'react';

/**
 * An ordered list that renders only the items in view (and a few either
 * side), however long the run: the items before and after the window are
 * stood in for by the list's own padding, so the list holds nothing but its
 * items. Each item is measured once rendered. `selected` is kept in view.
 */
export function VirtualList<T>({ items, estimateHeight, renderItem, selected, ...list }: {
  items: readonly T[];
  /** An item's height (px) before it is measured. */
  estimateHeight: number;
  renderItem(item: T, index: number): ReactNode;
  selected?: number;
} & Omit<HTMLAttributes<HTMLOListElement>, 'children'>) {
  const scroller = useRef<HTMLOListElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer re-renders its host on scroll itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateHeight,
    overscan: 8,
    // Until the list is measured: about what its CSS max-height shows.
    initialRect: { width: 0, height: 400 },
  });

  useEffect(() => {
    if (selected !== undefined && selected >= 0 && selected < items.length) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [virtualizer, selected, items.length]);

  const shown = virtualizer.getVirtualItems();
  const before = shown.length > 0 ? shown[0].start : 0;
  const after = shown.length > 0 ? virtualizer.getTotalSize() - shown[shown.length - 1].end : 0;
  return (
    <ol ref={scroller} {...list} style={{ ...list.style, paddingTop: before, paddingBottom: after }}>
      {shown.map((item) => (
        <li key={item.key} value={item.index + 1} data-index={item.index} ref={virtualizer.measureElement} aria-setsize={items.length} aria-posinset={item.index + 1}>
          {renderItem(items[item.index], item.index)}
        </li>
      ))}
    </ol>
  );
}
