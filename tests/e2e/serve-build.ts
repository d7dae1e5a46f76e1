import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

/** The sub-path the e2e tests serve the site under, as a static host would. */
export const BASE = '/django-sessions/';

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string;
  }
}

let outDir = '';

/** Builds the production site for BASE once, into a temporary folder the tests serve. */
export async function setup(project: TestProject): Promise<void> {
  outDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  await build({ base: BASE, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  project.provide('buildDir', outDir);
}

export function teardown(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
