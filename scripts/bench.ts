// `npm run bench [-- --json PATH]`: how big and how fast the playground is.
// Builds the production site, then measures its JavaScript, cold loads and
// stepping in the system Chromium, the Server panel's store table with
// 10,000 and 100,000 rows, the engine's requests per second in Node
// (scripts/bench-engine.ts) and Lighthouse's scores. Prints a Markdown table
// with the targets and writes every figure to bench-report.json (or PATH).
// It reports: a missed target is a figure, not a failure; it exits non-zero
// only when something could not be measured.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright } from 'playwright';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium';
import { lighthouse, type LighthouseResult } from './bench/lighthouse';
import { coldLoads, stepLatencies } from './bench/load';
import { javascriptSizes, serve, viteBuild } from './bench/site';
import { storeTableRuns } from './bench/table';

const COLD_LOAD_RUNS = 7;
const TABLE_SIZES = [10_000, 100_000];
const TABLE_RUNS = 3;
/** Enough for steady figures while the whole bench stays within a few minutes on 2 cores. */
const ENGINE_REQUESTS = 2000;
const TARGETS = { initialJsGzipBytes: 150_000, coldLoadMs: 500, stepP95Ms: 16, lighthouse: 100 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank 95th percentile. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

const progress = (what: string) => process.stderr.write(`bench: ${what}…\n`);
const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const count = (n: number) => n.toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : 'missed');

interface EngineReport {
  requests: number;
  results: { engine: string; directRequestsPerSecond: number; mswRequestsPerSecond: number }[];
}

/** scripts/bench-engine.ts, in its own process, read back from its JSON. */
function engineBench(dir: string): EngineReport {
  const output = join(dir, 'engine.json');
  execFileSync('npx', ['tsx', 'scripts/bench-engine.ts', '--requests', String(ENGINE_REQUESTS), '--json', output], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(output, 'utf8')) as EngineReport;
}

async function main(args: string[]): Promise<void> {
  const jsonIndex = args.indexOf('--json');
  const jsonPath = jsonIndex >= 0 ? args[jsonIndex + 1] : 'bench-report.json';
  if (!jsonPath) throw new Error('--json needs a path');

  // Taken before the bench adds its own load: whether something else was running.
  const loadAverage = loadavg().map((n) => Number(n.toFixed(2)));
  const work = mkdtempSync(join(tmpdir(), 'playground-bench-'));
  const siteDir = join(work, 'site');
  const pageDir = join(work, 'store-table');
  // Whatever was started is stopped, even when a measure fails.
  const running: { close: () => Promise<void> }[] = [];
  try {
    progress('building the site (vite build, production)');
    viteBuild(siteDir);
    viteBuild(pageDir, ['--config', 'scripts/bench/store-table/vite.config.ts']);
    const javascript = javascriptSizes(siteDir);

    progress(`engine requests per second (${ENGINE_REQUESTS} requests per run)`);
    const engine = engineBench(work);

    const site = await serve(siteDir);
    running.push(site);
    const page = await serve(pageDir);
    running.push(page);
    const browser = await playwright.launch({ executablePath: chromiumPath, args: chromiumArgs });
    running.push(browser);
    const chromium = browser.version();
    progress(`${COLD_LOAD_RUNS} cold loads`);
    const cold = await coldLoads(browser, site.url, COLD_LOAD_RUNS);
    progress('stepping through 20 steps');
    const steps = await stepLatencies(browser, site.url);
    const tables = [];
    for (const rows of TABLE_SIZES) {
      progress(`store table with ${count(rows)} rows`);
      tables.push({ rows, runs: await storeTableRuns(browser, page.url, rows, TABLE_RUNS) });
    }
    // Lighthouse runs its own Chromium; this one would only compete for the 2 cores.
    await browser.close();

    const audits: LighthouseResult[] = [];
    for (const formFactor of ['mobile', 'desktop'] as const) {
      progress(`Lighthouse (${formFactor})`);
      audits.push(await lighthouse(site.url, formFactor));
    }

    const report = {
      date: new Date().toISOString(),
      machine: { cores: availableParallelism(), node: process.version, chromium, loadAverageBefore: loadAverage },
      targets: TARGETS,
      javascript,
      coldLoad: {
        runs: cold,
        median: { sendShown: median(cold.map((c) => c.sendShown)), answered: median(cold.map((c) => c.answered)) },
      },
      steps: {
        latencies: steps,
        updated: { median: median(steps.map((s) => s.updated)), p95: p95(steps.map((s) => s.updated)) },
        painted: { median: median(steps.map((s) => s.painted)), p95: p95(steps.map((s) => s.painted)) },
      },
      storeTable: tables.map(({ rows, runs }) => {
        const scrolls = runs.flatMap((r) => r.scrolls);
        return {
          rows,
          runs,
          median: { commit: median(runs.map((r) => r.commit)), painted: median(runs.map((r) => r.painted)) },
          scroll: { median: median(scrolls), p95: p95(scrolls) },
        };
      }),
      engine,
      lighthouse: audits,
    };

    const { initial, total } = javascript;
    const rows: [string, string, string, string][] = [
      ['initial JS (loaded before first paint), gzip', `${kB(initial.gzipBytes)} (${initial.files.length} file${initial.files.length === 1 ? '' : 's'})`, `≤ ${TARGETS.initialJsGzipBytes / 1000} kB`, verdict(initial.gzipBytes <= TARGETS.initialJsGzipBytes)],
      ['total JS (every .js served, workers included), gzip', `${kB(total.gzipBytes)} (${total.files.length} files)`, '', ''],
      [`cold load → Send button painted, median of ${COLD_LOAD_RUNS}`, ms(report.coldLoad.median.sendShown), `≤ ${TARGETS.coldLoadMs} ms`, verdict(report.coldLoad.median.sendShown <= TARGETS.coldLoadMs)],
      [`cold load → answer to a Send clicked when it is painted, median of ${COLD_LOAD_RUNS}`, ms(report.coldLoad.median.answered), `≤ ${TARGETS.coldLoadMs} ms`, verdict(report.coldLoad.median.answered <= TARGETS.coldLoadMs)],
      ['step → keydown to frame painted, 20 steps', `median ${ms(report.steps.painted.median)}, p95 ${ms(report.steps.painted.p95)}`, `p95 ≤ ${TARGETS.stepP95Ms} ms`, verdict(report.steps.painted.p95 <= TARGETS.stepP95Ms)],
      ['step → keydown to every panel updated (DOM)', `median ${ms(report.steps.updated.median)}, p95 ${ms(report.steps.updated.p95)}`, `p95 ≤ ${TARGETS.stepP95Ms} ms`, verdict(report.steps.updated.p95 <= TARGETS.stepP95Ms)],
      ...report.storeTable.flatMap((t): [string, string, string, string][] => [
        [`store table, ${count(t.rows)} rows: first render (commit / painted), median of ${TABLE_RUNS}`, `${ms(t.median.commit)} / ${ms(t.median.painted)}`, '', ''],
        [`store table, ${count(t.rows)} rows: scroll jump to painted, ${t.runs.length * t.runs[0].scrolls.length} jumps`, `median ${ms(t.scroll.median)}, p95 ${ms(t.scroll.p95)}`, '', ''],
      ]),
      ...engine.results.map((r): [string, string, string, string] => [
        `engine ${r.engine}: requests/s, DemoSite.handle / MSW handlerTransport`, `${count(r.directRequestsPerSecond)} / ${count(r.mswRequestsPerSecond)}`, '', '',
      ]),
      ...audits.map((a): [string, string, string, string] => {
        const scores = Object.values(a.scores);
        return [
          `Lighthouse ${a.formFactor}: performance / accessibility / best practices / SEO`,
          scores.map((s) => s ?? 'n/a').join(' / '),
          `${TARGETS.lighthouse} each`,
          verdict(scores.every((s) => s === TARGETS.lighthouse)),
        ];
      }),
    ];

    const table = [['measure', 'result', 'target', ''], ['---', '---', '---', '---'], ...rows].map((r) => `| ${r.join(' | ')} |`);
    console.log(`Benchmark, ${report.date.slice(0, 10)}: ${report.machine.cores} cores, Node ${report.machine.node}, Chromium ${chromium}, load average before the run ${loadAverage.join(' / ')}\n`);
    console.log(table.join('\n'));
    for (const a of audits) {
      if (a.costs.length > 0) console.log(`\nLighthouse ${a.formFactor}, audits that cost points:`);
      for (const c of a.costs) console.log(`- ${c.category}: ${c.title}${c.displayValue ? ` (${c.displayValue})` : ''}, score ${c.score.toFixed(2)}`);
      for (const warning of a.warnings) console.log(`Lighthouse ${a.formFactor} warned: ${warning}`);
    }
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwritten to ${jsonPath}`);
  } finally {
    await Promise.all(running.map((r) => r.close()));
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`bench: could not measure: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
