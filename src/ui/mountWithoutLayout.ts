import { elementScroll, type Rect, type VirtualizerOptions, type Virtualizer } from '@tanstack/react-virtual';

/**
 * The virtualizer's observer of its scroll box's size, as the library's own
 * (`clientWidth` and `clientHeight`, on every resize), without its first read
 * when a list mounts. The ResizeObserver's first report comes at the next
 * frame, after the layout the frame makes anyway; until then the list is drawn
 * for its `initialRect`.
 */
function observeRectAfterLayout<TItem extends Element>(instance: Virtualizer<HTMLDivElement, TItem>, report: (rect: Rect) => void): () => void {
  const element = instance.scrollElement;
  if (!element) return () => {};
  const observer = new ResizeObserver(() => report({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element);
  return () => observer.disconnect();
}

const wroteBefore = new WeakSet<object>();

/**
 * The library's scroll write, except its first, as the list mounts, when it
 * is to the top: a box made in this commit is there already.
 */
function scrollUnlessMountingAtTop<TItem extends Element>(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, TItem>): void {
  const first = !wroteBefore.has(instance);
  wroteBefore.add(instance);
  if (first && offset + (options.adjustments ?? 0) === 0) return;
  elementScroll(offset, options, instance);
}

/**
 * Options for a virtualizer that make its mount read and write no layout:
 * both, made in the middle of React's commit, lay the whole page out there
 * (a new store table mounts on every change of engine).
 */
export const MOUNT_WITHOUT_LAYOUT = {
  observeElementRect: observeRectAfterLayout,
  scrollToFn: scrollUnlessMountingAtTop,
} satisfies Partial<VirtualizerOptions<HTMLDivElement, Element>>;
