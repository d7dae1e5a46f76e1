/**
 * Helpers for the Browser and Network panel tests: a fresh run, both panels
 * rendered side by side, and readers for the jar table and the wire text.
 */
import { expect } from 'vitest';
import { render } from 'vitest-browser-react';
import type { Locator } from 'vitest/browser';
import { handlerTransport } from '../../../src/msw/transport';
import { EMPTY_RUN, provideTransport, usePlayground } from '../../../src/state/playground';
import { BrowserPanel } from '../../../src/ui/browser/BrowserPanel';
import { NetworkPanel } from '../../../src/ui/network/NetworkPanel';
import { INITIAL_DRAFT, useComposer } from '../../../src/ui/browser/composer';
import { useUi } from '../../../src/ui/uiState';
import '../../../src/ui/app.css';

provideTransport(handlerTransport);

/** A new empty run (seed and clock as EMPTY_RUN), the default profile selected, the composer as on a new page. */
export async function freshRun(): Promise<void> {
  useUi.setState({ profile: 'default' });
  useComposer.setState({ draft: INITIAL_DRAFT, showProblems: false, refusals: 0 });
  expect(await usePlayground.getState().load(EMPTY_RUN)).toBe(true);
}

export async function renderPanels() {
  const screen = await render(
    <div className="panels">
      <BrowserPanel />
      <NetworkPanel />
    </div>,
  );
  return {
    screen,
    browser: screen.getByRole('region', { name: 'Browser' }),
    network: screen.getByRole('region', { name: 'Network' }),
  };
}

export const stepCount = () => usePlayground.getState().logs.length;

/** Clicks Send and waits until the step is in the timeline. */
export async function send(browser: Locator): Promise<void> {
  const before = stepCount();
  await browser.getByRole('button', { name: 'Send' }).click();
  await expect.poll(stepCount).toBe(before + 1);
}

export async function chooseRoute(browser: Locator, path: string): Promise<void> {
  await browser.getByRole('combobox', { name: 'Route' }).selectOptions(path);
}

function jarTable(browser: Locator): HTMLTableElement | null {
  return browser.element().querySelector('table.cookie-table');
}

/** The jar row of the cookie called `name`, or null. */
export function jarRow(browser: Locator, name: string): HTMLTableRowElement | null {
  const table = jarTable(browser);
  if (!table) return null;
  return [...table.tBodies[0].rows].find((r) => r.cells[0].querySelector('code')?.textContent === name) ?? null;
}

/** The text of one column of a cookie's jar row, by the column's heading. */
export function jarCell(browser: Locator, name: string, column: string): HTMLTableCellElement | null {
  const table = jarTable(browser);
  const row = jarRow(browser, name);
  if (!table || !row) return null;
  const index = [...table.tHead!.rows[0].cells].findIndex((c) => c.textContent === column);
  if (index < 0) throw new Error(`no jar column "${column}"`);
  return row.cells[index];
}

/** The chip label a cell (or any element) shows, e.g. "k1". */
export function chipIn(element: Element | null): string | null {
  return element?.querySelector('.key-chip-label')?.textContent ?? null;
}

/** The full session key behind the chip in a cell (the chip's title). */
export function keyIn(element: Element | null): string | null {
  return element?.querySelector<HTMLElement>('.key-chip')?.title ?? null;
}

/** The lines of the request or response text, as shown (a blank line is ''). */
export function wireLines(network: Locator, which: 'Request' | 'Response'): string[] {
  const group = network.element().querySelector(`[role="group"][aria-label="${which}"]`);
  return group ? [...group.querySelectorAll('.wire-line')].map((line) => (line.textContent ?? '').trim()) : [];
}

export async function showRawText(network: Locator, raw: boolean): Promise<void> {
  const button = network.getByRole('button', { name: 'Raw text' });
  if ((button.element().getAttribute('aria-pressed') === 'true') !== raw) await button.click();
}
