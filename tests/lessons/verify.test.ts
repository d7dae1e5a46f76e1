import { expect, test } from 'vitest';
import { compileLesson } from '../../src/lessons/compile';
import { runLesson } from '../../src/lessons/run';
import { handlerTransport } from '../../src/msw/transport';
import { answerFailures, checkFailures, uncheckedPredictions } from './verify';

// Two visits: the second sends the cookie, changes the row and re-sends the cookie.
const WRONG = `---
title: A lesson with wrong claims
summary: Wrong on purpose.
minutes: 2
goals: [Catch mistakes]
start: 2026-01-01T00:00:00Z
steps:
  - request: { method: GET, url: "https://shop.example/visits/" }
    checks:
      - label: the row says visits = 2
        session: { data: { visits: 2 } }
      - label: the jar holds sessionid
        jar: { has: sessionid }
  - advance_seconds: 5
  - request: { method: GET, url: "https://shop.example/visits/" }
    predict:
      - panels: [network]
        explanation: Wrong, the row changes too.
      - question: What comes back?
        options:
          - text: visits 1
            correct: true
            check: { json: { equals: { visits: 1 } } }
          - text: visits 2
        explanation: Wrong again.
      - question: Is the cookie sent?
        options:
          - text: yes
            correct: true
          - text: no
        explanation: Not checked.
quiz:
  - question: How many rows?
    step: 3
    options:
      - text: two
        correct: true
        check: { store: { place: db, count: 2 } }
      - text: one
        check: { store: { place: db, count: 1 } }
    explanation: Wrong.
  - question: Anything
    options:
      - text: a
        correct: true
      - text: b
    explanation: Not about the state.
---

## Step 1: One

One.

## Step 2: Two

Two.

## Step 3: Three

Three.
`;

test('a lesson whose checks or stated answers are wrong fails, naming the step and the claim', async () => {
  const compiled = compileLesson('lessons/99-wrong.md', WRONG, { number: 99, slug: 'wrong' });
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  const runs = await runLesson(compiled.value, handlerTransport);

  expect(checkFailures(compiled.value, runs)).toEqual([
    expect.stringMatching(/^Step 1, check "the row says visits = 2": db holds default's sessionid \(.*\): \{"visits":1\}$/),
  ]);
  expect(answerFailures(compiled.value, runs)).toEqual([
    'Step 3, prediction 1 ("Which of these will change at this step?"): states network, but browser, network, server changed (run main)',
    'Step 3, prediction 2 ("What comes back?"): option 1 ("visits 1") is marked correct, but its check fails: body {"visits":2}',
    'quiz question 1 ("How many rows?"): option 1 ("two") is marked correct, but its check fails: db: 1',
    'quiz question 1 ("How many rows?"): option 2 ("one") is marked wrong, but its check holds: db: 1',
  ]);
  expect(uncheckedPredictions(compiled.value)).toEqual(['Step 3: "Is the cookie sent?" has no check on a correct option']);
});

test('the example in lessons/README.md compiles, and its checks and answers hold', async () => {
  const readme = (await import('../../lessons/README.md?raw')).default;
  const example = /```markdown\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
  const compiled = compileLesson('lessons/01-example.md', example, { number: 1, slug: 'example' });
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  const runs = await runLesson(compiled.value, handlerTransport);
  expect(compiled.value.steps.map((s) => s.titleHtml)).toEqual(['The first visit', 'A minute passes']);
  expect([...checkFailures(compiled.value, runs), ...answerFailures(compiled.value, runs), ...uncheckedPredictions(compiled.value)]).toEqual([]);
});
