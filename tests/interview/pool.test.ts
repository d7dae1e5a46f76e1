import { challenges } from 'virtual:challenges';
import { lessons } from 'virtual:lessons';
import { expect, test } from 'vitest';
import { checkQuestion, drawRound, interviewPool } from '../../src/interview/pool';
import { evaluate } from '../../src/lessons/checks';
import { handlerTransport } from '../../src/msw/transport';
import { runScenario } from '../../src/sim/scenario/run';

const pool = interviewPool(lessons, challenges);

test('the pool draws on the lessons and on the challenges, and names a lesson that exists for each question', () => {
  expect(pool.filter((i) => i.id.startsWith('lesson:')).length).toBeGreaterThan(20);
  expect(pool.filter((i) => i.id.startsWith('challenge:')).length).toBeGreaterThanOrEqual(challenges.length);
  expect(pool.filter((i) => !lessons.some((l) => l.slug === i.lesson)).map((i) => i.id)).toEqual([]);
  expect(new Set(pool.map((i) => i.id)).size).toBe(pool.length);
});

test("every question is a live step: its setup and step are a prefix of a lesson's run or of a challenge's reference solution", () => {
  // Those runs are proven to run without refusals by the lessons' and the challenges' own tests.
  const misplaced = pool.filter((item) => {
    const steps = JSON.stringify([...item.setup.steps, item.step]);
    const runs = [
      ...lessons.filter((l) => l.slug === item.lesson).flatMap((l) => l.runs.map((r) => r.scenario.steps)),
      ...challenges.map((c) => [...c.start.steps, ...c.solution.steps.map((s) => s.step)]),
    ];
    return !runs.some((run) => JSON.stringify(run.slice(0, item.setup.steps.length + 1)) === steps);
  });
  expect(misplaced.map((i) => i.id)).toEqual([]);
});

test("a challenge's check asked as yes or no: the answer depends on the step, not always yes", async () => {
  const outcomes = new Set<boolean>();
  for (const item of pool.filter((i) => i.ask.kind === 'check')) {
    const { records } = await runScenario({ ...item.setup, steps: [...item.setup.steps, item.step] }, handlerTransport);
    if (item.ask.kind === 'check') outcomes.add(evaluate(item.ask.check, records, item.setup.steps.length).pass);
  }
  expect([...outcomes].sort()).toEqual([false, true]);
  const question = checkQuestion('the cart is <code>[]</code>', 'GET /peek/ → 200', false);
  expect(question.questionHtml).toBe('After <code>GET /peek/ → 200</code>, will this hold: the cart is <code>[]</code>?');
  expect(question.options.map((o) => [o.textHtml, o.correct])).toEqual([['Yes', false], ['No', true]]);
  expect(checkQuestion('x', 'y', null).options.every((o) => !o.correct)).toBe(true);
});

test('a round is distinct questions, as many as asked, in an order the random source decides', () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const round = drawRound(pool, 6, random);
  expect(round).toHaveLength(6);
  expect(new Set(round.map((i) => i.id)).size).toBe(6);
  expect(drawRound(pool, 6, () => 0).map((i) => i.id)).not.toEqual(round.map((i) => i.id));
  expect(drawRound(pool.slice(0, 3), 6, random)).toHaveLength(3);
});
