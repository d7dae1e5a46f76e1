import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ENGINES, type EnginePath } from '../../src/sim/django/settings';
import { SeededRandom } from '../../src/sim/random';
import type { Scenario, Step } from '../../src/sim/scenario/schema';

/**
 * The CLI (`npm run scenario`) against real Django (the oracle beside the
 * project, when installed) on the same scenarios: a seeded mix of 20 clients
 * visiting, peeking, adding to a cart, logging in and out. Each side's
 * per-request cost is its time for `requests` requests minus its time for 1
 * (start-up, imports, migrations), divided by the difference.
 */
const CLIENTS = 20;
const ORIGIN = 'https://shop.example';
const ORACLE = resolve('../shared/oracle/run.py');
const PYTHON = '/usr/bin/python3';

/** `count` requests of the mix, the same every time. */
export function mixedSteps(count: number): Step[] {
  const random = new SeededRandom(2026);
  return Array.from({ length: count }, (): Step => {
    const browser = `client-${random.int(0, CLIENTS - 1)}`;
    const pick = random.int(0, 99);
    if (pick < 40) return { request: { method: 'GET', url: `${ORIGIN}/visits/`, browser } };
    if (pick < 65) return { request: { method: 'GET', url: `${ORIGIN}/peek/`, browser } };
    if (pick < 85) return { request: { method: 'POST', url: `${ORIGIN}/cart/add/`, browser, form: { item: `item-${random.int(1, 50)}` } } };
    if (pick < 93) {
      const [username, password] = random.int(0, 1) === 0 ? ['alice', 'wonderland'] : ['bob', 'builder'];
      return { request: { method: 'POST', url: `${ORIGIN}/login/`, browser, form: { username, password } } };
    }
    return { request: { method: 'POST', url: `${ORIGIN}/logout/`, browser } };
  });
}

/** Seconds one run of `command` takes, its output discarded. */
function seconds(command: string, args: string[]): number {
  const began = performance.now();
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  return (performance.now() - began) / 1000;
}

export interface RunnerResult {
  engine: string;
  /** ms per request, start-up subtracted. */
  cliMs: number;
  djangoMs: number | null;
  /** How many times cheaper the CLI's request is than Django's. */
  ratio: number | null;
}

export function oracleInstalled(): boolean {
  if (!existsSync(ORACLE) || !existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import django, freezegun'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function runnerBench(dir: string, requests: number, progress: (what: string) => void): { requests: number; oracle: boolean; results: RunnerResult[] } {
  const oracle = oracleInstalled();
  const results: RunnerResult[] = [];
  for (const engine of Object.keys(ENGINES) as EnginePath[]) {
    const files = [1, requests].map((count) => {
      const scenario: Scenario = { name: `bench ${ENGINES[engine]} ${count}`, start: '2026-01-01T00:00:00Z', settings: { SESSION_ENGINE: engine }, steps: mixedSteps(count) };
      const file = join(dir, `runner-${ENGINES[engine]}-${count}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      return file;
    });
    progress(`runner, engine ${ENGINES[engine]}: the CLI${oracle ? ' and real Django' : ''}, 1 and ${requests} requests`);
    const cli = (file: string) => seconds(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', file]);
    const cliMs = ((cli(files[1]) - cli(files[0])) / (requests - 1)) * 1000;
    let djangoMs: number | null = null;
    if (oracle) {
      const django = (file: string) => seconds(PYTHON, [ORACLE, file]);
      djangoMs = ((django(files[1]) - django(files[0])) / (requests - 1)) * 1000;
    }
    results.push({ engine: ENGINES[engine], cliMs, djangoMs, ratio: djangoMs === null ? null : djangoMs / cliMs });
  }
  return { requests, oracle, results };
}
