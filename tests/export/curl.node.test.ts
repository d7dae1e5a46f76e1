/**
 * The curl export of every scenario the playground runs: valid POSIX shell
 * (sh -n and bash -n), and, run with a curl that only records its arguments,
 * it makes exactly the run's requests (method, URL, form body) in order, with
 * the profile's jar, or with no jar where Chrome sent and stored no cookies.
 * The jar edits (a browser restart, a hand-written cookie, a stolen copy)
 * are checked on real Netscape jar files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exportCurlScript } from '../../src/sim/export';
import { CURL_PRELUDE } from '../../src/sim/export/curl';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import { directTransport } from '../../src/sim/world';

const sources = {
  ...import.meta.glob('../contract/scenarios/*.json', { eager: true, import: 'default' }),
  ...import.meta.glob('../scenarios/*.json', { eager: true, import: 'default' }),
};
const folder = mkdtempSync(join(tmpdir(), 'playground-curl-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// A curl that answers nothing and writes each call's arguments (unit separator between, record separator after).
const fakeBin = join(folder, 'bin');
spawnSync('mkdir', ['-p', fakeBin]);
writeFileSync(join(fakeBin, 'curl'), '#!/bin/sh\nfor a in "$@"; do printf \'%s\\037\' "$a"; done >> "$CURL_LOG"\nprintf \'\\036\' >> "$CURL_LOG"\necho "HTTP/1.1 200 OK"\n');
chmodSync(join(fakeBin, 'curl'), 0o755);

function recordedCalls(log: string): string[][] {
  return log.split('\x1e').filter(Boolean).map((call) => call.split('\x1f').slice(0, -1));
}

describe('curl scripts', () => {
  for (const [path, raw] of Object.entries(sources)) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const parsed = parseScenario(raw, file);
    if (!parsed.ok) {
      test.skip(`${file} (skipped: the playground does not run it yet)`, () => {});
      continue;
    }
    test(file, async () => {
      const { scenario } = parsed;
      const { records } = await runScenario(scenario, directTransport);
      const exported = exportCurlScript({ scenario, records });
      if (!exported.ok) throw new Error(exported.reason);
      const script = join(folder, exported.fileName);
      writeFileSync(script, exported.text);
      for (const shell of ['sh', 'bash']) {
        const check = spawnSync(shell, ['-n', script], { encoding: 'utf8' });
        expect(check.status, `${shell} -n: ${check.stderr}`).toBe(0);
      }

      const jars = mkdtempSync(join(folder, 'jars-'));
      const log = join(jars, 'calls');
      writeFileSync(log, '');
      const ran = spawnSync('sh', [script], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, CURL_LOG: log, JARS: jars },
      });
      expect(ran.status, ran.stderr).toBe(0);

      const calls = recordedCalls(readFileSync(log, 'utf8'));
      const requests = records.filter((r) => r.error === null && r.entry.request !== null);
      expect(calls).toHaveLength(requests.length);
      calls.forEach((args, i) => {
        const { entry, effects } = requests[i];
        const sent = entry.request!;
        expect(args.at(-1)).toBe(sent.url);
        const data = args.indexOf('--data-raw');
        const method = args.includes('-X') ? args[args.indexOf('-X') + 1] : data >= 0 ? 'POST' : 'GET';
        expect(method).toBe(sent.method);
        const step = scenario.steps[records.indexOf(requests[i])] as { request: { form?: Record<string, string> } };
        if (step.request.form) expect(new URLSearchParams(args[data + 1])).toEqual(new URLSearchParams(step.request.form));
        if (effects.exchange?.sent.withheld) {
          expect(args).not.toContain('-b');
          expect(args).not.toContain('-c');
        } else {
          const jar = args[args.indexOf('-b') + 1];
          expect(args[args.indexOf('-c') + 1]).toBe(jar);
          expect(readFileSync(jar, 'utf8')).toMatch(/^# Netscape HTTP Cookie File/);
        }
      });
    });
  }
});

describe('jar edits on Netscape cookie jars', () => {
  const run = (body: string) => {
    const result = spawnSync('sh', ['-c', `${CURL_PRELUDE}\n${body}`], { encoding: 'utf8', env: { ...process.env, JARS: folder } });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  const tab = (...fields: string[]) => fields.join('\t');
  const persistent = tab('#HttpOnly_shop.example', 'FALSE', '/', 'FALSE', '1768435200', 'sessionid', 'k1');
  const session = tab('shop.example', 'FALSE', '/', 'FALSE', '0', 'theme', 'dark');

  test('a browser restart drops the cookies without expiry, HttpOnly or not', () => {
    const out = run(`j=$JARS/a.txt; new_jar "$j"; printf '%s\\n' '${persistent}' '${session}' '${tab('#HttpOnly_shop.example', 'FALSE', '/', 'TRUE', '0', 'sid', 'x')}' >> "$j"; drop_session_cookies "$j"; cat "$j"`);
    expect(out.split('\n').filter((l) => l.includes('\t'))).toEqual([persistent]);
    expect(out).toMatch(/^# Netscape HTTP Cookie File/);
  });

  test('a hand-written cookie replaces the one of the same name, domain and path only', () => {
    const other = tab('.shop.example', 'TRUE', '/cart/', 'FALSE', '0', 'sessionid', 'k2');
    const typed = tab('#HttpOnly_shop.example', 'FALSE', '/', 'FALSE', '0', 'sessionid', 'typed');
    const out = run(`j=$JARS/b.txt; new_jar "$j"; printf '%s\\n' '${persistent}' '${other}' >> "$j"; set_cookie_line "$j" '${typed}'; cat "$j"`);
    expect(out.split('\n').filter((l) => l.includes('\t'))).toEqual([other, typed]);
  });

  test('a stolen copy takes every cookie of that name and replaces the target\'s own', () => {
    const victim = tab('#HttpOnly_shop.example', 'FALSE', '/', 'FALSE', '1768435200', 'sessionid', 'victim-key');
    const attackerOwn = tab('shop.example', 'FALSE', '/', 'FALSE', '0', 'sessionid', 'attacker-key');
    const out = run(`v=$JARS/v.txt; a=$JARS/at.txt; new_jar "$v"; new_jar "$a"; printf '%s\\n' '${victim}' '${session}' >> "$v"; printf '%s\\n' '${attackerOwn}' >> "$a"; copy_cookies "$v" "$a" sessionid; cat "$a"`);
    expect(out.split('\n').filter((l) => l.includes('\t'))).toEqual([victim]);
  });
});
