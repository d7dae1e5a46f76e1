import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { BASE } from './serve-build';

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

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export async function visit(browser: Browser, url: string, viewport = { width: 1440, height: 900 }): Promise<Visit> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { context, page, errors };
}
