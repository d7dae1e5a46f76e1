import { expect, test } from 'vitest';
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

test('items are numbered from start, as an ol with that start numbers them', async () => {
  const screen = await render(
    <VirtualList items={['Start', 'GET /visits/']} itemHeight={30} scrollerClassName="scroller" aria-label="Numbered" start={0} renderItem={(item) => <span>{item}</span>} />,
  );
  const values = [...screen.getByRole('list', { name: 'Numbered' }).element().querySelectorAll('li')].map((li) => li.value);
  expect(values).toEqual([0, 1]);
});
