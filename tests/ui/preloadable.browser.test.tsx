import { Suspense, type ComponentType } from 'react';
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { preloadable } from '../../src/ui/preloadable';

const Greeting = ({ name }: { name: string }) => <p>Hello, {name}</p>;

/** Renders `Component` under a fallback, noting every text the page showed in its commits. */
async function shown(Component: ComponentType<{ name: string }>) {
  const texts: string[] = [];
  const observer = new MutationObserver(() => texts.push(document.body.textContent ?? ''));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  const screen = await render(
    <Suspense fallback={<p>Loading…</p>}>
      <Component name="Ada" />
    </Suspense>,
  );
  await expect.element(screen.getByText('Hello, Ada')).toBeVisible();
  observer.disconnect();
  await screen.unmount();
  return texts;
}

test('preloaded, it renders in the first commit: the fallback never shows', async () => {
  const greeting = preloadable(() => Promise.resolve(Greeting));
  await greeting.preload();
  const texts = await shown(greeting.Component);
  expect(texts.some((text) => text.includes('Loading…'))).toBe(false);
});

test('not preloaded, it suspends: the fallback shows until the chunk arrives', async () => {
  const greeting = preloadable(() => new Promise<typeof Greeting>((resolve) => setTimeout(() => resolve(Greeting), 50)));
  const texts = await shown(greeting.Component);
  expect(texts.some((text) => text.includes('Loading…'))).toBe(true);
});

test('a chunk that failed to arrive is fetched again by the next preload', async () => {
  let attempts = 0;
  const greeting = preloadable(() => (++attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Greeting)));
  await expect(greeting.preload()).rejects.toThrow('offline');
  await greeting.preload();
  expect(attempts).toBe(2);
  expect((await shown(greeting.Component)).some((text) => text.includes('Loading…'))).toBe(false);
});
