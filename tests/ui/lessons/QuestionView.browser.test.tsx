import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { useState } from 'react';
import { lessons } from 'virtual:lessons';
import { handlerTransport } from '../../../src/msw/transport';
import { runLesson } from '../../../src/lessons/run';
import type { ChoiceQuestion, PanelsQuestion } from '../../../src/lessons/types';
import { QuestionView } from '../../../src/ui/lessons/QuestionView';
import { RunComparison } from '../../../src/ui/lessons/RunComparison';

const QUESTION: ChoiceQuestion = {
  kind: 'choice',
  questionHtml: 'Where is the count kept?',
  multiple: false,
  step: null,
  explanationHtml: '<p>The cookie holds a key.</p>',
  options: [
    { textHtml: 'In the row', correct: true, check: null, feedbackHtml: 'Yes: the row the key names.' },
    { textHtml: 'In the cookie', correct: false, check: null, feedbackHtml: 'Only with signed_cookies.' },
    { textHtml: 'Nowhere', correct: false, check: null, feedbackHtml: 'The count is stored.' },
  ],
};

function Harness({ question }: { question: ChoiceQuestion | PanelsQuestion }) {
  const [answer, setAnswer] = useState<(number | string)[] | undefined>(undefined);
  return <QuestionView question={question} answer={answer} revealed={answer !== undefined} onAnswer={setAnswer} />;
}

test('the feedback shown is the one written for the option chosen, then the explanation', async () => {
  const screen = await render(<Harness question={QUESTION} />);
  await screen.getByRole('radio', { name: 'In the cookie' }).click();
  await screen.getByRole('button', { name: 'Answer' }).click();
  const result = screen.getByRole('status');
  await expect.element(result.getByText('Not quite.')).toBeVisible();
  await expect.element(result.getByText('Only with signed_cookies.')).toBeVisible();
  expect(result.element().textContent).not.toContain('Yes: the row the key names.');
  expect(result.element().textContent).not.toContain('The count is stored.');
  expect(result.element().querySelector('.question-feedback + .question-explanation')?.textContent).toBe('The cookie holds a key.');
});

test('"which of these will change" names stored state and the wire, and none is an answer', async () => {
  const question: PanelsQuestion = { kind: 'panels', questionHtml: 'Which of these will change at this step?', answer: [], explanationHtml: '<p>Time only.</p>', step: 3, run: null };
  const screen = await render(<Harness question={question} />);
  await expect.element(screen.getByRole('checkbox', { name: 'Server: the session store changes (a session created, deleted, or its data or expiry changed)' })).toBeVisible();
  await expect.element(screen.getByText(/that alone does not count/)).toBeVisible();
  await screen.getByRole('button', { name: 'Answer: none of them' }).click();
  await expect.element(screen.getByText('Right.')).toBeVisible();
});

test('the runs side by side: each engine\'s store after lesson 3\'s first step, from the runs\' own records', async () => {
  const lesson = lessons.find((l) => l.slug === 'five-engines')!;
  const records = await runLesson(lesson, handlerTransport);
  const screen = await render(<RunComparison lesson={lesson} records={records} step={1} shownRun="cache" />);
  const cards = screen.getByRole('region', { name: 'Step 1 in every run' }).getByRole('listitem');
  await expect.poll(() => cards.elements().length).toBe(5);
  const text = cards.elements().map((e) => e.textContent);
  // Django's five engines after one visit to /visits/ (contract goldens 02 to 06).
  expect(text[0]).toContain('django_session: {"visits":1}');
  expect(text[1]).toContain('cache: {"visits":1}');
  expect(text[2]).toContain('django_session: {"visits":1}; cache: {"visits":1}');
  expect(text[3]).toContain('files: {"visits":1}');
  expect(text[4]).toContain('nothing: signed_cookies keeps no server state');
  for (const card of text) expect(card).toContain('no Cookie → 200, Set-Cookie: sessionid=');
  expect(cards.elements().findIndex((e) => e.classList.contains('run-shown'))).toBe(1);
});
