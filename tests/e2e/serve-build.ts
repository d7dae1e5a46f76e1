import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
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
export function setup(project: TestProject): void {
  outDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  // The real build command, in its own process: Vitest's NODE_ENV=test would make a development build.
  const env = { ...process.env, NODE_ENV: 'production', BASE_PATH: BASE };
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { env, stdio: 'inherit' });
  project.provide('buildDir', outDir);
}

export function teardown(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
