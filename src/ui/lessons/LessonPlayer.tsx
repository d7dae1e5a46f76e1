import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { lessons } from 'virtual:lessons';
import { evaluateRunCheck } from '../../lessons/checks';
import { runLesson } from '../../lessons/run';
import type { Lesson, Question } from '../../lessons/types';
import type { StepRecord } from '../../sim/scenario/run';
import { usePlayground, whenTransport } from '../../state/playground';
import { useProgress } from '../../state/progress';
import { routeHash, useRoute } from '../../state/route';
import { useUi } from '../uiState';
import { QuestionView } from './QuestionView';
import './lessons.css';

const html = (text: string) => ({ __html: text });

/**
 * A lesson: narration beside the three panels. The lesson's scenario runs one
 * step at a time in the playground store, so every panel shows it; the learner
 * may detour into requests of their own and come back. Checks are evaluated
 * on the lesson's own runs (replayed headless when the lesson opens).
 */
export function LessonPlayer({ slug, step: routeStep }: { slug: string; step: number }) {
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) {
    return (
      <div className="lesson-missing" role="alert">
        <p>There is no lesson called “{slug}”.</p>
        <a href={routeHash({ kind: 'index' })}>See all lessons</a>
      </div>
    );
  }
  return <LessonView key={lesson.slug} lesson={lesson} routeStep={Math.min(routeStep, lesson.steps.length)} />;
}

function LessonView({ lesson, routeStep }: { lesson: Lesson; routeStep: number }) {
  const [runId, setRunId] = useState(lesson.runs[0].id);
  const run = lesson.runs.find((r) => r.id === runId) ?? lesson.runs[0];
  /** How many of the lesson's steps have run in the store. */
  const [position, setPosition] = useState<number | null>(null);
  const [records, setRecords] = useState<Record<string, StepRecord[]> | null>(null);
  const storeSteps = usePlayground((s) => s.definition.steps.length);
  const busy = usePlayground((s) => s.busy);
  const progress = useProgress((s) => s.of(lesson.slug));
  const answer = useProgress((s) => s.answer);
  const update = useProgress((s) => s.update);
  const replaceRoute = useRoute((s) => s.replace);
  const total = lesson.steps.length;

  // The lesson's runs, replayed once, are what its checks are judged on.
  useEffect(() => {
    let live = true;
    void whenTransport().then((t) => runLesson(lesson, t)).then((r) => live && setRecords(r));
    return () => {
      live = false;
    };
  }, [lesson]);

  // Open the lesson (or switch run) at the step the link names.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    const key = `${run.id}`;
    if (opened.current === key) return;
    opened.current = key;
    const at = position ?? routeStep;
    void usePlayground.getState()
      .load({ ...run.scenario, steps: run.scenario.steps.slice(0, at), seed: 1 })
      .then(() => setPosition(at));
  }, [run, routeStep, position]);

  const detour = position !== null && storeSteps > position;

  const runNext = useCallback(async () => {
    if (position === null || position >= total) return;
    const store = usePlayground.getState();
    if (storeSteps !== position) store.truncate(position);
    store.goTo(position);
    await store.addStep(run.scenario.steps[position]);
    const next = position + 1;
    setPosition(next);
    replaceRoute({ kind: 'lesson', slug: lesson.slug, step: next });
    if (next > progress.step) update(lesson.slug, { step: next });
  }, [position, total, storeSteps, run, replaceRoute, lesson.slug, progress.step, update]);

  const backToLesson = () => {
    if (position === null) return;
    usePlayground.getState().truncate(position);
    usePlayground.getState().goTo(position);
  };

  const restart = () => {
    opened.current = null;
    setPosition(0);
    replaceRoute({ kind: 'lesson', slug: lesson.slug, step: 0 });
    void usePlayground.getState().load({ ...run.scenario, steps: [], seed: 1 });
  };

  const questionId = (stepNumber: number | 'quiz', index: number) => `${stepNumber}-${index}`;
  const upcoming = position !== null && position < total ? lesson.steps[position] : null;
  const pendingPredictions = upcoming
    ? upcoming.predict.filter((_, i) => progress.answers[questionId(upcoming.number, i)] === undefined).length
    : 0;

  // The "n" shortcut runs the next step once its predictions are answered.
  const canRunNext = upcoming !== null && pendingPredictions === 0 && !busy;
  useEffect(() => {
    useUi.getState().setLessonNext(canRunNext ? () => void runNext() : null);
    return () => useUi.getState().setLessonNext(null);
  }, [canRunNext, runNext]);

  const current = position !== null && position > 0 ? lesson.steps[position - 1] : null;
  const quizDone = lesson.quiz.every((_, i) => progress.answers[questionId('quiz', i)] !== undefined);
  useEffect(() => {
    if (position === total && quizDone && !progress.done) update(lesson.slug, { done: true });
  }, [position, total, quizDone, progress.done, update, lesson.slug]);

  const checks = useMemo(() => {
    if (!current || !records) return [];
    return current.checks.map((c) => ({ labelHtml: c.labelHtml, verdict: evaluateRunCheck(c, records, current.number) }));
  }, [current, records]);

  const renderQuestion = (q: Question, id: string, revealed: boolean) => (
    <QuestionView key={id} question={q} answer={progress.answers[id]} revealed={revealed} onAnswer={(choice) => answer(lesson.slug, id, choice)} />
  );

  return (
    <aside className="narration" aria-labelledby="lesson-title">
      <p className="lesson-crumbs">
        <a href={routeHash({ kind: 'index' })}>All lessons</a> · Lesson {lesson.number} of {lessons.length}
      </p>
      <h2 id="lesson-title">{lesson.title}</h2>
      {lesson.runs.length > 1 && (
        <div className="lesson-runs" role="group" aria-label="Which run the panels show">
          {lesson.runs.map((r) => (
            <button key={r.id} type="button" aria-pressed={r.id === run.id} onClick={() => setRunId(r.id)}>{r.label}</button>
          ))}
        </div>
      )}
      <p className="lesson-position" aria-live="polite">
        {position === null ? 'Loading…' : position === 0 ? `${total} steps` : `Step ${position} of ${total}`}
      </p>

      {position === 0 && (
        <section className="lesson-intro" aria-label="Introduction">
          <h3>Goals</h3>
          <ul>{lesson.goalsHtml.map((g, i) => <li key={i} dangerouslySetInnerHTML={html(g)} />)}</ul>
          <div dangerouslySetInnerHTML={html(lesson.introHtml)} />
        </section>
      )}

      {current && (
        <section className="lesson-step" aria-labelledby="lesson-step-title">
          <h3 id="lesson-step-title">
            Step {current.number}: <span dangerouslySetInnerHTML={html(current.titleHtml)} />
          </h3>
          <div dangerouslySetInnerHTML={html(current.narrationHtml)} />
          {current.predict.map((q, i) => renderQuestion(q, questionId(current.number, i), true))}
          {checks.length > 0 && (
            <ul className="lesson-checks" aria-label="Checks">
              {checks.map((c, i) => (
                <li key={i} className={c.verdict.pass ? 'check-pass' : 'check-fail'}>
                  <span aria-hidden="true">{c.verdict.pass ? '✓' : '✗'}</span>
                  <span className="visually-hidden">{c.verdict.pass ? 'Passed: ' : 'Not yet: '}</span>
                  <span dangerouslySetInnerHTML={html(c.labelHtml)} />
                  {!c.verdict.pass && <small> ({c.verdict.actual})</small>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {detour && (
        <div className="lesson-detour" role="status">
          <p>You are exploring on your own ({storeSteps - (position ?? 0)} extra step{storeSteps - (position ?? 0) === 1 ? '' : 's'}).</p>
          <button type="button" onClick={backToLesson}>Back to the lesson</button>
        </div>
      )}

      {upcoming && (
        <section className="lesson-next" aria-label="Next step">
          {upcoming.predict.length > 0 && <h3>Before Step {upcoming.number}: predict</h3>}
          {upcoming.predict.map((q, i) => renderQuestion(q, questionId(upcoming.number, i), false))}
          <button
            type="button"
            className="primary"
            onClick={() => void runNext()}
            disabled={busy || pendingPredictions > 0}
            aria-keyshortcuts="n"
          >
            {detour ? `Back to the lesson and run Step ${upcoming.number}` : `Run Step ${upcoming.number}`}
          </button>
          {pendingPredictions > 0 && <p className="lesson-hint">Answer the prediction first: the step runs right after.</p>}
        </section>
      )}

      {position === total && (
        <section className="lesson-end" aria-labelledby="lesson-quiz-title">
          {lesson.recapHtml && <div dangerouslySetInnerHTML={html(lesson.recapHtml)} />}
          {lesson.quiz.length > 0 && <h3 id="lesson-quiz-title">Quiz</h3>}
          {lesson.quiz.map((q, i) => {
            const id = questionId('quiz', i);
            return renderQuestion(q, id, progress.answers[id] !== undefined);
          })}
          {progress.done && <p className="lesson-done-note" role="status">Lesson complete.</p>}
          <NextLesson lesson={lesson} />
        </section>
      )}

      <p className="lesson-actions">
        <button type="button" onClick={restart} disabled={position === 0}>Restart the lesson</button>
      </p>
    </aside>
  );
}

function NextLesson({ lesson }: { lesson: Lesson }) {
  const next = lessons[lessons.indexOf(lesson) + 1];
  if (!next) return <a href={routeHash({ kind: 'index' })}>Back to all lessons</a>;
  return <a href={routeHash({ kind: 'lesson', slug: next.slug, step: 0 })}>Next lesson: {next.title}</a>;
}
