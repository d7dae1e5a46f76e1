import { expect, test, vi } from 'vitest';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { render } from 'vitest-browser-react';
import { VirtualList } from '../../src/ui/VirtualList';

const items = Array.from({ length: 1000 }, (_, i) => `step ${i + 1}`);

function List({ selected, drawn }: { selected: number; drawn: number[] }) {
  return (
    <>
      <style>{'.scroller { max-height: 300px; overflow-y: auto; }'}</style>
      <VirtualList
        items={items}
        itemHeight={30}
        selected={selected}
        scrollerClassName="scroller"
        aria-label="Steps"
        renderItem={(item, index) => {
          drawn.push(index);
          return <span>{item}</span>;
        }}
      />
    </>
  );
}

test('opened at its last item, the list draws the items around it from the start, never its top', async () => {
  const drawn: number[] = [];
  const screen = await render(<List selected={999} drawn={drawn} />);
  await expect.element(screen.getByText('step 1000', { exact: true })).toBeInViewport();
  expect(Math.min(...drawn)).toBeGreaterThan(900);
});

test('opened at its top, it draws the first items', async () => {
  const drawn: number[] = [];
  const screen = await render(<List selected={0} drawn={drawn} />);
  await expect.element(screen.getByText('step 1', { exact: true })).toBeInViewport();
  expect(Math.max(...drawn)).toBeLessThan(50);
});

test('the selected item is scrolled into view when the selection moves, up or down, by one or by many', async () => {
  const drawn: number[] = [];
  const screen = await render(<List selected={999} drawn={drawn} />);
  await expect.element(screen.getByText('step 1000', { exact: true })).toBeInViewport();
  for (const selected of [500, 499, 520, 3, 998]) {
    await screen.rerender(<List selected={selected} drawn={drawn} />);
    const item = screen.getByText(`step ${selected + 1}`, { exact: true });
    await expect.element(item).toBeInViewport({ ratio: 1 });
  }
});

test('mounting a list reads and writes no layout during React\'s commit, and it draws for its box\'s real height once the frame has measured it', async () => {
  const host = document.body.appendChild(document.createElement('div'));
  const reads: string[] = [];
  const spies = [
    ...(['clientWidth', 'clientHeight', 'scrollTop', 'offsetHeight'] as const).map((name) => vi.spyOn(HTMLElement.prototype, name, 'get').mockImplementation(function (this: HTMLElement) {
      reads.push(name);
      return Object.getOwnPropertyDescriptor(name === 'offsetHeight' ? HTMLElement.prototype : Element.prototype, name)!.get!.call(this) as number;
    })),
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      reads.push('getBoundingClientRect');
      return new DOMRect();
    }),
    // A scroll write lays the page out as much as a read.
    vi.spyOn(Element.prototype, 'scrollTo').mockImplementation(() => void reads.push('scrollTo')),
    vi.spyOn(HTMLElement.prototype, 'scrollTop', 'set').mockImplementation(() => void reads.push('scrollTop =')),
  ];
  const root = createRoot(host);
  try {
    // The box is 900 px high: more than the 400 px the list assumes until it is measured.
    flushSync(() => root.render(
      <>
        <style>{'.tall { height: 900px; overflow-y: auto; }'}</style>
        <VirtualList items={items} itemHeight={30} scrollerClassName="tall" aria-label="Tall" renderItem={(item) => <span>{item}</span>} />
      </>,
    ));
    expect(reads).toEqual([]);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  try {
    // 900 px show items 1 to 30; the assumed 400 px (and 8 more) would stop at item 22.
    await expect.poll(() => [...host.querySelectorAll('li')].some((li) => li.textContent === 'step 30')).toBe(true);
  } finally {
    root.unmount();
    host.remove();
  }
});

test('items are numbered from start, as an ol with that start numbers them', async () => {
  const screen = await render(
    <VirtualList items={['Start', 'GET /visits/']} itemHeight={30} scrollerClassName="scroller" aria-label="Numbered" start={0} renderItem={(item) => <span>{item}</span>} />,
  );
  const values = [...screen.getByRole('list', { name: 'Numbered' }).element().querySelectorAll('li')].map((li) => li.value);
  expect(values).toEqual([0, 1]);
});
