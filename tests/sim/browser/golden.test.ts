/**
 * The jar side of every golden transcript: fed the recorded Set-Cookie lines
 * at the recorded times, the jar must send the recorded Cookie headers and
 * hold the recorded jars. The contract's golden files were checked against a
 * real Chromium; the project's own (tests/golden) come from the oracle's model.
 */
import { describe, expect, test } from 'vitest';
import { Browser } from '../../../src/sim/browser';
import { parseIsoUtc } from '../../../src/sim/clock';
import { contractTest } from '../../support/pending-contract';

interface GoldenStep {
  step: Record<string, unknown>;
  clock: string;
  request: { browser: string; method: string; url: string; cookie: string | null } | null;
  response: { set_cookie: string[] } | null;
  jars: Record<string, unknown[]>;
}
interface Golden {
  name: string;
  steps: GoldenStep[];
}
interface RequestSpec {
  method: string;
  url: string;
  initiator?: string;
  kind?: 'navigation' | 'fetch';
  credentials?: 'include' | 'same-origin' | 'omit';
}

const contract = import.meta.glob<Golden>('../../contract/golden/*.json', { eager: true, import: 'default' });
const project = import.meta.glob<Golden>('../../golden/*.json', { eager: true, import: 'default' });

function replay(golden: Golden): void {
  const browser = new Browser();
  golden.steps.forEach((entry, index) => {
    const now = parseIsoUtc(entry.clock);
    const step = entry.step;
    const where = `step ${index} ${JSON.stringify(step)}`;
    if ('request' in step) {
      const spec = step.request as RequestSpec;
      const jar = browser.profile(entry.request!.browser);
      const req = { url: spec.url, method: spec.method, initiator: spec.initiator, kind: spec.kind, credentials: spec.credentials };
      expect(jar.cookieHeader(req, now).header, `${where}: Cookie header`).toBe(entry.request!.cookie);
      jar.receive(req, entry.response!.set_cookie, now);
    } else if ('advance_seconds' in step) {
      for (const name of browser.names()) browser.profile(name).purge(now);
    } else if ('close_browser' in step) {
      browser.profile(step.close_browser as string).close();
    } else if ('set_cookie_by_hand' in step) {
      const { browser: profile, name, value } = step.set_cookie_by_hand as Record<string, string>;
      browser.profile(profile).setByHand(name, value, now);
    } else if ('copy_cookie' in step) {
      const { from, to, name } = step.copy_cookie as Record<string, string>;
      browser.profile(to).copyFrom(browser.profile(from), name, now);
    } else {
      // These only touch the servers.
      expect(['clearsessions', 'deploy', 'restart_server', 'restart_cache'], where).toContain(Object.keys(step)[0]);
    }
    const jars = browser.snapshot(now);
    expect(Object.keys(jars), `${where}: profiles in name order`).toEqual(Object.keys(entry.jars));
    expect(jars, `${where}: jars`).toEqual(entry.jars);
  });
}

describe('golden transcripts, jar side', () => {
  test('every contract transcript is here', () => {
    expect(Object.keys(contract).length).toBeGreaterThanOrEqual(36);
  });

  for (const [path, golden] of Object.entries(contract)) contractTest(path.slice(path.lastIndexOf('/') + 1), () => replay(golden));
});

describe('project transcripts (oracle model), jar side', () => {
  test.each(Object.entries(project))('%s', (_file, golden) => replay(golden));
});
