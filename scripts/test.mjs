#!/usr/bin/env node
// `npm test`: type check, lint, Node tests, the tests in a real Chromium, then
// the end-to-end tests against the production build served under a sub-path.
// Stops at the first failure. The browser tests are never skipped silently:
// without a Chromium this stops at once and says how to get one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `No Chromium at ${chromium}: the browser tests need one.\n` +
      '  Debian/Ubuntu: apt-get install -y chromium\n' +
      '  Elsewhere:     CHROMIUM_PATH=/path/to/chromium npm test',
  );
  process.exit(1);
}

const stages = [
  ['type check', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['node tests', 'npx', ['vitest', 'run', '--project', 'node']],
  ['browser tests', 'npx', ['vitest', 'run', '--project', 'browser']],
  ['end-to-end tests', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

for (const [name, command, args] of stages) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log('\nAll test stages passed.');
