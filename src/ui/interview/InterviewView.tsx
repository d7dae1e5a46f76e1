import { useEffect, useMemo, useState } from 'react';
import { challenges } from 'virtual:challenges';
import { lessons } from 'virtual:lessons';
import { checkQuestion, drawRound, interviewPool, type InterviewItem } from '../../interview/pool';
import { evaluate } from '../../lessons/checks';
import type { Question } from '../../lessons/types';
import { stepKindOf } from '../../sim/scenario/steps';
import { runRecords, usePlayground } from '../../state/playground';
import { routeHash } from '../../state/route';
import { QuestionView } from '../lessons/QuestionView';
import { isCorrect } from '../../lessons/score';
import '../lessons/lessons.css';
import '../challenges/challenges.css';

const ROUND_QUESTIONS = 6;
const ROUND_SECONDS = 6 * 60;

type Choice = (number | string)[];

interface Answer {
  item: InterviewItem;
  /** The question as finally judged (a challenge's check, with its live outcome). */
  question: Question;
  choice: Choice | null;
  right: boolean;
}

const pool = interviewPool(lessons, challenges);
const lessonTitle = (slug: string) => lessons.find((l) => l.slug === slug)?.title ?? slug;
/** The step in words, before it has run. */
const stepText = (item: InterviewItem) => stepKindOf(item.step).label(item.step);

function questionOf(item: InterviewItem, holds: boolean | null): Question {
  return item.ask.kind === 'question' ? item.ask.question : checkQuestion(item.ask.labelHtml, stepText(item), holds);
}

function formatLeft(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A timed round: questions drawn from the lessons and the challenges, each
 * answered by predicting what one live step will do. The panels show the
 * setup, then the step once the answer is in.
 */
export function InterviewView() {
  const [round, setRound] = useState<InterviewItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [choice, setChoice] = useState<Choice | undefined>(undefined);
  const [holds, setHolds] = useState<boolean | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [over, setOver] = useState(false);
  const busy = usePlayground((s) => s.busy);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  /** Ended by the learner, by the last answer, or by the clock. */
  const finished = over || (round !== null && left === 0);
  const item = round && !finished ? round[index] : null;

  // Each question's setup loads into the panels.
  useEffect(() => {
    if (!item) return;
    void usePlayground.getState().load({ ...item.setup, seed: 1 });
  }, [item]);

  useEffect(() => {
    if (!round || finished) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [round, finished]);

  const start = () => {
    setRound(drawRound(pool, ROUND_QUESTIONS, Math.random));
    setIndex(0);
    setAnswers([]);
    setChoice(undefined);
    setRevealed(false);
    setHolds(null);
    setOver(false);
    setNow(Date.now());
    setDeadline(Date.now() + ROUND_SECONDS * 1000);
  };

  const answer = async (given: Choice) => {
    if (!item) return;
    setChoice(given);
    const store = usePlayground.getState();
    await store.addStep(item.step);
    const records = await runRecords(usePlayground.getState());
    const outcome = item.ask.kind === 'check' ? evaluate(item.ask.check, records, item.setup.steps.length).pass : null;
    const question = questionOf(item, outcome);
    setHolds(outcome);
    setRevealed(true);
    setAnswers((a) => [...a, { item, question, choice: given, right: isCorrect(question, given) }]);
  };

  const next = () => {
    if (!round) return;
    if (index + 1 >= round.length) {
      setOver(true);
      return;
    }
    setIndex(index + 1);
    setChoice(undefined);
    setRevealed(false);
    setHolds(null);
  };

  const question = useMemo(() => (item ? questionOf(item, holds) : null), [item, holds]);

  if (!round) {
    return (
      <aside className="narration" aria-labelledby="interview-title">
        <h2 id="interview-title">Interview mode</h2>
        <p>
          {ROUND_QUESTIONS} questions in {ROUND_SECONDS / 60} minutes, drawn from the lessons and the challenges ({pool.length} in all). Each one sets up a run
          in the panels and asks what the next step will do; answer, and the step runs live. At the end: your score, and the lesson that teaches each point you missed.
        </p>
        <button type="button" className="primary" onClick={start}>Start a round</button>
      </aside>
    );
  }

  if (finished) {
    const right = answers.filter((a) => a.right).length;
    const missed = round.filter((candidate) => !answers.some((a) => a.item === candidate && a.right));
    return (
      <aside className="narration" aria-labelledby="interview-title">
        <h2 id="interview-title">Interview mode: your score</h2>
        <p className="challenge-solved" role="status">{right} of {round.length} right{answers.length < round.length ? ` (${round.length - answers.length} not answered)` : ''}.</p>
        {missed.length > 0 && (
          <>
            <h3>To go over</h3>
            <ul className="challenge-facts">
              {missed.map((m) => (
                <li key={m.id}>
                  <span dangerouslySetInnerHTML={{ __html: questionOf(m, null).questionHtml }} />{' '}
                  <a href={routeHash({ kind: 'lesson', slug: m.lesson, step: 0 })}>Lesson: {lessonTitle(m.lesson)}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        <button type="button" className="primary" onClick={start}>Start another round</button>
      </aside>
    );
  }

  return (
    <aside className="narration" aria-labelledby="interview-title">
      <h2 id="interview-title">Interview mode</h2>
      <p className="lesson-position">
        Question {index + 1} of {round.length} · <span role="timer" aria-label="Time left">{formatLeft(left)}</span> left · {answers.filter((a) => a.right).length} right so far
      </p>
      <p className="lesson-crumbs">From {item!.source}</p>
      <p>The panels show the run so far. The next step: <code>{stepText(item!)}</code>.</p>
      {question && (
        <QuestionView key={item!.id} question={question} answer={choice} revealed={revealed} onAnswer={(given) => void answer(given)} />
      )}
      {revealed && (
        <button type="button" className="primary" onClick={next} disabled={busy}>
          {index + 1 >= round.length ? 'See your score' : 'Next question'}
        </button>
      )}
      <p className="challenge-actions">
        <button type="button" onClick={() => setOver(true)}>End the round</button>
      </p>
    </aside>
  );
}
