import { describe, expect, test } from 'vitest';
import { exportCurlScript, exportDjangoTest } from '../../../src/sim/export';
import { sessionKeyLabels } from '../../../src/sim/export/keys';
import { pyLiteral } from '../../../src/sim/export/python';
import { exportFileStem } from '../../../src/sim/export/run';
import { runScenario } from '../../../src/sim/scenario/run';
import { parseScenario, type Scenario } from '../../../src/sim/scenario/schema';
import { directTransport } from '../../../src/sim/world';
import madeUpKey from '../../contract/scenarios/13-made-up-session-key-db.json';
import hijack from '../../contract/scenarios/10-hijack-then-logout-db.json';
import crossSite from '../../contract/scenarios/20-samesite-strict-cross-site-db.json';

function scenarioOf(raw: unknown): Scenario {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

async function runOf(raw: unknown) {
  const scenario = scenarioOf(raw);
  const { records, transcript } = await runScenario(scenario, directTransport);
  return { scenario, records, transcript };
}

const issuedKeys = (records: { entry: { response: { set_cookie: string[] } | null } }[]) =>
  records.flatMap((r) => r.entry.response?.set_cookie ?? [])
    .map((line) => /^sessionid=([a-z0-9]{32});/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);

describe('session keys in an export', () => {
  test('keys Django issued become <k1>, <k2> in order; a key typed into the scenario stays as written', async () => {
    const { scenario, records, transcript } = await runOf(madeUpKey);
    const label = sessionKeyLabels(scenario.steps, transcript);
    const issued = [...new Set(issuedKeys(records))];
    expect(issued.length).toBeGreaterThanOrEqual(1);
    issued.forEach((key, i) => expect(label(`sessionid=${key}`)).toBe(`sessionid=<k${i + 1}>`));
    expect(label('sessionid=0123456789abcdefghijklmnopqrstuv')).toBe('sessionid=0123456789abcdefghijklmnopqrstuv');
  });

  test('no key of the playground\'s run appears in either export', async () => {
    const { scenario, records } = await runOf(hijack);
    const django = exportDjangoTest({ scenario, records });
    const curl = exportCurlScript({ scenario, records });
    if (!curl.ok) throw new Error(curl.reason);
    const keys = issuedKeys(records);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(django.text).not.toContain(key);
      expect(curl.text).not.toContain(key);
    }
    expect(django.text).toContain('cookie="sessionid=<k1>"');
  });
});

describe('the Django test module', () => {
  test('sends exactly the run\'s requests, in order, with the Cookie header Chrome sent', async () => {
    const { scenario, records } = await runOf(crossSite);
    const { text, fileName } = exportDjangoTest({ scenario, records });
    const sends = [...text.matchAll(/self\.send\("([A-Z]+)", "([^"]+)"(?:, cookie=("[^"]*"))?/g)];
    const requests = records.map((r) => r.entry.request).filter((r) => r !== null);
    expect(sends.map(([, method, url]) => `${method} ${url}`)).toEqual(requests.map((r) => `${r.method} ${r.url}`));
    // A cross-site request Chrome sent without the Strict cookie goes without it here too.
    expect(sends.map(([, , , cookie]) => (cookie === undefined ? null : JSON.parse(cookie)))).toEqual(
      requests.map((r) => r.cookie?.replace(/[a-z0-9]{32}/g, (k) => `<k${[...new Set(issuedKeys(records))].indexOf(k) + 1}>`) ?? null),
    );
    expect(fileName).toMatch(/^test_[a-z0-9_]+\.py$/);
  });

  test('the same run exports the same text', async () => {
    const first = await runOf(hijack);
    const second = await runOf(hijack);
    expect(exportDjangoTest(first).text).toBe(exportDjangoTest(second).text);
  });

  test('a cookie set on a page that never read the session needs Django 5.2 (4.2 sends no Vary: Cookie with it)', async () => {
    const { scenario, records } = await runOf({
      name: 'save every request on the home page',
      start: '2026-01-01T00:00:00Z',
      settings: { SESSION_SAVE_EVERY_REQUEST: true },
      steps: [
        { request: { method: 'GET', url: 'https://shop.example/visits/' } },
        { request: { method: 'GET', url: 'https://shop.example/' } },
      ],
    });
    const exported = exportDjangoTest({ scenario, records });
    expect(exported.requires.version).toEqual([5, 2]);
    expect(exported.requires.reason).toContain('step 2');
    expect(exported.text).toContain('@skipUnless(django.VERSION >= (5, 2), "needs Django 5.2: step 2');

    const plain = exportDjangoTest(await runOf(hijack));
    expect(plain.requires.version).toEqual([4, 2]);
  });
});

describe('Python literals and file names', () => {
  test('JSON values as Python source', () => {
    expect(pyLiteral({ a: true, b: false, c: null, d: [1, 2.5, 'x"y'] })).toBe('{"a": True, "b": False, "c": None, "d": [1, 2.5, "x\\"y"]}');
    expect(pyLiteral('Zoë 🍪')).toBe('"Zoë 🍪"');
    expect(pyLiteral([])).toBe('[]');
    const long = pyLiteral({ rows: Array.from({ length: 6 }, (_, i) => ({ key: `entry-number-${i}` })) });
    expect(long.split('\n')).toHaveLength(10);
  });

  test('file names keep letters and digits only', () => {
    expect(exportFileStem('Logging in: keeps the data (db engine)!')).toBe('logging-in-keeps-the-data-db-engine');
    expect(exportFileStem('???')).toBe('playground-run');
  });
});
