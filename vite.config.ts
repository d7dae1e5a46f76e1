/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { contentSecurityPolicy } from './src/csp/vite-plugin.ts';
import { offlineWorker } from './src/offline/vite-plugin.ts';
import { lessonsPlugin } from './src/lessons/vite-plugin.ts';
import { challengesPlugin } from './src/challenges/vite-plugin.ts';
import { prerenderedLessonsIndex } from './src/prerender/vite-plugin.ts';
import { chromiumArgs, chromiumPath } from './tests/support/chromium.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Where the site is served from on a static host, e.g. BASE_PATH=/django-sessions/.
  base: process.env.BASE_PATH || '/',
  plugins: [react(), offlineWorker(), contentSecurityPolicy(), lessonsPlugin(), challengesPlugin(), prerenderedLessonsIndex()],
  server: {
    fs: { allow: [root] },
  },
  // Pre-bundled up front, so a browser test run never reloads the page mid-run to optimize them.
  // msw/browser beside msw: one copy of MSW's core (Vitest would serve msw/browser unbundled, with a second one).
  optimizeDeps: {
    include: ['zod', 'pako', '@noble/hashes/hmac.js', '@noble/hashes/sha2.js', '@noble/hashes/pbkdf2.js', '@noble/hashes/utils.js', 'msw', 'msw/browser', 'tough-cookie', 'pure-rand/generator/xoroshiro128plus', 'pure-rand/distribution/uniformInt', 'react', 'react-dom/client', 'zustand', 'vitest-browser-react', 'axe-core', 'fast-check'],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.browser.test.{ts,tsx}', 'tests/e2e/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // The pure core runs here too: it must behave the same in a real browser.
          include: ['tests/sim/**/*.test.ts', 'tests/**/*.browser.test.{ts,tsx}'],
          exclude: ['tests/**/*.node.test.ts', 'tests/e2e/**'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: existsSync(chromiumPath)
                ? { executablePath: chromiumPath, args: chromiumArgs }
                : { args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          // The production build, served under a sub-path, driven as a visitor would.
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/e2e/serve-build.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
