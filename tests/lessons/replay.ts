import { beforeAll, describe, expect, test } from 'vitest';
import { runLesson } from '../../src/lessons/run';
import type { Lesson } from '../../src/lessons/types';
import { handlerTransport } from '../../src/msw/transport';
import { answerFailures, checkFailures, refusedSteps, uncheckedPredictions, type Runs } from './verify';

/** The lesson suite, shared by the Node and the Chromium test files. */
export function describeLessons(lessons: readonly Lesson[]): void {
  test('there are at least 17 lessons, numbered 1, 2, 3, … in order', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(17);
    expect(lessons.map((l) => l.number)).toEqual(lessons.map((_, i) => i + 1));
  });

  describe.each(lessons.map((lesson) => [lesson.file, lesson] as const))('%s', (_file, lesson) => {
    let runs: Runs;
    beforeAll(async () => {
      runs = await runLesson(lesson, handlerTransport);
    });

    test('has goals, narration for every step, predictions and a 2 to 4 question quiz', () => {
      expect(lesson.goalsHtml.length).toBeGreaterThan(0);
      expect(lesson.steps.filter((s) => s.narrationHtml.trim() === '' || s.titleHtml.trim() === '')).toEqual([]);
      expect(lesson.steps.length).toBe(lesson.runs[0].scenario.steps.length);
      expect(lesson.steps.some((s) => s.predict.length > 0)).toBe(true);
      expect(lesson.quiz.length).toBeGreaterThanOrEqual(2);
      expect(lesson.quiz.length).toBeLessThanOrEqual(4);
    });

    test('every multiple-choice question offers three or four options (more only to pick several), with feedback for each wrong one', () => {
      const questions = [
        ...lesson.steps.flatMap((s) => s.predict.map((q, i) => ({ where: `Step ${s.number}, prediction ${i + 1}`, q }))),
        ...lesson.quiz.map((q, i) => ({ where: `quiz question ${i + 1}`, q })),
      ];
      const problems = questions.flatMap(({ where, q }) => {
        if (q.kind !== 'choice') return [];
        const count = q.options.length < 3 || (q.options.length > 4 && !q.multiple) ? [`${where}: ${q.options.length} options`] : [];
        const silent = q.options.flatMap((o, i) => (!o.correct && o.feedbackHtml === null ? [`${where}: option ${i + 1} is wrong and has no feedback`] : []));
        return [...count, ...silent];
      });
      expect(problems).toEqual([]);
    });

    test('every step runs through MSW', () => {
      expect(refusedSteps(runs)).toEqual([]);
    });

    test('every check passes at its step', () => {
      expect(lesson.steps.some((s) => s.checks.length > 0)).toBe(true);
      expect(checkFailures(lesson, runs)).toEqual([]);
    });

    test('every prediction is checked against the state after its step', () => {
      expect(uncheckedPredictions(lesson)).toEqual([]);
    });

    test('every stated answer about the state is what the simulation shows', () => {
      expect(answerFailures(lesson, runs)).toEqual([]);
    });
  });
}
