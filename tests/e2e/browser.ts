import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright';
import { preview } from 'vite';
import { afterAll, beforeAll, inject } from 'vitest';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { BASE } from './serve-build';

/** The lessons as the repository holds them (lessons/NN-slug.md): what the landing page must offer, in order. */
export const LESSONS = readdirSync('lessons')
  .filter((name) => /^\d\d-[a-z0-9-]+\.md$/.test(name))
  .sort()
  .map((name) => {
    const text = readFileSync(`lessons/${name}`, 'utf8');
    const title = /^title:\s*(.+)$/m.exec(text)![1].replace(/^"(.*)"$/, '$1');
    return { slug: name.slice(3, -3), title, steps: text.match(/^## Step \d+:/gm)?.length ?? 0 };
  });

/** How many lessons the landing page lists: one card per lessons/NN-slug.md. */
export const LESSON_COUNT = LESSONS.length;

/** A visitor's browser: the system Chromium, a fresh profile per context. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** Serves the production build under BASE on localhost, as a static host would. */
export async function serve(buildDir: string, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({ base: BASE, logLevel: 'warn', build: { outDir: buildDir }, preview: { port, host: '127.0.0.1', strictPort: port !== 0 } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return { url: `http://127.0.0.1:${address.port}${BASE}`, close: () => server.close() };
}

/**
 * One browser and the build served once, for a whole test file: read
 * `site.browser` and `site.url` inside the tests.
 */
export function servedSite(): { browser: Browser; url: string } {
  const site = {} as { browser: Browser; url: string };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const [browser, served] = await Promise.all([launch(), serve(inject('buildDir'))]);
    Object.assign(site, { browser, url: served.url });
    close = served.close;
  });
  afterAll(async () => {
    await close?.();
    await site.browser?.close();
  });
  return site;
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, on every page of the context. */
  errors: string[];
}

export interface VisitOptions {
  viewport?: { width: number; height: number };
  colorScheme?: BrowserContextOptions['colorScheme'];
  /** The site's Content-Security-Policy (script-src 'self') refuses an injected script such as axe-core's. */
  bypassCSP?: boolean;
  /** Set up the context before the page opens (routes, init scripts). */
  prepare?: (context: BrowserContext) => Promise<void>;
  /** How far the first navigation goes before `visit` returns ('commit' while a script is held back). */
  waitUntil?: 'commit' | 'load';
}

/**
 * Set in every page before the app runs: MSW's worker answers MOCK_ACTIVATE
 * with MOCKING_ENABLED once it serves the page, which is when the app's
 * transport starts (src/msw/start.ts).
 */
function watchMocking(): void {
  const flags = window as unknown as { __e2eMocking?: boolean };
  flags.__e2eMocking = false;
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string } | null>) => {
    if (event.data?.type === 'MOCKING_ENABLED') flags.__e2eMocking = true;
  });
}

/** Collects the page's console errors and uncaught exceptions into `errors`. */
export function collectErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}

/** A fresh context (empty storage, no cookies, no service worker) with one page at `url`. */
export async function visit(browser: Browser, url: string, options: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, colorScheme: options.colorScheme ?? 'light', bypassCSP: options.bypassCSP ?? false });
  // A step that cannot happen fails in seconds, naming what it waited for, well within the test's timeout.
  context.setDefaultTimeout(10_000);
  await context.addInitScript(watchMocking);
  const errors: string[] = [];
  context.on('page', (page) => collectErrors(page, errors));
  await options.prepare?.(context);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
  return { context, page, errors };
}

/**
 * Waits until MSW's worker serves the page (the app answers through MSW's
 * handlers in the page until then) and the app has had a task to settle.
 */
export async function ready(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  await page.waitForFunction(() => (window as unknown as { __e2eMocking?: boolean }).__e2eMocking === true);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the whole page, as it is now (visit with bypassCSP). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // The page as it settles: a new step's arrows fade in, and mid-fade their text is faint.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/**
 * The text of the three panels (Browser, Network, Server) and the timeline,
 * as a visitor reads them; live status lines (e.g. "Applied …") are left out,
 * they report what was just done, not the run.
 */
export function panelsText(page: Page): Promise<Record<'timeline' | 'browser' | 'network' | 'selectedExchange' | 'server', string>> {
  return page.evaluate(() => {
    const text = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) return `(no ${selector})`;
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[role="status"]').forEach((e) => e.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    return {
      timeline: text('nav[aria-label="Timeline"]'),
      browser: text('section[aria-labelledby="panel-browser-title"]'),
      network: text('section[aria-labelledby="panel-network-title"]'),
      /** The Network panel without its list of requests: what the selected step put on the wire. */
      selectedExchange: text('section[aria-labelledby="panel-network-title"] .selected-step'),
      server: text('section[aria-labelledby="panel-server-title"]'),
    };
  });
}
