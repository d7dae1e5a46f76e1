import { beforeAll, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Profiler } from 'react';
import { render } from 'vitest-browser-react';
import lax from '../../contract/golden/19-samesite-lax-cross-site-db.json';
import strict from '../../contract/golden/20-samesite-strict-cross-site-db.json';
import none from '../../contract/golden/21-samesite-none-secure-cross-site-db.json';
import laxScenario from '../../contract/scenarios/19-samesite-lax-cross-site-db.json';
import expiryScenario from '../../contract/scenarios/16-two-week-expiry-and-clearsessions-db.json';
import expiryGolden from '../../contract/golden/16-two-week-expiry-and-clearsessions-db.json';
import { handlerTransport } from '../../../src/msw/transport';
import { MATRIX_COLUMNS, MATRIX_ROWS, sameSiteMatrix } from '../../../src/sim/sameSiteMatrix';
import { parseScenario } from '../../../src/sim/scenario/schema';
import type { Transcript } from '../../../src/sim/scenario/transcript';
import { decodeShareHash } from '../../../src/state/persist';
import { provideTransport, usePlayground } from '../../../src/state/playground';
import { Pictures } from '../../../src/ui/pictures/Pictures';
import '../../../src/ui/app.css';

beforeAll(() => provideTransport(handlerTransport));

async function load(source: unknown): Promise<void> {
  const parsed = parseScenario(source);
  if (!parsed.ok) throw new Error('scenario does not parse');
  expect(await usePlayground.getState().load({ ...parsed.scenario, seed: 1 })).toBe(true);
}

const arrowsOf = (root: HTMLElement, step: number) =>
  [...root.querySelectorAll<HTMLButtonElement>('.seq-row')].map((b) => b.querySelector('.visually-hidden')!.textContent!).filter((l) => l.startsWith(`Step ${step}:`));

test('the diagram draws each request and answer as real Django recorded it (golden 19), the held-back cookie crossed out', async () => {
  await load(laxScenario);
  const screen = await render(<Pictures extra={[]} />);
  await expect.element(screen.getByRole('group', { name: /Sequence diagram, steps 1 to 5 of 5/ })).toBeVisible();
  const golden = lax as Transcript;
  golden.steps.forEach((entry, i) => {
    const arrows = arrowsOf(screen.container, i + 1);
    const request = arrows.find((a) => a.includes(' sends '))!;
    expect(request).toContain(`sends ${entry.request!.method} ${entry.request!.url.replace('https://', '')}`);
    // The golden's one session key is the run's first chip, k1.
    expect(request).toContain(entry.request!.cookie === null ? 'no Cookie header' : 'Cookie: sessionid=k1');
    expect(arrows.some((a) => a.includes(`Django answers ${entry.response!.status}`))).toBe(true);
    const setCookie = arrows.find((a) => a.includes('answers'))!;
    if (entry.response!.set_cookie.length) expect(setCookie).toContain('Set-Cookie: sessionid=k1 … Max-Age=1209600');
  });
  // Steps 3 (fetch) and 4 (form POST) went without the cookie: the diagram says which cookie and why.
  for (const step of [3, 4]) expect(arrowsOf(screen.container, step).some((a) => /sessionid=k1 held back by the browser: SameSiteLax/.test(a))).toBe(true);
  expect(arrowsOf(screen.container, 2).some((a) => a.includes('held back'))).toBe(false);
  expect(arrowsOf(screen.container, 2)[0]).toBe('Step 2: evil.example starts a link (GET navigation) in browser default');
  expect(screen.container.querySelector('.seq-crossed .key-chip-label')?.textContent).toBe('k1');
});

test('after a replay the pictures are drawn in the same commit as the page, not one later (the replay kept every step\'s record)', async () => {
  await load(laxScenario);
  let commits = 0;
  const screen = await render(<Profiler id="pictures" onRender={() => commits++}><Pictures extra={[]} /></Profiler>);
  await expect.element(screen.getByRole('group', { name: /Sequence diagram, steps 1 to 5 of 5/ })).toBeVisible();
  expect(commits).toBe(1);
});

test('the diagram follows the timeline: clicking an arrow selects its step, the keyboard moves between arrows', async () => {
  await load(laxScenario);
  const screen = await render(<Pictures extra={[]} />);
  const current = () => screen.container.querySelector('.seq-step[aria-current="step"] .seq-step-title')?.textContent;
  expect(current()).toMatch(/^Step 5 /);
  await userEvent.click(screen.getByRole('button', { name: /^Step 2: browser default sends GET/ }));
  expect(usePlayground.getState().cursor).toBe(2);
  await expect.poll(current).toMatch(/^Step 2 /);
  usePlayground.getState().goTo(4);
  await expect.poll(current).toMatch(/^Step 4 /);
  // One tab stop: the selected step's title; up and down walk the arrows.
  const title = screen.container.querySelector<HTMLButtonElement>('.seq-step[aria-current="step"] .seq-step-title')!;
  expect(title.tabIndex).toBe(0);
  title.focus();
  await userEvent.keyboard('{ArrowDown}');
  expect(document.activeElement?.querySelector('.visually-hidden')?.textContent).toBe('Step 4: evil.example starts a form POST in browser default');
  await userEvent.keyboard('{ArrowUp}');
  expect(document.activeElement).toBe(title);
});

test('stepping forward by one after a pause draws the new step in; steps that come quickly appear at once', async () => {
  await load(laxScenario);
  // The diagram reads the time of each step from performance.now(): here it jumps when the test says.
  const realNow = performance.now.bind(performance);
  let jumped = 0;
  const now = vi.spyOn(performance, 'now').mockImplementation(() => realNow() + jumped);
  try {
    const screen = await render(<Pictures extra={[]} />);
    const entering = () => screen.container.querySelector('.seq-enter .seq-step-title')?.textContent ?? null;
    const current = () => screen.container.querySelector('.seq-step[aria-current="step"] .seq-step-title')?.textContent;
    // Each move: the step, the ms since the last move, and whether it is drawn in.
    // (Step 4 comes 100 ms after step 3: drawn at once, and step 3's drawing is stopped.)
    const moves = [[2, 0, false], [3, 600, true], [4, 100, false], [5, 600, true]] as const;
    for (const [step, after, drawnIn] of moves) {
      jumped += after;
      usePlayground.getState().goTo(step);
      await expect.poll(current).toMatch(new RegExp(`^Step ${step} `));
      if (drawnIn) expect(entering()).toMatch(new RegExp(`^Step ${step} `));
      else expect(entering()).toBeNull();
    }
  } finally {
    now.mockRestore();
  }
});

test('the selected step is scrolled into view inside the diagram\'s own box, never scrolling the page', async () => {
  await load(laxScenario);
  const screen = await render(<Pictures extra={[]} />);
  const box = screen.container.querySelector<HTMLElement>('.seq-scroll')!;
  const heads = () => box.querySelector<HTMLElement>('.seq-heads')!.getBoundingClientRect().bottom;
  const inView = () => {
    const step = box.querySelector('.seq-selected')!.getBoundingClientRect();
    return step.top >= heads() - 0.5 && step.bottom <= box.getBoundingClientRect().bottom + 0.5;
  };
  // Five steps of arrows are taller than the box: the box scrolls.
  expect(box.scrollHeight).toBeGreaterThan(box.clientHeight);
  const pageTop = window.scrollY;
  await expect.poll(inView).toBe(true);
  usePlayground.getState().goTo(1);
  await expect.poll(() => box.querySelector('.seq-selected .seq-step-title')?.textContent).toMatch(/^Step 1 /);
  await expect.poll(inView).toBe(true);
  expect(box.scrollTop).toBeLessThan(box.scrollHeight - box.clientHeight);
  usePlayground.getState().goTo(5);
  await expect.poll(() => box.querySelector('.seq-selected .seq-step-title')?.textContent).toMatch(/^Step 5 /);
  await expect.poll(inView).toBe(true);
  expect(box.scrollTop).toBeGreaterThan(0);
  expect(window.scrollY).toBe(pageTop);
});

test('with more lanes than the box is wide, the diagram scrolls across to the selected step\'s arrows', async () => {
  const browsers = Array.from({ length: 12 }, (_, i) => `client-${i}`);
  await load({
    name: 'Twelve browsers',
    start: '2026-01-01T00:00:00Z',
    settings: {},
    steps: browsers.map((browser) => ({ request: { method: 'GET', url: 'https://shop.example/visits/', browser } })),
  });
  const screen = await render(<Pictures extra={[]} />);
  const box = screen.container.querySelector<HTMLElement>('.seq-scroll')!;
  expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
  const arrowsInView = () => {
    const { left, right } = box.getBoundingClientRect();
    const arrows = [...box.querySelectorAll('.seq-selected .seq-row')].map((row) => row.getBoundingClientRect());
    return arrows.length > 0 && arrows.every((a) => a.left >= left - 0.5 && a.right <= right + 0.5);
  };
  const selectedTitle = () => box.querySelector('.seq-selected .seq-step-title')?.textContent;
  // The last step is client-11's, whose lane is at the far right.
  await expect.poll(arrowsInView).toBe(true);
  expect(box.scrollLeft).toBeGreaterThan(0);
  // Step 1's arrows run from client-0's lane, the first, to Django's, wider than the box: from their left end.
  const arrowsStartAtLeft = () => {
    const lefts = [...box.querySelectorAll('.seq-selected .seq-row')].map((row) => row.getBoundingClientRect().left);
    return lefts.length > 0 && Math.abs(Math.min(...lefts) - box.getBoundingClientRect().left) < 1;
  };
  usePlayground.getState().goTo(1);
  await expect.poll(selectedTitle).toMatch(/^Step 1 /);
  await expect.poll(arrowsStartAtLeft).toBe(true);
  expect(arrowsInView()).toBe(false);
  usePlayground.getState().goTo(12);
  await expect.poll(selectedTitle).toMatch(/^Step 12 /);
  await expect.poll(arrowsInView).toBe(true);
});

test('the matrix shows what the cookie jar decided, cell by cell, agreeing with goldens 19, 20 and 21; a cell replays in the playground', async () => {
  await load(laxScenario);
  const screen = await render(<Pictures extra={['samesite-matrix']} initial="samesite-matrix" />);
  await expect.element(screen.getByRole('table')).toBeVisible();
  const cell = (row: string, column: string) => {
    const r = MATRIX_ROWS.find((x) => x.id === row)!;
    const c = MATRIX_COLUMNS.find((x) => x.id === column)!;
    return [...screen.container.querySelectorAll<HTMLButtonElement>('.matrix td button')].find((b) => b.textContent!.startsWith(`${c.label}, ${r.label}: `))!;
  };
  const name = (row: string, column: string) => cell(row, column).querySelector('.visually-hidden')!.textContent!;
  const sent = (row: string, column: string) => /: sent$/.test(name(row, column));
  // The selected step (golden 19's last: a same-site GET under Lax) is its cell; stepping moves the mark.
  const marked = () => [...screen.container.querySelectorAll('.matrix-current .visually-hidden')].map((e) => e.textContent).join('');
  await expect.poll(marked).toMatch(/^Lax \(Django’s default\), Same-site/);
  usePlayground.getState().goTo(3);
  await expect.poll(marked).toMatch(/^Lax \(Django’s default\), Cross-site fetch\(\) .*: not sent \(SameSiteLax\), the selected step$/);
  expect(screen.container.querySelectorAll('.matrix td button')).toHaveLength(30);
  // Each drawn cell is the model's cell.
  for (const model of await sameSiteMatrix()) expect(sent(model.row, model.column), `${model.row} × ${model.column}`).toBe(model.sent);
  for (const [golden, column] of [[lax, 'lax'], [strict, 'strict'], [none, 'none-secure']] as const) {
    (golden as Transcript).steps.forEach((entry, i) => {
      if (i === 0 || !('request' in entry.step)) return;
      const { initiator, kind, method, url } = entry.step.request;
      if (!initiator) return;
      const row = kind === 'fetch' ? 'cross-site-fetch' : method === 'GET' ? 'cross-site-link' : 'cross-site-form-post';
      expect(sent(row, column), `${url} ${column}`).toBe(entry.request!.cookie !== null);
    });
  }
  expect(name('same-site', 'none-insecure')).toContain('not sent (SameSiteNoneInsecure)');
  await userEvent.click(cell('cross-site-form-post', 'unset-young'));
  const detail = screen.container.querySelector('.matrix-detail')!;
  expect(detail.textContent).toContain('2 minutes');
  const href = detail.querySelector('a')!.getAttribute('href')!;
  const decoded = await decodeShareHash(href);
  expect(decoded?.ok && decoded.saved.run.steps.at(-1)).toEqual({ request: MATRIX_ROWS.find((r) => r.id === 'cross-site-form-post')!.request });
  expect(decoded?.ok && decoded.saved.run.settings).toEqual({ SESSION_COOKIE_SAMESITE: false });
});

test('the expiry timeline: a bar per cookie and row, clearsessions marked, as a picture with a text list (golden 16)', async () => {
  await load(expiryScenario);
  const screen = await render(<Pictures extra={['expiry-timeline']} initial="expiry-timeline" />);
  const picture = screen.getByRole('img', { name: /^Expiry timeline: / });
  await expect.element(picture).toBeVisible();
  const golden = expiryGolden as Transcript;
  const clear = golden.steps.findIndex((s) => 'clearsessions' in s.step);
  const rows = golden.steps[clear - 1].store.db!.length;
  const items = [...screen.container.querySelectorAll('.expiry li')].map((li) => li.textContent!);
  expect(items.filter((t) => t.startsWith('db row'))).toHaveLength(rows);
  expect(items.filter((t) => t.startsWith('db row') && t.includes('(clearsessions)'))).toHaveLength(rows - golden.steps[clear].store.db!.length);
  expect(items).toContain(`${golden.steps[clear].clock.replace('T', ' ').replace('Z', '')}: clearsessions (step ${clear + 1})`);
  const firstCookie = golden.steps[0].jars.default[0];
  expect(items.find((t) => t.startsWith('cookie k1'))).toContain(`Expires ${firstCookie.expires!.replace('T', ' ').replace('Z', '')}`);
  expect(screen.container.querySelectorAll('.expiry-stale').length).toBeGreaterThan(0);
});
