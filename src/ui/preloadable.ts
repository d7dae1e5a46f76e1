import { createElement, lazy, type ComponentType } from 'react';

/**
 * A component in a chunk of its own. Once `preload` has fetched it, it
 * renders at once; before, it suspends (React.lazy). React.lazy alone
 * suspends on first render even when the chunk is at hand, and React reveals
 * content that suspended in throttled batches, up to 300 ms after the last
 * fallback it showed: a page whose chunks are all fetched would wait for that.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): { Component: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A chunk that failed to arrive (offline) is fetched again next time.
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  const Component = (props: P) => createElement(loaded ?? Lazy, props);
  return { Component, preload };
}
