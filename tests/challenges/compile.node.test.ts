import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileChallenges } from '../../src/challenges/compile';
import { judgeAttempt } from '../../src/challenges/rules';
import type { Challenge } from '../../src/challenges/types';

const FILE = 'challenges/02-hijack-copied-cookie.yaml';
const original = readFileSync(new URL(`../../${FILE}`, import.meta.url), 'utf8');

function compile(text: string, file = FILE) {
  return compileChallenges([{ file, text }]);
}
const errorsOf = (text: string) => {
  const result = compile(text);
  return result.ok ? [] : result.errors;
};
function edit(from: string, to: string): string {
  expect(original).toContain(from);
  return original.replace(from, to);
}
const lineOf = (text: string) => original.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('a broken challenge names the file, the field and the line', () => {
  test('the real file compiles', () => {
    expect(compile(original).ok).toBe(true);
  });

  test('a bad file name', () => {
    expect(compileChallenges([{ file: 'challenges/hijack.yaml', text: original }])).toEqual({
      ok: false,
      errors: ['challenges/hijack.yaml: file name: must look like 01-some-slug.yaml (two digits, a dash, lowercase words)'],
    });
  });

  test('a check naming a profile the start state does not have', () => {
    const text = edit('session: { profile: attacker, includes', 'session: { profile: atacker, includes');
    expect(errorsOf(text)).toEqual([
      `${FILE}: checks[0].session.profile: unknown profile "atacker" (start.profiles: alice, attacker) (line ${lineOf('session: { profile: attacker')})`,
    ]);
  });

  test('a check naming a worker the start state does not run', () => {
    const text = edit('session: { profile: attacker, includes', 'session: { profile: attacker, place: cache, worker: b, includes');
    expect(errorsOf(text)).toEqual([
      `${FILE}: checks[0].session.worker: names worker "b", but the start has no servers (line ${lineOf('session: { profile: attacker')})`,
    ]);
  });

  test('a check that looks at a step number', () => {
    const text = edit('    json: { equals: { user: alice } }', '    jar: { profile: attacker, has: sessionid, same_value_as: { step: 1 } }');
    expect(errorsOf(text)).toEqual([
      `${FILE}: checks[2].jar.same_value_as.step: a challenge has no fixed step numbers: its checks look at the state after the last step (line ${lineOf('json: { equals: { user: alice } }')})`,
    ]);
  });

  test('four hints, an unknown step kind in the solution, a bad allowed request', () => {
    const text = edit('  - Copy alice', '  - One more hint\n  - Copy alice')
      .replace('    - copy_cookie: { from: alice', '    - steal_cookie: { from: alice')
      .replace('"GET /peek/", "GET /visits/"', '"GET /peek/", "/visits/"');
    const errors = errorsOf(text);
    expect(errors).toContain(`${FILE}: allow.requests[3]: must look like "GET /peek/" (a method, a space, a path) (line ${lineOf('requests: [')})`);
    expect(errors).toContain(`${FILE}: hints: has more than 3 items (line ${lineOf('hints:') + 1})`);
    expect(errors.some((e) => e.startsWith(`${FILE}: solution.steps[0].steal_cookie: unknown step kind`))).toBe(true);
  });

  test('a reference solution that breaks its own rules', () => {
    const text = edit('    - request: { method: GET, url: "https://shop.example/me/", browser: attacker }\n      note', '    - request: { method: POST, url: "https://shop.example/login/", form: { username: alice, password: wonderland }, browser: attacker }\n      note');
    expect(errorsOf(text)).toEqual([
      `${FILE}: solution.steps[1]: the reference solution breaks its own rules: POST /login/ is not one of the allowed requests (GET /, GET /me/, GET /peek/, GET /visits/) (line ${lineOf('    - request: { method: GET, url: "https://shop.example/me/", browser: attacker }')})`,
    ]);
  });

  test('a setting Django refuses, and a YAML syntax error', () => {
    expect(errorsOf(edit('start:\n', 'start:\n  settings: { SESSION_COOKIE_SAMESITE: Loose }\n'))[0]).toMatch(/^challenges\/02-hijack-copied-cookie\.yaml: start\.settings\.SESSION_COOKIE_SAMESITE: .* \(line 7\)$/);
    expect(errorsOf(edit('title: Be alice', 'title: [Be alice'))[0]).toMatch(/^challenges\/02-hijack-copied-cookie\.yaml: yaml: .* \(line \d+\)$/);
  });
});

describe('judging an attempt', () => {
  const compiled = compile(original);
  const challenge = (compiled.ok ? compiled.value[0] : null) as Challenge;
  const pass = () => ({ pass: true, actual: '' });
  const solutionSteps = challenge.solution.steps.map((s) => s.step);

  test('solved: the start kept, only allowed steps, every check holding', () => {
    const verdict = judgeAttempt(challenge, { settings: {}, steps: [...challenge.start.steps, ...solutionSteps] }, pass);
    expect(verdict).toMatchObject({ solved: true, broken: [], startKept: true, moves: 2 });
  });

  test('a forbidden request, a changed setting, a start that was left: not solved, and each says why', () => {
    const login = { request: { method: 'POST', url: 'https://shop.example/login/', form: { username: 'alice', password: 'wonderland' }, browser: 'attacker' } };
    const verdict = judgeAttempt(challenge, { settings: { SESSION_COOKIE_HTTPONLY: false }, steps: [...challenge.start.steps, login] }, pass);
    expect(verdict.solved).toBe(false);
    expect(verdict.broken).toEqual([
      'Step 3: POST /login/ is not one of the allowed requests (GET /, GET /me/, GET /peek/, GET /visits/).',
      'SESSION_COOKIE_HTTPONLY was changed, and this challenge does not let you change it.',
    ]);
    const moved = judgeAttempt(challenge, { settings: {}, servers: { workers: ['a', 'b'] }, steps: [...challenge.start.steps, ...solutionSteps] }, pass);
    expect(moved).toMatchObject({ solved: false, broken: ['The servers (workers, and what they share) were changed: this challenge runs on the servers of its start state.'] });
    const left = judgeAttempt(challenge, { settings: {}, steps: [challenge.start.steps[0], ...solutionSteps] }, pass);
    expect(left).toMatchObject({ solved: false, startKept: false });
  });

  test('doing nothing is never solved, even when every check happens to hold', () => {
    expect(judgeAttempt(challenge, { settings: {}, steps: challenge.start.steps }, pass)).toMatchObject({ solved: false, moves: 0 });
  });
});
