import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { SITE_DEFAULTS } from '../../../src/sim/django/settings';
import { dumps } from '../../../src/sim/django/signing';
import { pyDict } from '../../../src/sim/django/values';
import { World } from '../../../src/sim/world';
import { EMPTY_RUN, usePlayground } from '../../../src/state/playground';
import { ServerPanel } from '../../../src/ui/server/ServerPanel';
import { ROW_HEIGHT } from '../../../src/ui/server/VirtualTable';
import '../../../src/ui/app.css';

/** What the page offers the bench (scripts/bench/table.ts), as window.storeTable. */
export interface StoreTableBench {
  /** Mounts the Server panel with `rows` django_session rows; ms to the commit and to the first frame painted. */
  mount(rows: number): Promise<{ commit: number; painted: number }>;
  /** Scrolls the table to each row index in turn; for each, ms from the scroll event to the frame that shows that row. */
  scroll(indexes: number[]): Promise<number[]>;
}

const START = Date.parse('2026-01-01T00:00:00Z');

/** Resolves with performance.now() once the next frame has been rendered (a task queued from its rAF runs after it). */
function nextPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

/** Resolves once `test()` holds, checked after every DOM change under `root`. */
function whenDom(root: Node, test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** A run whose selected step's django_session table holds `rows` rows, all added at that step (every row marked). */
function fillStore(rows: number): void {
  const world = new World({ start: START });
  const data = dumps(pyDict({ visits: 1 }), { key: SITE_DEFAULTS.SECRET_KEY, salt: 'django.contrib.sessions.SessionStore', compress: true, timestamp: START / 1000 });
  for (let i = 0; i < rows; i++) {
    const key = `row${String(i).padStart(29, '0')}`;
    world.storage.sessions.set(key, { session_key: key, session_data: data, expire_date: START + 1_209_600_000 });
  }
  usePlayground.setState({ definition: EMPTY_RUN, previous: { world: new World({ start: START }), record: null, log: null }, current: { world, record: null, log: null }, cursor: 1 });
}

const container = document.getElementById('root')!;

const bench: StoreTableBench = {
  async mount(rows) {
    fillStore(rows);
    const start = performance.now();
    flushSync(() => createRoot(container).render(<ServerPanel />));
    const commit = performance.now() - start;
    return { commit, painted: (await nextPaint()) - start };
  },

  async scroll(indexes) {
    const table = container.querySelector<HTMLElement>('[role="table"][aria-label="django_session"]')!;
    const times: number[] = [];
    for (const index of indexes) {
      let scrolled = 0;
      table.addEventListener('scroll', () => (scrolled = performance.now()), { once: true });
      table.scrollTop = index * ROW_HEIGHT;
      // The header row is aria-rowindex 1, so row i is i + 2.
      await whenDom(table, () => table.querySelector(`[aria-rowindex="${index + 2}"]`) !== null);
      times.push((await nextPaint()) - scrolled);
    }
    return times;
  },
};

(window as unknown as { storeTable: StoreTableBench }).storeTable = bench;
