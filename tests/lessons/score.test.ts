import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileLesson } from '../../src/lessons/compile';
import { lessonQuestions, scoreOf } from '../../src/lessons/score';

const compiled = compileLesson('lessons/01-visit-counter.md', readFileSync('lessons/01-visit-counter.md', 'utf8'), { number: 1, slug: 'visit-counter' });
if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
const lesson = compiled.value;

test('every prediction and quiz question counts once, under the id the player saves it by', () => {
  // Lesson 1 asks before Steps 2, 4, 5, 6 and 7, then three quiz questions.
  expect(lessonQuestions(lesson).map((q) => q.id)).toEqual(['2-0', '4-0', '5-0', '6-0', '7-0', 'quiz-0', 'quiz-1', 'quiz-2']);
});

test('the score counts the answers right at the first try; a panels answer is a set', () => {
  expect(scoreOf(lesson, {})).toEqual({ right: 0, answered: 0, total: 8 });
  expect(scoreOf(lesson, {
    '2-0': [1], // the cookie the home page gave it: wrong
    '4-0': ['server', 'browser', 'network'], // all three, in any order: right
    '6-0': ['network', 'server'], // /peek/ changes no store: wrong
    'quiz-0': [0],
  })).toEqual({ right: 2, answered: 4, total: 8 });
});
