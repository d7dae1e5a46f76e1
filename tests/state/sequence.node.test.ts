import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runScenario } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { directTransport } from '../../src/sim/world';
import { sequenceLanes, sequenceStep, visibleWindow, type Arrow } from '../../src/state/sequence';

const contract = (dir: 'scenarios' | 'golden', name: string) =>
  JSON.parse(readFileSync(new URL(`../contract/${dir}/${name}.json`, import.meta.url), 'utf8')) as unknown;

/** The engine's records for a contract scenario, and real Django's transcript of it. */
async function recorded(name: string) {
  const parsed = parseScenario(contract('scenarios', name));
  if (!parsed.ok) throw new Error(`scenario ${name} does not parse`);
  const { records, transcript } = await runScenario(parsed.scenario, directTransport);
  const golden = contract('golden', name) as Transcript;
  return { records, golden, ours: relabeller(transcript), theirs: relabeller(golden) };
}

/** Session keys are random: each becomes <kN> by first appearance in its own transcript, as the contract compares them. */
function relabeller(transcript: Transcript): (text: string) => string {
  const labels = new Map<string, string>();
  for (const key of JSON.stringify(transcript.steps).match(/[a-z0-9]{32}/g) ?? []) if (!labels.has(key)) labels.set(key, `<k${labels.size + 1}>`);
  return (text) => text.replace(/[a-z0-9]{32}/g, (key) => labels.get(key) ?? key);
}

const of = <K extends Arrow['kind']>(arrows: Arrow[], kind: K) => arrows.filter((a): a is Extract<Arrow, { kind: K }> => a.kind === kind);

test('every request and response arrow carries what real Django saw and answered (golden 08, login cycles the key)', async () => {
  const { records, golden, ours, theirs } = await recorded('08-login-cycles-key-db');
  const lanes = sequenceLanes(records);
  expect(lanes.map((l) => l.label)).toEqual(['browser default', 'Django', 'session store']);
  records.forEach((record, i) => {
    const expected = golden.steps[i];
    const arrows = sequenceStep(record, i + 1, lanes).arrows;
    const [request] = of(arrows, 'request');
    const [response] = of(arrows, 'response');
    if (expected.request === null) {
      expect(request).toBeUndefined();
      return;
    }
    expect(`${request.method} https://${request.host}${request.path}`).toBe(`${expected.request.method} ${expected.request.url}`);
    const header = request.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(header === '' ? null : ours(header)).toBe(expected.request.cookie && theirs(expected.request.cookie));
    expect(request.from).toBe('browser:default');
    expect(response.status).toBe(expected.response!.status);
    expect(response.setCookies.map((c) => ours(`${c.name}=${c.value}`))).toEqual(expected.response!.set_cookie.map((line) => theirs(line.split(';')[0])));
    expect(response.setCookies.map((c) => c.maxAge)).toEqual(expected.response!.set_cookie.map((line) => /Max-Age=(\d+)/.exec(line)?.[1] ?? null));
    // A key the store created is in Django's table after the step; a key it deleted is not.
    const rows = (expected.store.db ?? []).map((r) => theirs(r.session_key));
    for (const op of of(arrows, 'store')) {
      if (op.op === 'created' || op.op === 'updated') expect(rows).toEqual(expect.arrayContaining(op.keys.map(ours)));
      if (op.op === 'deleted') for (const key of op.keys) expect(rows).not.toContain(ours(key));
    }
  });
  // The login step (POST /login/ with a session) creates the new key and deletes the old one.
  const loginIndex = golden.steps.findIndex((s) => s.request?.url.endsWith('/login/') && s.request.cookie !== null);
  const ops = of(sequenceStep(records[loginIndex], loginIndex + 1, lanes).arrows, 'store').map((a) => a.op);
  expect(ops).toEqual(expect.arrayContaining(['created', 'deleted']));
});

test('a cross-site request starts in evil.example; a held-back cookie comes with its reason (golden 19, SameSite=Lax)', async () => {
  const { records, golden } = await recorded('19-samesite-lax-cross-site-db');
  const lanes = sequenceLanes(records);
  expect(lanes.map((l) => l.label)).toEqual(['evil.example', 'browser default', 'Django', 'session store']);
  const steps = records.map((r, i) => sequenceStep(r, i + 1, lanes));
  expect(steps.map((s) => of(s.arrows, 'starts').map((a) => a.how))).toEqual([[], ['link'], ['fetch'], ['form'], []]);
  // Real Django received no cookie on the fetch and the form POST: the diagram says which was held back, and why.
  expect(golden.steps[2].request!.cookie).toBeNull();
  expect(golden.steps[3].request!.cookie).toBeNull();
  expect(of(steps[2].arrows, 'request')[0].heldBack.map((h) => [h.name, h.reason])).toEqual([['sessionid', 'SameSiteLax']]);
  expect(of(steps[3].arrows, 'request')[0].heldBack.map((h) => [h.name, h.reason])).toEqual([['sessionid', 'SameSiteLax']]);
  expect(of(steps[1].arrows, 'request')[0].heldBack).toEqual([]);
  // Order: the site starts it, the browser sends it, the server reads its store, then answers.
  expect(steps[1].arrows.map((a) => a.kind)).toEqual(['starts', 'request', 'store', 'response']);
});

test('signed_cookies has no store lane: what the engine did with the cookie is a note on the server', async () => {
  const { records } = await recorded('06-signed-cookies-counter-and-cart');
  const lanes = sequenceLanes(records);
  expect(lanes.some((l) => l.kind === 'store')).toBe(false);
  const arrows = records.flatMap((r, i) => sequenceStep(r, i + 1, lanes).arrows);
  expect(of(arrows, 'store')).toEqual([]);
  expect(of(arrows, 'note').map((n) => n.text)).toContain('signed cookie verified and read');
});

test('clearsessions and a refused Set-Cookie appear as what they are (golden 16 and project golden 08)', async () => {
  const { records, golden, ours, theirs } = await recorded('16-two-week-expiry-and-clearsessions-db');
  const lanes = sequenceLanes(records);
  const clear = golden.steps.findIndex((s) => 'clearsessions' in s.step);
  const arrows = sequenceStep(records[clear], clear + 1, lanes).arrows;
  expect(arrows[0]).toEqual({ kind: 'note', lane: 'server', text: 'manage.py clearsessions' });
  const deleted = of(arrows, 'store').flatMap((a) => a.keys.map(ours));
  const before = (golden.steps[clear - 1].store.db ?? []).map((r) => theirs(r.session_key));
  const after = (golden.steps[clear].store.db ?? []).map((r) => theirs(r.session_key));
  expect(deleted.sort()).toEqual(before.filter((k) => !after.includes(k)).sort());

  const parsed = parseScenario(JSON.parse(readFileSync(new URL('../scenarios/08-not-httponly-secure-samesite-none-http-request-db.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('scenario 08 does not parse');
  const run = await runScenario(parsed.scenario, directTransport);
  const all = run.records.flatMap((r, i) => sequenceStep(r, i + 1, sequenceLanes(run.records)).arrows);
  // Step 2 goes over http://: the Secure cookie stays behind, and the fresh session's Secure cookie is refused.
  const [, second] = run.records.map((r, i) => sequenceStep(r, i + 1, sequenceLanes(run.records)).arrows);
  expect(of(second, 'request')[0].heldBack.map((h) => h.reason)).toEqual(['SecureOnly']);
  expect(of(second, 'response')[0].setCookies.map((c) => [c.result, c.reason])).toEqual([['rejected', 'SecureOnly']]);
  expect(of(all, 'request').every((a) => a.cookies.every((c) => !a.heldBack.some((h) => h.name === c.name && h.value === c.value)))).toBe(true);
});

test('the window holds the selected step, as late as it can, and never more than its size', () => {
  expect(visibleWindow(0, 0, 8)).toEqual({ first: 1, end: 0 });
  expect(visibleWindow(0, 40, 8)).toEqual({ first: 1, end: 8 });
  expect(visibleWindow(3, 40, 8)).toEqual({ first: 1, end: 8 });
  expect(visibleWindow(20, 40, 8)).toEqual({ first: 14, end: 21 });
  expect(visibleWindow(40, 40, 8)).toEqual({ first: 33, end: 40 });
  expect(visibleWindow(2, 3, 8)).toEqual({ first: 1, end: 3 });
});

test('with several workers each gets a lane: a request goes to the worker real Django\'s run names, its own cache is reached from there (golden 27)', async () => {
  const { records, golden } = await recorded('27-per-worker-cache-login-unknown-on-other-worker-cache');
  const lanes = sequenceLanes(records);
  expect(lanes.map((l) => l.label)).toEqual(['browser default', 'browser phone', 'worker a', 'worker b', 'session store']);
  records.forEach((record, i) => {
    const arrows = sequenceStep(record, i + 1, lanes).arrows;
    const worker = golden.steps[i].request?.worker;
    if (!worker) {
      // restart_server a: named on worker a's lane, as the step registry words it.
      expect(arrows).toEqual([{ kind: 'note', lane: 'worker:a', text: expect.stringContaining('restart') }]);
      return;
    }
    expect(of(arrows, 'request')[0].to).toBe(`worker:${worker}`);
    expect(of(arrows, 'response')[0].from).toBe(`worker:${worker}`);
    for (const op of of(arrows, 'store')) {
      expect(op.from).toBe(`worker:${worker}`);
      expect(op.where).toBe(`cache@${worker}`);
    }
  });
  // Step 2 reaches worker b, whose cache never saw the session worker a created.
  expect(of(sequenceStep(records[1], 2, lanes).arrows, 'store').map((a) => a.op)).toContain('not_found');
});
