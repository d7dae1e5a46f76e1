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
import twoWorkers from '../../contract/scenarios/27-per-worker-cache-login-unknown-on-other-worker-cache.json';
import deploys from '../../contract/scenarios/31-deploy-switches-engine-db-to-cache-and-back.json';
import sharedCache from '../../scenarios/45-one-worker-shared-cache-restarts-cache.json';

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

/** The Django export of a run it can express. */
function django(run: Parameters<typeof exportDjangoTest>[0]) {
  const exported = exportDjangoTest(run);
  if (!exported.ok) throw new Error(exported.reason);
  return exported;
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
    const djangoText = django({ scenario, records }).text;
    const curl = exportCurlScript({ scenario, records });
    if (!curl.ok) throw new Error(curl.reason);
    const keys = issuedKeys(records);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(djangoText).not.toContain(key);
      expect(curl.text).not.toContain(key);
    }
    expect(djangoText).toContain('cookie="sessionid=<k1>"');
  });
});

describe('the Django test module', () => {
  test('sends exactly the run\'s requests, in order, with the Cookie header Chrome sent', async () => {
    const { scenario, records } = await runOf(crossSite);
    const { text, fileName } = django({ scenario, records });
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
    expect(django(first).text).toBe(django(second).text);
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
    const exported = django({ scenario, records });
    expect(exported.requires.version).toEqual([5, 2]);
    expect(exported.requires.reason).toContain('step 2');
    expect(exported.text).toContain('@skipUnless(django.VERSION >= (5, 2), "needs Django 5.2: step 2');

    const plain = django(await runOf(hijack));
    expect(plain.requires.version).toEqual([4, 2]);
  });
});

describe('servers, releases and restarts', () => {
  test('several workers cannot be one test client: the Django export refuses, saying why; curl still makes the requests', async () => {
    const run = await runOf(twoWorkers);
    const exported = exportDjangoTest(run);
    expect(exported).toEqual({ ok: false, reason: expect.stringMatching(/^the run has 2 workers \(a, b\), and one Django test client is one server process/) });
    const curl = exportCurlScript(run);
    expect(curl.ok && curl.text).toMatch(/^# The playground's worker b answered; curl reaches whichever server answers this URL\.$/m);
  });

  test('a deploy is a settings release from that step on; a shared cache survives restarts but not restart_cache', async () => {
    const released = django(await runOf(deploys)).text.split('def test_run')[1];
    const deploySteps = (deploys.steps as object[]).filter((s) => 'deploy' in s) as { deploy: { settings: object } }[];
    expect(deploySteps.length).toBeGreaterThan(0);
    expect(released.match(/^ {8}self\.release\(.*\)$/gm)).toEqual(
      deploySteps.map((s) => `        self.release(${pyLiteral(s.deploy.settings)})`),
    );
    const shared = django(await runOf(sharedCache)).text;
    expect(shared).toContain('    shared_cache = True\n');
    expect(shared).toContain('caches["default"].clear()  # the shared cache server restarts empty');
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
