/**
 * The vendored contract (tests/contract) must be the contract beside the
 * project, byte for byte, wherever that folder exists (CI included). A plain
 * clone has none: then this reports itself skipped, with the reason.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contractDrift, contractFiles, upstreamContract, vendoredContract } from '../scripts/contract-sync-files';

const present = existsSync(upstreamContract);

describe('the vendored contract', () => {
  test.skipIf(!present)(
    present ? 'matches ../shared/contract file for file (npm run contract:sync mends it)' : 'matches ../shared/contract — skipped: no ../shared/contract beside this clone',
    () => {
      expect(contractFiles(vendoredContract).length).toBeGreaterThan(0);
      expect(contractDrift()).toEqual({ missing: [], extra: [], changed: [] });
    },
  );

  test('the drift check names each missing, extra and changed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-drift-'));
    try {
      const [upstream, vendored] = [join(dir, 'up'), join(dir, 'ours')];
      for (const base of [upstream, vendored]) mkdirSync(join(base, 'golden'), { recursive: true });
      writeFileSync(join(upstream, 'users.json'), '[1]');
      writeFileSync(join(vendored, 'users.json'), '[2]');
      writeFileSync(join(upstream, 'golden/a.json'), '{}');
      writeFileSync(join(vendored, 'golden/b.json'), '{}');
      expect(contractDrift(upstream, vendored)).toEqual({ missing: ['golden/a.json'], extra: ['golden/b.json'], changed: ['users.json'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
