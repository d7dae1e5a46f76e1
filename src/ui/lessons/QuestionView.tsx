import { useId, useState } from 'react';
import { PANELS } from '../../lessons/panels';
import type { Question } from '../../lessons/types';

type Choice = (number | string)[];

const PANEL_NAMES = { browser: 'Browser', network: 'Network', server: 'Server' } as const;

/** The right answer as the same kind of choice the learner makes. */
function correctChoice(question: Question): Choice {
  return question.kind === 'choice'
    ? question.options.flatMap((o, i) => (o.correct ? [i] : []))
    : [...question.answer];
}

export function isCorrect(question: Question, choice: Choice): boolean {
  const right = correctChoice(question).map(String).sort();
  const given = choice.map(String).sort();
  return right.length === given.length && right.every((v, i) => v === given[i]);
}

/**
 * A prediction or quiz question. The learner commits an answer; once
 * `revealed` (the step ran, or the quiz answer was given), the right answer
 * and the explanation show.
 */
export function QuestionView({ question, answer, revealed, onAnswer }: {
  question: Question;
  answer: Choice | undefined;
  revealed: boolean;
  onAnswer(choice: Choice): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Choice>(answer ?? []);
  const committed = answer !== undefined;
  const multiple = question.kind === 'panels' || question.multiple;
  const options: { value: number | string; html: string }[] = question.kind === 'choice'
    ? question.options.map((o, i) => ({ value: i, html: o.textHtml }))
    : PANELS.map((p) => ({ value: p, html: PANEL_NAMES[p] }));
  const right = correctChoice(question).map(String);

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
        {question.kind === 'panels' && <span className="question-hint"> (choose every panel that changes; none is a possible answer)</span>}
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
      {committed && !revealed && <p className="question-wait" role="status">Answer saved. Run the step to see what really happens.</p>}
      {committed && revealed && (
        <div className="question-result" role="status">
          <strong className={isCorrect(question, answer) ? 'verdict-right' : 'verdict-wrong'}>
            {isCorrect(question, answer) ? 'Right.' : 'Not quite.'}
          </strong>{' '}
          <span dangerouslySetInnerHTML={{ __html: question.explanationHtml }} />
        </div>
      )}
    </fieldset>
  );
}
