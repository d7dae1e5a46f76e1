import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/**
 * The virtualizer's observer of its scroll box's size, as the library's own
 * (`clientWidth` and `clientHeight`, on every resize), without its first read
 * when a list mounts: made in the middle of React's commit, that read lays the
 * whole page out there. The ResizeObserver's first report comes at the next
 * frame, after the layout the frame makes anyway; until then the list is drawn
 * for its `initialRect`.
 */
export function observeRectAfterLayout<TItem extends Element>(instance: Virtualizer<HTMLDivElement, TItem>, report: (rect: Rect) => void): () => void {
  const element = instance.scrollElement;
  if (!element) return () => {};
  const observer = new ResizeObserver(() => report({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element);
  return () => observer.disconnect();
}
