/**
 * Answers and scores. A learner answers each question once, so the answers
 * saved are the first tries; the score counts the right ones.
 */
import type { Lesson, Question } from './types';

export type Choice = (number | string)[];

/** `3-0`: the first prediction before Step 3; `quiz-1`: the second quiz question. */
export function questionId(step: number | 'quiz', index: number): string {
  return `${step}-${index}`;
}

/** The right answer as the same kind of choice the learner makes. */
export function correctChoice(question: Question): Choice {
  return question.kind === 'choice'
    ? question.options.flatMap((o, i) => (o.correct ? [i] : []))
    : [...question.answer];
}

export function isCorrect(question: Question, choice: Choice): boolean {
  const right = correctChoice(question).map(String).sort();
  const given = choice.map(String).sort();
  return right.length === given.length && right.every((v, i) => v === given[i]);
}

/** Every question of the lesson, predictions first (in step order), then the quiz. */
export function lessonQuestions(lesson: Lesson): { id: string; question: Question }[] {
  return [
    ...lesson.steps.flatMap((step) => step.predict.map((question, i) => ({ id: questionId(step.number, i), question }))),
    ...lesson.quiz.map((question, i) => ({ id: questionId('quiz', i), question })),
  ];
}

export interface Score {
  /** Answered right at the first try. */
  right: number;
  answered: number;
  total: number;
}

export function scoreOf(lesson: Lesson, answers: Readonly<Record<string, Choice>>): Score {
  const questions = lessonQuestions(lesson);
  const given = questions.filter(({ id }) => answers[id] !== undefined);
  return {
    right: given.filter(({ id, question }) => isCorrect(question, answers[id])).length,
    answered: given.length,
    total: questions.length,
  };
}
