/**
 * The contract's data files (scenarios, golden transcripts, signing vectors,
 * users) and how the project's vendored copy in tests/contract compares with
 * ../shared/contract. Used by `npm run contract:sync` and its drift test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The contract as published beside the project (read-only; absent in a plain clone). */
export const upstreamContract = join(root, '../shared/contract');
/** The project's own copy, which every test reads. */
export const vendoredContract = join(root, 'tests/contract');

const folders = ['scenarios', 'golden'];
const topLevel = ['signing-vectors.json', 'users.json'];

/** The data files of a contract folder, as paths relative to it, sorted. */
export function contractFiles(dir: string): string[] {
  const files = topLevel.filter((name) => existsSync(join(dir, name)));
  for (const folder of folders) {
    if (!existsSync(join(dir, folder))) continue;
    for (const name of readdirSync(join(dir, folder))) if (name.endsWith('.json')) files.push(`${folder}/${name}`);
  }
  return files.sort();
}

export interface ContractDrift {
  /** In the contract, not in the copy. */
  missing: string[];
  /** In the copy, no longer in the contract. */
  extra: string[];
  /** In both, with other bytes. */
  changed: string[];
}

export function contractDrift(upstream = upstreamContract, vendored = vendoredContract): ContractDrift {
  const theirs = contractFiles(upstream);
  const ours = new Set(contractFiles(vendored));
  return {
    missing: theirs.filter((file) => !ours.has(file)),
    extra: [...ours].filter((file) => !theirs.includes(file)),
    changed: theirs.filter((file) => ours.has(file) && !readFileSync(join(upstream, file)).equals(readFileSync(join(vendored, file)))),
  };
}
