import { useId, useState } from 'react';
import { PANELS, type Panel } from '../../lessons/panels';
import { correctChoice, isCorrect, type Choice } from '../../lessons/score';
import type { Question } from '../../lessons/types';

/**
 * What a "which panels change?" answer means, as the lesson tests compute it
 * (src/lessons/checks.ts, changedPanels): stored state and the wire, not
 * whatever a panel happens to display.
 */
const PANEL_OPTIONS: Record<Panel, string> = {
  browser: '<strong>Browser</strong>: a cookie in a jar is added, removed or changed (its value or its expiry)',
  network: '<strong>Network</strong>: a request goes over the wire',
  server: '<strong>Server</strong>: the session store changes (a session created, deleted, or its data or expiry changed)',
};

/**
 * A prediction or quiz question. The learner commits an answer; once
 * `revealed` (the step ran, or the quiz answer was given), the right answer,
 * the feedback for what they chose and the explanation show.
 */
export function QuestionView({ question, answer, revealed, onAnswer, waitingFor }: {
  question: Question;
  answer: Choice | undefined;
  revealed: boolean;
  onAnswer(choice: Choice): void;
  /** For a prediction: the label of the step it waits for, e.g. "Step 5". */
  waitingFor?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Choice>(answer ?? []);
  const committed = answer !== undefined;
  const multiple = question.kind === 'panels' || question.multiple;
  const options: { value: number | string; html: string; feedbackHtml: string | null }[] = question.kind === 'choice'
    ? question.options.map((o, i) => ({ value: i, html: o.textHtml, feedbackHtml: o.feedbackHtml }))
    : PANELS.map((p) => ({ value: p, html: PANEL_OPTIONS[p], feedbackHtml: null }));
  const right = correctChoice(question).map(String);
  const chosenFeedback = committed ? options.filter((o) => o.feedbackHtml && answer.map(String).includes(String(o.value))) : [];

  const toggle = (value: number | string) => {
    if (committed) return;
    if (!multiple) return setDraft([value]);
    setDraft((d) => (d.includes(value) ? d.filter((v) => v !== value) : [...d, value]));
  };

  return (
    <fieldset className="question">
      <legend id={`${id}-q`}>
        {/* Lesson text is the project's own Markdown, rendered at build time. */}
        <span dangerouslySetInnerHTML={{ __html: question.questionHtml }} />
        {question.kind === 'panels' && (
          <span className="question-hint">
            {' '}(tick each one that will happen; none is a possible answer. The Server panel also shows SessionMiddleware&apos;s decision on every request: that alone does not count)
          </span>
        )}
        {question.kind === 'choice' && question.multiple && <span className="question-hint"> (more than one is right)</span>}
      </legend>
      <ul className="question-options">
        {options.map((option) => {
          const chosen = (committed ? answer : draft).map(String).includes(String(option.value));
          const isRight = right.includes(String(option.value));
          const mark = revealed && committed ? (isRight ? 'option-right' : chosen ? 'option-wrong' : '') : '';
          return (
            <li key={String(option.value)} className={mark}>
              <label>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={`${id}-options`}
                  checked={chosen}
                  disabled={committed}
                  onChange={() => toggle(option.value)}
                />
                <span dangerouslySetInnerHTML={{ __html: option.html }} />
                {revealed && committed && isRight && <span className="visually-hidden"> (right answer)</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {!committed && (
        <button type="button" onClick={() => onAnswer(draft)} disabled={!multiple && draft.length === 0}>
          {multiple && draft.length === 0 ? 'Answer: none of them' : 'Answer'}
        </button>
      )}
      {committed && !revealed && (
        <p className="question-wait" role="status">Answer saved. Run {waitingFor ?? 'the step'} to see what really happens.</p>
      )}
      {committed && revealed && (
        <div className="question-result" role="status">
          <strong className={isCorrect(question, answer) ? 'verdict-right' : 'verdict-wrong'}>
            {isCorrect(question, answer) ? 'Right.' : 'Not quite.'}
          </strong>
          {chosenFeedback.map((o) => (
            <p key={String(o.value)} className="question-feedback">
              <span className="visually-hidden">About your answer: </span>
              <span dangerouslySetInnerHTML={{ __html: o.feedbackHtml! }} />
            </p>
          ))}
          <div className="question-explanation" dangerouslySetInnerHTML={{ __html: question.explanationHtml }} />
        </div>
      )}
    </fieldset>
  );
}
