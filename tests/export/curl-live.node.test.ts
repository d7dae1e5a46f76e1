/**
 * The curl export against real Django: the exported module serves the demo
 * site on Django's development server (`python3 FILE.py serve PORT`), and the
 * exported script, pointed at it with CONNECT_TO, gets the statuses, bodies
 * and Set-Cookie headers the playground showed, its jar files carrying the
 * real session keys (a login, a stolen copy, a logout, a made-up key). The
 * run is plain http:// (the development server speaks no TLS). Skipped
 * without a Python with Django.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { exportCurlScript, exportDjangoTest } from '../../src/sim/export';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import { directTransport } from '../../src/sim/world';
import { findDjangoPython } from '../support/django-python';

const python = findDjangoPython();
const site = (path: string) => `http://shop.example${path}`;
const RUN = {
  name: 'curl against a live Django',
  start: '2026-01-01T00:00:00Z',
  settings: {},
  steps: [
    { request: { method: 'GET', url: site('/visits/') } },
    { request: { method: 'POST', url: site('/login/'), form: { username: 'alice', password: 'wonderland' } } },
    { request: { method: 'GET', url: site('/me/') } },
    { copy_cookie: { from: 'default', to: 'attacker', name: 'sessionid' } },
    { request: { method: 'GET', url: site('/me/'), browser: 'attacker' } },
    { request: { method: 'POST', url: site('/logout/') } },
    { request: { method: 'GET', url: site('/me/'), browser: 'attacker' } },
    { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: '0123456789abcdefghijklmnopqrstuv' } },
    { request: { method: 'GET', url: site('/visits/') } },
  ],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function listening(port: number, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`the development server exited: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the development server did not listen on ${port}: ${log()}`);
}

const folder = mkdtempSync(join(tmpdir(), 'playground-curl-live-'));
let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill();
  rmSync(folder, { recursive: true, force: true });
});

(python ? test : test.skip)(
  `the curl script against the exported site on Django's development server${python ? '' : ' (skipped: no Python with Django and freezegun)'}`,
  async () => {
    const parsed = parseScenario(RUN);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { records } = await runScenario(parsed.scenario, directTransport);
    const module = exportDjangoTest({ scenario: parsed.scenario, records });
    const script = exportCurlScript({ scenario: parsed.scenario, records });
    if (!module.ok || !script.ok) throw new Error('not exported');
    writeFileSync(join(folder, module.fileName), module.text);
    writeFileSync(join(folder, script.fileName), script.text);

    const port = await freePort();
    let log = '';
    server = spawn(python!.command, [join(folder, module.fileName), 'serve', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await listening(port, server, () => log);

    const jars = mkdtempSync(join(folder, 'jars-'));
    const ran = spawnSync('sh', [join(folder, script.fileName)], {
      encoding: 'utf8',
      env: { ...process.env, JARS: jars, CONNECT_TO: `shop.example:80:127.0.0.1:${port}` },
      timeout: 60_000,
    });
    expect(ran.status, ran.stderr).toBe(0);

    // One block per answer: the status line, the headers, a blank line, the JSON body.
    const answers = ran.stdout.split(/^(?=HTTP\/1\.[01] \d{3} )/m).filter((block) => block.startsWith('HTTP/'));
    const expected = records.flatMap((r) => (r.entry.response ? [r.entry.response] : []));
    expect(answers).toHaveLength(expected.length);
    answers.forEach((answer, i) => {
      const [head, body] = answer.split(/\r?\n\r?\n/);
      expect(Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)![1])).toBe(expected[i].status);
      expect(JSON.parse(body.split('\n')[0])).toEqual(expected[i].json);
      const setCookies = head.split(/\r?\n/).filter((line) => /^set-cookie:/i.test(line)).map((line) => line.replace(/^set-cookie:\s*/i, ''));
      // Same cookies, set or deleted, with the same attributes; keys are random, and the real clock dates them.
      const shape = (line: string) => line.replace(/[a-z0-9]{32}/, '<key>').replace(/expires=[^;]+/, 'expires=…');
      expect(setCookies.map(shape)).toEqual(expected[i].set_cookie.map(shape));
    });
    // The jars carried the real keys: the victim's jar ends with the key Django issued for the made-up one.
    const victim = readFileSync(join(jars, 'default.txt'), 'utf8');
    expect(victim).toMatch(/\tsessionid\t[a-z0-9]{32}$/m);
    expect(victim).not.toContain('0123456789abcdefghijklmnopqrstuv');
  },
  120_000,
);
