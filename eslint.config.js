import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'public/mockServiceWorker.js', 'node_modules'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // zod is configured once (jitless, for the page's CSP) before any schema is defined.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/sim/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: 'Import z from src/sim/zod.ts, which configures zod for the CSP first.' }] }],
    },
  },
  {
    files: ['src/offline/sw-template.js'],
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' } },
  },
  {
    // The simulation core is pure: the same code runs in Node and in a browser.
    // The lessons' data and evaluator share it with the tests; only their build-time compiler reads files.
    files: ['src/sim/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: ['src/lessons/vite-plugin.ts', 'src/lessons/content-plugin.ts', 'src/lessons/compile.ts', 'src/sim/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'zod', message: 'Import z from src/sim/zod.ts, which configures zod for the CSP first.' }],
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'msw', 'msw/*', 'zustand', 'zustand/*', 'node:*'], message: 'The simulation core must not depend on React, MSW, zustand or Node.' },
          { group: ['**/ui/**', '**/msw/**', '**/state/**'], message: 'The simulation core must not import the outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in the simulation core.' },
        { name: 'document', message: 'No DOM in the simulation core.' },
        { name: 'localStorage', message: 'No DOM in the simulation core.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
      ],
    },
  },
);
