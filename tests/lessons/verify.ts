/**
 * What the lesson tests hold every lesson to, as lists of failures (empty
 * when the lesson is right), so that a test can also show that a wrong
 * lesson is caught.
 */
import { changedPanels, evaluateRunCheck } from '../../src/lessons/checks';
import type { Lesson, Question } from '../../src/lessons/types';
import type { StepRecord } from '../../src/sim/scenario/run';

export type Runs = Record<string, StepRecord[]>;

const text = (html: string) => html.replace(/<[^>]+>/g, '');

/** Every check holds at its step, in its run (or every run). */
export function checkFailures(lesson: Lesson, runs: Runs): string[] {
  return lesson.steps.flatMap((step) =>
    step.checks.flatMap((check) => {
      const verdict = evaluateRunCheck(check, runs, step.number);
      return verdict.pass ? [] : [`Step ${step.number}, check "${text(check.labelHtml)}": ${verdict.actual}`];
    }));
}

/**
 * Every answer the lesson states about the simulated state is the one the
 * simulation gives: the panels that change, and for each option with a
 * check, the check holds exactly when the option is marked correct.
 */
export function answerFailures(lesson: Lesson, runs: Runs): string[] {
  const questions = [
    ...lesson.steps.flatMap((s) => s.predict.map((q, i) => ({ q, where: `Step ${s.number}, prediction ${i + 1}` }))),
    ...lesson.quiz.map((q, i) => ({ q, where: `quiz question ${i + 1}` })),
  ];
  return questions.flatMap(({ q, where }) => questionFailures(q, runs).map((f) => `${where} ("${text(q.questionHtml)}"): ${f}`));
}

function questionFailures(q: Question, runs: Runs): string[] {
  if (q.kind === 'panels') {
    const ids = q.run === null ? Object.keys(runs) : [q.run];
    return ids.flatMap((id) => {
      const changed = changedPanels(runs[id].slice(0, q.step));
      const stated = q.answer.join(', ') || 'none';
      return changed.join(', ') === q.answer.join(', ') ? [] : [`states ${stated}, but ${changed.join(', ') || 'nothing'} changed (run ${id})`];
    });
  }
  return q.options.flatMap((option, i) => {
    if (!option.check || q.step === null) return [];
    const verdict = evaluateRunCheck(option.check, runs, q.step);
    return verdict.pass === option.correct
      ? []
      : [`option ${i + 1} ("${text(option.textHtml)}") is marked ${option.correct ? 'correct' : 'wrong'}, but its check ${verdict.pass ? 'holds' : 'fails'}: ${verdict.actual}`];
  });
}

/** A prediction is about the state right after its step: it must be checked against it. */
export function uncheckedPredictions(lesson: Lesson): string[] {
  return lesson.steps.flatMap((s) =>
    s.predict
      .filter((q) => q.kind === 'choice' && !q.options.some((o) => o.correct && o.check))
      .map((q) => `Step ${s.number}: "${text(q.questionHtml)}" has no check on a correct option`));
}

/** Refused steps: bad input the simulation did not run. */
export function refusedSteps(runs: Runs): string[] {
  return Object.entries(runs).flatMap(([id, records]) =>
    records.flatMap((r, i) => (r.error === null ? [] : [`run ${id}, Step ${i + 1}: ${r.error}`])));
}
