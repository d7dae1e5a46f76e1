import type { Browser } from 'playwright';
import type { StoreTableBench } from './store-table/main';

export interface TableRun {
  /** ms from render() to React's commit, and to the first frame painted. */
  commit: number;
  painted: number;
  /** ms per scroll jump, from the scroll event to the frame showing the target row. */
  scrolls: number[];
}

const SCROLL_JUMPS = 20;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The Server panel's django_session table with `rows` rows, mounted `runs` times, each in a fresh page of the bench page at `url`. */
export async function storeTableRuns(browser: Browser, url: string, rows: number, runs: number): Promise<TableRun[]> {
  // Jumps spread over the whole table, none to the same place twice.
  const targets = Array.from({ length: SCROLL_JUMPS }, (_, i) => Math.floor(rows * (((i + 1) * GOLDEN) % 1)));
  const results: TableRun[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => 'storeTable' in window);
    const { commit, painted } = await page.evaluate((n) => (window as unknown as { storeTable: StoreTableBench }).storeTable.mount(n), rows);
    const scrolls = await page.evaluate((t) => (window as unknown as { storeTable: StoreTableBench }).storeTable.scroll(t), targets);
    results.push({ commit, painted, scrolls });
    await page.close();
  }
  return results;
}
