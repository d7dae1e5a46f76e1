// `npm run bench:engine [-- --json out.json] [-- --requests N]`: how many
// requests per second the simulated Django site answers, for each session
// engine, called directly (DemoSite.handle: the middleware, the view, the
// engine) and through MSW's request handlers (handlerTransport, as the app
// without a service worker sends them). A fixed, seeded mix of clients and
// requests. It reports; it never fails on a number.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { handlerTransport } from '../src/msw/transport';
import { VirtualClock } from '../src/sim/clock';
import { headerValues, type SimRequest } from '../src/sim/django/http';
import { ENGINES, formatSettingErrors, resolveSettings, type EnginePath } from '../src/sim/django/settings';
import { DemoSite, newServerStorage } from '../src/sim/django/site';
import { SeededRandom } from '../src/sim/random';

const START = Date.UTC(2026, 0, 1);
const CLIENTS = 20;
const ORIGIN = 'https://shop.example';

/** The mix: what a visitor does, with its weight (they add up to 100). */
const MIX: { name: string; weight: number; request: (random: SeededRandom) => Omit<SimRequest, 'cookie'> }[] = [
  { name: 'visits', weight: 40, request: () => ({ method: 'GET', url: `${ORIGIN}/visits/`, form: {} }) },
  { name: 'peek', weight: 25, request: () => ({ method: 'GET', url: `${ORIGIN}/peek/`, form: {} }) },
  {
    name: 'cart add', weight: 20,
    request: (random) => ({ method: 'POST', url: `${ORIGIN}/cart/add/`, form: { item: `item-${random.int(1, 50)}` } }),
  },
  {
    name: 'login', weight: 8,
    request: (random) => {
      const [username, password] = random.int(0, 1) === 0 ? ['alice', 'wonderland'] : ['bob', 'builder'];
      return { method: 'POST', url: `${ORIGIN}/login/`, form: { username, password } };
    },
  },
  { name: 'logout', weight: 7, request: () => ({ method: 'POST', url: `${ORIGIN}/logout/`, form: {} }) },
];
const TOTAL_WEIGHT = MIX.reduce((sum, m) => sum + m.weight, 0);

/** The same sequence of (client, request) for every engine and transport. */
function plan(count: number): { client: number; request: Omit<SimRequest, 'cookie'> }[] {
  const random = new SeededRandom(2026);
  return Array.from({ length: count }, () => {
    let pick = random.int(0, TOTAL_WEIGHT - 1);
    const entry = MIX.find((m) => (pick -= m.weight) < 0) ?? MIX[0];
    return { client: random.int(0, CLIENTS - 1), request: entry.request(random) };
  });
}

type Send = (site: DemoSite, request: SimRequest) => Promise<string[]> | string[];

const direct: Send = (site, request) => headerValues(site.handle(request).response, 'Set-Cookie');
const viaMsw: Send = async (site, request) => headerValues((await handlerTransport(request, site)).response, 'Set-Cookie');

/** Runs the plan on a fresh site; each client keeps the session cookie it was given. Returns seconds taken. */
async function run(engine: EnginePath, steps: ReturnType<typeof plan>, send: Send): Promise<number> {
  const resolved = resolveSettings({ SESSION_ENGINE: engine });
  if (!resolved.ok) throw new Error(formatSettingErrors(resolved.errors));
  const settings = resolved.settings;
  const clock = new VirtualClock(START);
  const site = new DemoSite(settings, newServerStorage(settings), clock, new SeededRandom(1));
  const cookies = new Map<number, string>();
  const prefix = `${settings.SESSION_COOKIE_NAME}=`;
  const began = performance.now();
  for (const { client, request } of steps) {
    const cookie = cookies.get(client);
    const setCookies = await send(site, { ...request, cookie: cookie === undefined ? null : prefix + cookie });
    for (const line of setCookies) {
      if (!line.startsWith(prefix)) continue;
      if (line.includes('Max-Age=0;')) cookies.delete(client);
      else cookies.set(client, line.slice(prefix.length, line.indexOf(';')));
    }
    clock.advance(1);
  }
  return (performance.now() - began) / 1000;
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const requests = Number(option(args, '--requests') ?? 5000);
  const jsonPath = option(args, '--json');
  const steps = plan(requests);
  const warmUp = plan(Math.min(500, requests));

  const results: { engine: string; direct: number; msw: number }[] = [];
  for (const engine of Object.keys(ENGINES) as EnginePath[]) {
    await run(engine, warmUp, direct);
    await run(engine, warmUp, viaMsw);
    const directSeconds = await run(engine, steps, direct);
    const mswSeconds = await run(engine, steps, viaMsw);
    results.push({ engine: ENGINES[engine], direct: requests / directSeconds, msw: requests / mswSeconds });
  }

  const mix = MIX.map((m) => `${m.weight}% ${m.name}`).join(', ');
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`;
  const rows = [
    ['engine', 'DemoSite.handle', 'MSW handlerTransport', 'MSW cost'],
    ...results.map((r) => [r.engine, rate(r.direct), rate(r.msw), `${(r.direct / r.msw).toFixed(1)}×`]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`Django session engine: ${requests} requests per run from ${CLIENTS} clients (${mix}), Node ${process.version}\n`);
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   '));

  if (jsonPath) {
    const report = {
      node: process.version,
      requests,
      clients: CLIENTS,
      mix: Object.fromEntries(MIX.map((m) => [m.name, m.weight])),
      results: results.map((r) => ({ engine: r.engine, directRequestsPerSecond: Math.round(r.direct), mswRequestsPerSecond: Math.round(r.msw) })),
    };
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwritten to ${jsonPath}`);
  }
}

await main(process.argv.slice(2));
