/**
 * Interview mode's questions, drawn from the lessons and the challenges.
 * Each one is answered by predicting the outcome of one live step: the
 * setup runs first, the learner answers, then the step runs in the panels.
 * Pure: the round's view and the tests share it.
 */
import type { Challenge } from '../challenges/types';
import type { Check } from '../lessons/checkKinds';
import type { ChoiceQuestion, Lesson, Question } from '../lessons/types';
import type { Scenario, Step } from '../sim/scenario/schema';

export interface InterviewItem {
  id: string;
  /** The lesson that teaches the point (a slug). */
  lesson: string;
  /** Where the question comes from, in words. */
  source: string;
  /** The run up to the step the question is about. */
  setup: Scenario;
  step: Step;
  /** A lesson's prediction (its right options are known and tested), or a challenge's check to predict (its outcome is read from the live run). */
  ask: { kind: 'question'; question: Question } | { kind: 'check'; labelHtml: string; check: Check };
}

export function interviewPool(lessons: readonly Lesson[], challenges: readonly Challenge[]): InterviewItem[] {
  const fromLessons = lessons
    // A lesson with several runs asks about all of them at once: not one live step.
    .filter((lesson) => lesson.runs.length === 1)
    .flatMap((lesson) => {
      const scenario = lesson.runs[0].scenario;
      return lesson.steps.flatMap((step) => step.predict.map((question, i): InterviewItem => ({
        id: `lesson:${lesson.slug}:${step.number}:${i}`,
        lesson: lesson.slug,
        source: `Lesson ${lesson.number}: ${lesson.title}`,
        setup: { ...scenario, steps: scenario.steps.slice(0, step.number - 1) },
        step: scenario.steps[step.number - 1],
        ask: { kind: 'question', question },
      })));
    });
  const fromChallenges = challenges.flatMap((challenge) => challenge.checks.map((c, i): InterviewItem => ({
    id: `challenge:${challenge.slug}:${i}`,
    lesson: challenge.lesson,
    source: `Challenge ${challenge.number}: ${challenge.title}`,
    setup: { ...challenge.start, settings: { ...challenge.start.settings, ...challenge.solution.settings } },
    step: challenge.solution.steps[0].step,
    ask: { kind: 'check', labelHtml: c.labelHtml, check: c.check },
  })));
  return [...fromLessons, ...fromChallenges];
}

/** `count` distinct items, in an order `random` (values in [0, 1)) decides. */
export function drawRound(pool: readonly InterviewItem[], count: number, random: () => number): InterviewItem[] {
  const order = [...pool];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, count);
}

/**
 * A challenge's check as a yes-or-no prediction. `holds` is the check's
 * verdict on the live run once the step has run (null before: nothing is
 * marked right yet).
 */
export function checkQuestion(labelHtml: string, stepText: string, holds: boolean | null): ChoiceQuestion {
  return {
    kind: 'choice',
    questionHtml: `After <code>${escapeHtml(stepText)}</code>, will this hold: ${labelHtml}?`,
    multiple: false,
    options: [
      { textHtml: 'Yes', correct: holds === true, check: null, feedbackHtml: null },
      { textHtml: 'No', correct: holds === false, check: null, feedbackHtml: null },
    ],
    explanationHtml: holds === null ? '' : `<p>The simulated Django says: ${holds ? 'it holds' : 'it does not hold'} after this step.</p>`,
    step: null,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
