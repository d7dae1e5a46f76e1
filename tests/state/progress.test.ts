import { afterEach, expect, test, vi } from 'vitest';
import { PROGRESS_FORMAT, PROGRESS_KEY, readProgress } from '../../src/state/progress';
import { MemoryStorage, SET_ASIDE_PREFIX } from '../../src/state/storage';
import { PROGRESS_1 } from './fixtures/format-1';

const STEPS = new Map([['visit-counter', 7], ['key-not-data', 6]]);
const good = { step: 2, answers: { '2-0': [1] }, done: false };
const doc = (lessons: Record<string, unknown>, version = 1) => JSON.stringify({ version, lessons });

test('progress of every earlier format opens as it was written', () => {
  expect(PROGRESS_FORMAT.current).toBe(1);
  expect(readProgress(PROGRESS_1, STEPS)).toEqual({
    lessons: {
      'visit-counter': { step: 7, answers: { '2-0': [1], '4-0': [0], 'quiz-0': [2] }, done: false },
      'key-not-data': { step: 6, answers: { '2-0': ['browser', 'server'] }, done: true },
    },
    problems: [],
    whole: false,
  });
});

test.each([
  ['a negative step', { step: -1, answers: {}, done: false }, /lesson "key-not-data" \(step: /],
  ['a missing done', { step: 1, answers: {} }, /lesson "key-not-data" \(done: /],
  ['an answer that is not a list', { step: 1, answers: { '2-0': 1 }, done: false }, /lesson "key-not-data" \(answers\.2-0: /],
])('one lesson with %s is left out and named; the others are kept', (_, bad, problem) => {
  const read = readProgress(doc({ 'visit-counter': good, 'key-not-data': bad }), STEPS);
  expect(read.lessons).toEqual({ 'visit-counter': good });
  expect(read.whole).toBe(false);
  expect(read.problems).toHaveLength(1);
  expect(read.problems[0]).toMatch(problem);
});

test("a step past the lesson's end is clamped to its last step", () => {
  const read = readProgress(doc({ 'visit-counter': { ...good, step: 1_000_000_000 } }), STEPS);
  expect(read.lessons['visit-counter'].step).toBe(7);
  expect(read.problems).toEqual([]);
});

test.each([
  ['a newer format', doc({ 'visit-counter': good }, 2), /newer version of the playground/],
  ['not JSON', '{"version":1,', /not valid JSON/],
  ['no lessons', JSON.stringify({ version: 1, lessons: [] }), /no list of lessons/],
])('%s: nothing can be kept, and it says why', (_, text, problem) => {
  const read = readProgress(text, STEPS);
  expect(read).toMatchObject({ lessons: {}, whole: true });
  expect(read.problems[0]).toMatch(problem);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** The progress store and the notices as a fresh page would load them, over `storage`. */
async function loadPage(storage: unknown) {
  vi.resetModules();
  vi.stubGlobal('localStorage', storage);
  const { useProgress } = await import('../../src/state/progress');
  const { useNotices } = await import('../../src/state/notices');
  return { useProgress, notices: () => useNotices.getState().notices.map((n) => n.message) };
}

test('on load a bad lesson is set aside with a notice; the good ones stay, and the next save keeps them', async () => {
  const storage = new MemoryStorage();
  const stored = doc({ 'visit-counter': good, 'key-not-data': { step: -1, answers: {}, done: false } });
  storage.setItem(PROGRESS_KEY, stored);
  const { useProgress, notices } = await loadPage(storage);
  expect(useProgress.getState().of('visit-counter')).toEqual(good);
  expect(useProgress.getState().of('key-not-data')).toEqual({ step: 0, answers: {}, done: false });
  const asideKey = Array.from({ length: storage.length }, (_, i) => storage.key(i)!).find((k) => k.startsWith(`${SET_ASIDE_PREFIX}progress:`));
  expect(asideKey && storage.getItem(asideKey)).toBe(stored);
  expect(notices()).toEqual([expect.stringMatching(new RegExp(`^Part of your lesson progress could not be read: lesson "key-not-data" .*The rest is kept\\. The stored progress was kept in localStorage as "${asideKey}"\\.$`))]);

  useProgress.getState().update('five-engines', { step: 1 });
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({
    version: 1,
    lessons: { 'visit-counter': good, 'five-engines': { step: 1, answers: {}, done: false } },
  });
});

test('a save the browser refuses (storage full) says so, and the progress stays on the page', async () => {
  const storage = new MemoryStorage();
  storage.setItem = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  const { useProgress, notices } = await loadPage(storage);
  useProgress.getState().update('visit-counter', { step: 3 });
  expect(useProgress.getState().of('visit-counter').step).toBe(3);
  expect(notices()).toEqual([expect.stringContaining("Your lesson progress could not be saved: the browser's storage for this site is full (QuotaExceededError).")]);
});
