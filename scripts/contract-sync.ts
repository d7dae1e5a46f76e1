/**
 * `npm run contract:sync`: copies the contract's data from ../shared/contract
 * into tests/contract (files the contract dropped are removed), so that a
 * clone with nothing beside it has the same test data.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contractDrift, upstreamContract, vendoredContract } from './contract-sync-files.ts';

if (!existsSync(upstreamContract)) {
  console.log(`No contract at ${upstreamContract}: nothing to sync. The copy in tests/contract is left as it is.`);
  process.exit(0);
}

const drift = contractDrift();
for (const file of [...drift.missing, ...drift.changed]) {
  mkdirSync(dirname(join(vendoredContract, file)), { recursive: true });
  copyFileSync(join(upstreamContract, file), join(vendoredContract, file));
}
for (const file of drift.extra) rmSync(join(vendoredContract, file));

const count = drift.missing.length + drift.changed.length + drift.extra.length;
if (count === 0) console.log('tests/contract already matches ../shared/contract.');
for (const [label, files] of [['added', drift.missing], ['updated', drift.changed], ['removed', drift.extra]] as const) {
  for (const file of files) console.log(`${label}: ${file}`);
}
