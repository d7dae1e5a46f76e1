import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The store-table bench page (npm run bench): the Server panel alone, built
 * like the app (production React) but apart from it, so no bench code ships
 * in the app's bundle.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
});
