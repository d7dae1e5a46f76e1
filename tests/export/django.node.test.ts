/**
 * Every scenario the playground runs (the contract's and the project's) is
 * exported as a Django test module, and the modules run on real Django: an
 * export is known to pass on Django itself. Scenarios the playground does not
 * run yet, and exports that need a newer Django than the one installed, are
 * reported as skipped with the reason. Without Django the whole file reports
 * itself skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportDjangoTest, type DjangoExport } from '../../src/sim/export';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario, type Scenario } from '../../src/sim/scenario/schema';
import { directTransport } from '../../src/sim/world';
import { findDjangoPython } from '../support/django-python';
import { pendingContractScenarios } from '../support/pending-contract';

const runner = fileURLToPath(new URL('../support/run-exported-django.py', import.meta.url));
const sources = {
  ...import.meta.glob('../contract/scenarios/*.json', { eager: true, import: 'default' }),
  ...import.meta.glob('../scenarios/*.json', { eager: true, import: 'default' }),
};
const python = findDjangoPython();

interface ModuleResult {
  ran: number;
  problems: number;
  skipped: string[];
  output: string;
}

async function exportRun(scenario: Scenario): Promise<ReturnType<typeof exportDjangoTest>> {
  const { records } = await runScenario(scenario, directTransport);
  return exportDjangoTest({ scenario, records });
}

function runModules(folder: string, modules: string[]): Promise<Record<string, ModuleResult>> {
  return new Promise((resolve, reject) => {
    const child = spawn(python!.command, [runner, folder, ...modules], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the Django runner exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, ModuleResult>);
    });
  });
}

interface Case {
  file: string;
  scenario: Scenario | null;
  exported: DjangoExport | null;
  skip: string | null;
}

// Exported before the tests are collected, so that a refusal's reason can be in a skipped test's name.
const cases: Case[] = await Promise.all(Object.entries(sources).map(async ([path, raw]): Promise<Case> => {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const parsed = parseScenario(raw, file);
  if (!parsed.ok) {
    const reason = pendingContractScenarios[file] ?? parsed.errors[0].message;
    return { file, scenario: null, exported: null, skip: `the playground does not run it yet: ${reason}` };
  }
  const exported = await exportRun(parsed.scenario);
  if (!exported.ok) return { file, scenario: parsed.scenario, exported: null, skip: `cannot be exported: ${exported.reason}` };
  const [major, minor] = exported.requires.version;
  const old = python !== null && (major > python.version[0] || (major === python.version[0] && minor > python.version[1]));
  const skip = old ? `needs Django ${major}.${minor}, ${python.label} installed: ${exported.requires.reason}` : null;
  return { file, scenario: parsed.scenario, exported, skip };
}));

if (python === null) {
  test.skip('exported Django tests: skipped, no Python with Django and freezegun here (python3 -c "import django" fails)', () => {});
} else {
  const { command, label } = python;
  describe(`exported Django tests pass on real Django ${label}`, () => {
    const folder = mkdtempSync(join(tmpdir(), 'playground-export-'));
    let results: Record<string, ModuleResult> = {};

    beforeAll(async () => {
      const modules: string[] = [];
      for (const { exported } of cases) {
        if (!exported) continue;
        writeFileSync(join(folder, exported.fileName), exported.text);
        modules.push(exported.fileName.replace(/\.py$/, ''));
      }
      results = await runModules(folder, modules);
    }, 300_000);
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    for (const c of cases) {
      if (c.skip !== null) {
        test.skip(`${c.file} (skipped: ${c.skip})`, () => {});
        continue;
      }
      test(c.file, () => {
        const result = results[c.exported!.fileName.replace(/\.py$/, '')];
        expect(result.problems, result.output).toBe(0);
        expect(result.skipped, result.output).toEqual([]);
        expect(result.ran).toBe(1);
      });
    }

    test('a module runs on its own too (python3 FILE.py), and fails when the run differs from Django', async () => {
      const scenario = cases.find((c) => c.file === '08-login-cycles-key-db.json')!.scenario!;
      const { records } = await runScenario(scenario, directTransport);
      const honest = exportDjangoTest({ scenario, records });
      if (!honest.ok) throw new Error(honest.reason);
      const file = join(folder, 'standalone_test_run.py');
      writeFileSync(file, honest.text);
      const passed = spawnSync(command, [file], { encoding: 'utf8', cwd: folder, timeout: 120_000 });
      expect(passed.status, passed.stderr).toBe(0);
      expect(passed.stderr).toMatch(/Ran 1 test[\s\S]*\nOK\n/);

      // The same run, as if the playground had shown a logged-in user where Django has none.
      const last = records.length - 1;
      const wrong = records.map((r, i) =>
        i === last ? { ...r, entry: { ...r.entry, response: { ...r.entry.response!, json: { user: 'bob' } } } } : r,
      );
      const dishonest = exportDjangoTest({ scenario, records: wrong });
      if (!dishonest.ok) throw new Error(dishonest.reason);
      writeFileSync(file, dishonest.text);
      const failed = spawnSync(command, [file], { encoding: 'utf8', cwd: folder, timeout: 120_000 });
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain("response body differs from the run");
      expect(failed.stderr).toContain("'bob'");
    }, 120_000);
  });
}
