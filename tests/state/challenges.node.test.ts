import { deflate } from 'pako';
import { describe, expect, test } from 'vitest';
import { decodeAttempt, encodeAttempt, readChallenges, writeChallenges, type ChallengeProgress } from '../../src/state/challenges';
import { toBase64Url } from '../../src/state/persist';

const attempt = {
  settings: { SESSION_SAVE_EVERY_REQUEST: true },
  steps: [
    { request: { method: 'GET', url: 'https://shop.example/visits/' } },
    { advance_seconds: 60 },
  ],
};
const progress: ChallengeProgress = { attempt, hints: 2, solved: true, best: 3 };

describe('challenge progress in localStorage', () => {
  test('written and read back as it was, in format 1', () => {
    const text = writeChallenges({ 'cart-survives-restart': progress });
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect(readChallenges(text)).toEqual({ challenges: { 'cart-survives-restart': progress }, problems: [] });
    expect(readChallenges(null)).toEqual({ challenges: {}, problems: [] });
  });

  test('one bad entry is dropped and named; the others are kept', () => {
    const text = JSON.stringify({
      version: 1,
      challenges: {
        good: progress,
        'bad-hints': { ...progress, hints: 7 },
        'bad-step': { ...progress, attempt: { settings: {}, steps: [{ teleport: true }] } },
      },
    });
    const read = readChallenges(text);
    expect(Object.keys(read.challenges)).toEqual(['good']);
    expect(read.problems).toEqual([
      'challenge "bad-hints" (hints: Too big: expected number to be <=3)',
      expect.stringMatching(/^challenge "bad-step" \(step 1, teleport: unknown step kind/),
    ]);
  });

  test('unreadable text and another format say why, and keep nothing', () => {
    expect(readChallenges('{not json')).toEqual({ challenges: {}, problems: ['it is not valid JSON'] });
    expect(readChallenges('{"version": 2, "challenges": {}}').problems).toEqual(['it was saved in format 2, and this playground reads format 1']);
    expect(readChallenges('[]').problems).toEqual(['it holds no list of challenges']);
  });
});

describe('an attempt in a link', () => {
  test('encodes to URL-safe text and decodes to the same attempt', () => {
    const encoded = encodeAttempt(attempt);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAttempt(encoded)).toEqual({ ok: true, attempt });
  });

  test('a damaged link, another format or a bad step is refused with the reason', () => {
    expect(decodeAttempt('AAAA')).toEqual({ ok: false, reason: 'the link is damaged or incomplete (it does not decode)' });
    const pack = (value: unknown) => toBase64Url(deflate(new TextEncoder().encode(JSON.stringify(value))));
    expect(decodeAttempt(pack({ version: 9, ...attempt }))).toEqual({ ok: false, reason: 'it holds format 9, and this playground reads format 1' });
    const bad = decodeAttempt(pack({ version: 1, settings: {}, steps: [{ request: { method: 'GET', url: '/visits/' } }] }));
    expect(bad).toEqual({ ok: false, reason: 'step 1, request.url: must be an absolute http:// or https:// URL' });
  });
});
