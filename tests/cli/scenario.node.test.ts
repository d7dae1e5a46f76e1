/**
 * `npm run scenario -- file.json` (scripts/scenario.ts) as a user runs it: a
 * real process, its exit code, stdout and stderr. Every contract scenario
 * prints a transcript that matches real Django's; an invalid scenario or a
 * missing file exits 2 with nothing on stdout and the place of the mistake on
 * stderr.
 *
 * Two tests run the documented `npx tsx scripts/scenario.ts`. The others run
 * the same script bundled once by Vite: `tsx` spends about a second of CPU
 * per process loading TypeScript, which adds up over 26 scenarios.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { diffTranscripts } from '../support/compare-transcripts';
import { pendingContractScenarios } from '../support/pending-contract';

const root = fileURLToPath(new URL('../..', import.meta.url));
const contract = fileURLToPath(new URL('../contract', import.meta.url));
const script = join(root, 'scripts/scenario.ts');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The documented command. */
const npxScenario = (file: string) => run('npx', ['tsx', script, file]);

let bundleDir: string;
const scenario = (file: string) => run(process.execPath, [join(bundleDir, 'scenario.js'), file]);

beforeAll(async () => {
  // Inside node_modules, so that the bundle finds its dependencies there.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  bundleDir = mkdtempSync(join(root, 'node_modules/.cache/scenario-cli-'));
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'silent',
    build: { ssr: script, outDir: bundleDir, emptyOutDir: true, minify: false, target: 'node20' },
  });
}, 60_000);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

const golden = (name: string) => JSON.parse(readFileSync(join(contract, 'golden', name), 'utf8')) as Transcript;

describe('a valid scenario', () => {
  test('npx tsx scripts/scenario.ts prints the transcript real Django recorded, and exits 0', async () => {
    const result = await npxScenario(join(contract, 'scenarios/09-session-fixation-db.json'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(diffTranscripts(golden('09-session-fixation-db.json'), JSON.parse(result.stdout) as Transcript)).toEqual([]);
  }, 60_000);

  test('every contract scenario: exit 0 and the golden transcript', async () => {
    const all = readdirSync(join(contract, 'scenarios')).filter((n) => n.endsWith('.json')).sort();
    expect(all.length).toBeGreaterThanOrEqual(36);
    // Pending scenarios are expected to fail in the golden tests; the CLI runs the rest.
    const names = all.filter((n) => !Object.hasOwn(pendingContractScenarios, n));
    const queue = [...names];
    const failures: string[] = [];
    // A few processes at a time: each spends most of its second starting up.
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const result = await scenario(join(contract, 'scenarios', name));
        if (result.code !== 0) {
          failures.push(`${name}: exit ${result.code}: ${result.stderr}`);
          continue;
        }
        failures.push(...diffTranscripts(golden(name), JSON.parse(result.stdout) as Transcript).map((d) => `${name}: ${d}`));
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
    expect(failures).toEqual([]);
  }, 180_000);
});

describe('an invalid scenario exits 2, prints nothing on stdout, and says where on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const visit = { request: { method: 'GET', url: 'https://shop.example/visits/' } };
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
    return file;
  };
  const valid = (overrides: object) => ({ name: 'cli', start: '2026-01-01T00:00:00Z', steps: [visit], ...overrides });

  const cases: { title: string; file: () => string; place: RegExp[] }[] = [
    {
      title: 'bad JSON',
      file: () => write('bad-json.json', '{"name": "cli",\n "steps": [}'),
      place: [/not valid JSON/],
    },
    {
      title: 'a step with two kinds',
      file: () => write('two-kinds.json', valid({ steps: [visit, { advance_seconds: 5, clearsessions: true }] })),
      place: [/step 2 \(steps\[1\]\)/, /advance_seconds/, /clearsessions/],
    },
    {
      title: 'a relative url',
      file: () => write('relative-url.json', valid({ steps: [visit, visit, { request: { method: 'GET', url: '/visits/' } }] })),
      place: [/step 3 \(steps\[2\]\), field request\.url/],
    },
    {
      title: 'SESSION_COOKIE_AGE -1',
      file: () => write('negative-age.json', valid({ settings: { SESSION_COOKIE_AGE: -1 } })),
      place: [/settings\.SESSION_COOKIE_AGE/],
    },
    {
      title: 'an unknown engine',
      file: () => write('unknown-engine.json', valid({ settings: { SESSION_ENGINE: 'django.contrib.sessions.backends.redis' } })),
      place: [/settings\.SESSION_ENGINE/],
    },
    {
      title: 'a request to an unknown worker',
      file: () => write('unknown-worker.json', valid({ servers: { workers: ['a', 'b'] }, steps: [visit, { request: { ...visit.request, worker: 'c' } }] })),
      place: [/step 2 \(steps\[1\]\), field request\.worker: unknown worker "c"/],
    },
    {
      title: 'a worker named without servers',
      file: () => write('worker-without-servers.json', valid({ steps: [{ restart_server: 'a' }] })),
      place: [/step 1 \(steps\[0\]\), field restart_server: names worker "a", but the scenario has no servers/],
    },
    {
      title: 'restart_cache with a cache per worker',
      file: () => write('restart-cache-per-worker.json', valid({ servers: { workers: ['a', 'b'] }, steps: [visit, { restart_cache: true }] })),
      place: [/step 2 \(steps\[1\]\), field restart_cache: needs servers with "cache": "shared"/],
    },
    {
      title: 'a deploy with a bad setting',
      file: () => write('bad-deploy.json', valid({ steps: [visit, { deploy: { settings: { SECRET_KEY_FALLBACKS: 'old-key', SESSION_COOKIE_AGE: -5 } } }] })),
      place: [/step 2 \(steps\[1\]\), field deploy\.settings\.SECRET_KEY_FALLBACKS: must be a list/, /step 2 \(steps\[1\]\), field deploy\.settings\.SESSION_COOKIE_AGE/],
    },
    {
      title: 'a deploy with an unknown setting',
      file: () => write('deploy-unknown-setting.json', valid({ steps: [{ deploy: { settings: { constructor: 1 } } }] })),
      place: [/step 1 \(steps\[0\]\), field deploy\.settings\.constructor: is not a setting/],
    },
    {
      // Written as text: an object literal's __proto__ would set its prototype, where JSON.parse makes a key.
      title: 'a setting named __proto__',
      file: () => write('proto-setting.json', '{"name": "cli", "start": "2026-01-01T00:00:00Z", "settings": {"__proto__": {"SESSION_COOKIE_AGE": 5}}, "steps": []}'),
      place: [/field settings\.__proto__ is not a setting the playground models/],
    },
    {
      title: 'a number too large for a double',
      file: () => write('huge-number.json', '{"name": "cli", "start": "2026-01-01T00:00:00Z", "steps": [{"advance_seconds": 1e400}]}'),
      place: [/step 1 \(steps\[0\]\), field advance_seconds: must be a finite number, not one too large to represent/],
    },
    {
      title: 'a clock moved past the year 9999',
      file: () => write('past-9999.json', valid({ steps: [{ advance_seconds: 1e11 }, visit, { advance_seconds: 1e20 }] })),
      place: [/step 3 \(steps\[2\]\), field advance_seconds: moves the clock past 9999-12-31T23:59:59Z/],
    },
    {
      title: 'a file that is not UTF-8',
      file: () => write('latin-1.json', Buffer.from('{"name": "caf\xe9", "start": "2026-01-01T00:00:00Z", "steps": []}', 'latin1') as unknown as string),
      place: [/is not UTF-8 text/],
    },
    {
      title: 'credentials on a navigation',
      file: () => write('credentials-navigation.json', valid({ steps: [{ request: { ...visit.request, credentials: 'omit' } }] })),
      place: [/step 1 \(steps\[0\]\), field request\.credentials: is only for kind "fetch"/],
    },
  ];

  for (const { title, file, place } of cases) {
    test(title, async () => {
      const path = file();
      const result = await scenario(path);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(path);
      for (const pattern of place) expect(result.stderr).toMatch(pattern);
    }, 30_000);
  }

  test('5,000 bad steps: the first 20 problems, then how many more', async () => {
    const path = write('many-bad-steps.json', valid({ steps: Array.from({ length: 5000 }, () => ({ advance_seconds: -1 })) }));
    const result = await scenario(path);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(`${path}: step 1 (steps[0]), field advance_seconds: must be at least 0`);
    expect(lines[20]).toBe('… and 4980 more problems (the first 20 are listed)');
  }, 30_000);

  test('a missing file (through npx tsx)', async () => {
    const path = join(dir, 'no-such-scenario.json');
    const result = await npxScenario(path);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(path);
  }, 60_000);
});
