import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseIsoUtc } from '../../src/sim/clock';
import { worldFor } from '../../src/sim/scenario/run';
import { parseScenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';
import { axisPosition, expiryTimeline } from '../../src/state/expiry';
import { RunFrames, type RecordedFrame } from '../../src/state/frames';

const contract = (dir: 'scenarios' | 'golden', name: string) =>
  JSON.parse(readFileSync(new URL(`../contract/${dir}/${name}.json`, import.meta.url), 'utf8')) as unknown;

/** The frames the playground would replay for a contract scenario (re-run from the first world, as RunFrames does), and real Django's transcript of it. */
async function framesOf(name: string): Promise<{ frames: readonly RecordedFrame[]; golden: Transcript }> {
  const parsed = parseScenario(contract('scenarios', name));
  if (!parsed.ok) throw new Error(`scenario ${name} does not parse`);
  const frames = await new RunFrames(parsed.scenario.steps, worldFor(parsed.scenario)).recorded(parsed.scenario.steps.length);
  return { frames, golden: contract('golden', name) as Transcript };
}

const at = (text: string) => parseIsoUtc(text);

test('golden 16: rows keep their expire_date past it until clearsessions; cookies go at their Expires', async () => {
  const { frames, golden } = await framesOf('16-two-week-expiry-and-clearsessions-db');
  const timeline = expiryTimeline(frames);
  const rows = timeline.bars.filter((b) => b.kind === 'row');
  const cookies = timeline.bars.filter((b) => b.kind === 'cookie');
  const clear = golden.steps.findIndex((s) => 'clearsessions' in s.step);
  // Real Django's table: the rows before clearsessions and the ones it deleted.
  const before = golden.steps[clear - 1].store.db!;
  const after = golden.steps[clear].store.db!;
  expect(rows).toHaveLength(before.length);
  expect(rows.map((r) => r.deadline).sort()).toEqual(before.map((r) => at(r.expire_date)).sort());
  const cleared = rows.filter((r) => r.ending === 'clearsessions');
  expect(cleared).toHaveLength(before.length - after.length);
  for (const row of cleared) {
    expect(row.end).toBe(at(golden.steps[clear].clock));
    expect(row.deadline!).toBeLessThan(row.end!);
  }
  expect(rows.filter((r) => r.ending === null).map((r) => r.deadline).sort()).toEqual(after.map((r) => at(r.expire_date)).sort());
  expect(timeline.markers).toEqual([{ at: at(golden.steps[clear].clock), frame: clear + 1, kind: 'clearsessions', label: 'clearsessions' }]);
  // The first cookie expired in the browser at the Expires real Django gave it.
  const first = cookies[0];
  expect(first.deadline).toBe(at(golden.steps[0].jars.default[0].expires!));
  expect(first.ending).toBe('expired');
  expect(first.end).toBe(first.deadline);
});

test('golden 14: after set_expiry(0) closing the browser ends the cookie, never the row', async () => {
  const { frames, golden } = await framesOf('14-expire-on-browser-close-cached-db');
  const timeline = expiryTimeline(frames);
  const close = golden.steps.findIndex((s) => 'close_browser' in s.step);
  expect(timeline.markers.map((m) => m.kind)).toContain('browser restart');
  const dropped = timeline.bars.filter((b) => b.kind === 'cookie' && b.ending === 'browser restart');
  expect(dropped.length).toBeGreaterThan(0);
  for (const cookie of dropped) {
    expect(cookie.deadline).toBeNull();
    expect(cookie.end).toBe(at(golden.steps[close].clock));
  }
  const rows = timeline.bars.filter((b) => b.kind === 'row');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.ending !== 'browser restart')).toBe(true);
});

test('signed_cookies: the signature\'s age limit is its timestamp plus SESSION_COOKIE_AGE (golden 06)', async () => {
  const { frames, golden } = await framesOf('06-signed-cookies-counter-and-cart');
  const timeline = expiryTimeline(frames);
  const signatures = timeline.bars.filter((b) => b.kind === 'signature');
  expect(signatures.length).toBeGreaterThan(0);
  expect(timeline.bars.some((b) => b.kind === 'row')).toBe(false);
  for (const signature of signatures) {
    // Django's TimestampSigner: base 62 seconds between the payload and the signature.
    const stamp = signature.value.split(':').at(-2)!;
    const seconds = [...stamp].reduce((n, c) => n * 62 + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.indexOf(c), 0);
    expect(signature.deadline).toBe((seconds + 1209600) * 1000);
  }
  // Every signed value the golden's jars held has a signature bar.
  const values = new Set(golden.steps.flatMap((s) => s.jars.default ?? []).filter((c) => c.name === 'sessionid').map((c) => c.value.split(':').at(-2)));
  expect(new Set(signatures.map((s) => s.value.split(':').at(-2)))).toEqual(values);
});

test('the axis spaces its stops evenly and interpolates in between', () => {
  const stops = [0, 10, 1000];
  expect(axisPosition(stops, -5)).toBe(0);
  expect(axisPosition(stops, 5)).toBe(0.5);
  expect(axisPosition(stops, 10)).toBe(1);
  expect(axisPosition(stops, 505)).toBe(1.5);
  expect(axisPosition(stops, 2000)).toBe(2);
});
