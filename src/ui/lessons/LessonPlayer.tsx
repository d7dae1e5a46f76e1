import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { lessons } from 'virtual:lessons';
import { evaluateRunCheck } from '../../lessons/checks';
import { panelOf, readsSessionData } from '../../lessons/checkKinds';
import type { Panel } from '../../lessons/panels';
import { runLesson } from '../../lessons/run';
import { questionId, scoreOf } from '../../lessons/score';
import type { Lesson, LessonRun, LessonStep, Question } from '../../lessons/types';
import type { StepRecord } from '../../sim/scenario/run';
import { usePlayground, whenTransport } from '../../state/playground';
import { useProgress } from '../../state/progress';
import { routeHash, useRoute } from '../../state/route';
import { useUi } from '../uiState';
import { QuestionView } from './QuestionView';
import { RunComparison } from './RunComparison';
import './lessons.css';

const html = (text: string) => ({ __html: text });

const PANEL_NAMES: Record<Panel, string> = { browser: 'Browser', network: 'Network', server: 'Server' };

/**
 * A lesson: narration beside the three panels. The lesson's scenario runs one
 * step at a time in the playground store, so every panel shows it; the learner
 * may detour into requests of their own and come back. Checks are evaluated
 * on the lesson's own runs (replayed headless when the lesson opens).
 */
export function LessonPlayer({ slug, step: routeStep, children }: { slug: string; step: number; children: ReactNode }) {
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) {
    return (
      <div className="lesson-missing" role="alert">
        <p>There is no lesson called “{slug}”.</p>
        <a href={routeHash({ kind: 'index' })}>See all lessons</a>
      </div>
    );
  }
  return <LessonView key={lesson.slug} lesson={lesson} routeStep={Math.min(routeStep, lesson.steps.length)} panels={children} />;
}

/** The run a question is about: named by a panels question, or by every option check that names one. */
function runOfQuestion(question: Question): string | null {
  if (question.kind === 'panels') return question.run;
  const runs = new Set(question.options.flatMap((o) => (o.check?.run ? [o.check.run] : [])));
  return runs.size === 1 ? [...runs][0] : null;
}

/** The label already says which run it is about ("cache: …"), so it needs no run prefix. */
function labelNamesRun(labelHtml: string, run: LessonRun): boolean {
  const text = labelHtml.replace(/<[^>]*>/g, '').toLowerCase();
  return text.startsWith('…') || [run.id, run.label].some((name) => text.startsWith(`${name.toLowerCase()}:`));
}

/** The panel a step's narration is about: the one its first located check looks at. */
function panelOfStep(step: LessonStep): Panel | null {
  for (const { check } of step.checks) {
    const panel = panelOf(check);
    if (panel) return panel;
  }
  return null;
}

/** Scrolls the page so `target` starts just below the sticky step bar. */
function scrollBelowBar(target: Element | null | undefined) {
  if (!target) return;
  const bar = document.querySelector('.lesson-stepbar');
  const offset = bar ? bar.getBoundingClientRect().bottom : 0;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  window.scrollTo({ top: window.scrollY + target.getBoundingClientRect().top - Math.max(offset, 0) - 4, behavior: reduced ? 'auto' : 'smooth' });
}

function scrollToPanel(panel: Panel) {
  scrollBelowBar(document.getElementById(`panel-${panel}-title`)?.closest('section'));
}

/** The narration column and, beside it, the panels (with the runs side by side in a lesson that compares runs). */
function LessonView({ lesson, routeStep, panels }: { lesson: Lesson; routeStep: number; panels: ReactNode }) {
  const [runId, setRunId] = useState(lesson.runs[0].id);
  const run = lesson.runs.find((r) => r.id === runId) ?? lesson.runs[0];
  /** How many of the lesson's steps have run in the store. */
  const [position, setPosition] = useState<number | null>(null);
  const [records, setRecords] = useState<Record<string, StepRecord[]> | null>(null);
  const storeSteps = usePlayground((s) => s.definition.steps.length);
  const cursor = usePlayground((s) => s.cursor);
  const busy = usePlayground((s) => s.busy);
  const progress = useProgress((s) => s.of(lesson.slug));
  const answer = useProgress((s) => s.answer);
  const update = useProgress((s) => s.update);
  const retry = useProgress((s) => s.retry);
  const replaceRoute = useRoute((s) => s.replace);
  const total = lesson.steps.length;
  const narration = useRef<HTMLElement>(null);

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
  /** The lesson step the narration shows: the one the timeline is at (a detour shows the step it left from). */
  const shown = position === null ? 0 : Math.min(cursor, position);
  const atLatest = position !== null && cursor >= position;

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
    // The new step's narration starts in view: the narration's own scroll at wide screens, the page's when stacked.
    const aside = narration.current;
    if (aside) {
      aside.scrollTo({ top: 0 });
      const bar = document.querySelector('.lesson-stepbar')?.getBoundingClientRect().bottom ?? 0;
      if (aside.getBoundingClientRect().top < bar) scrollBelowBar(aside);
    }
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

  const upcoming = position !== null && position < total ? lesson.steps[position] : null;
  const pendingPredictions = upcoming
    ? upcoming.predict.filter((_, i) => progress.answers[questionId(upcoming.number, i)] === undefined).length
    : 0;

  // A question about one run shows that run in the panels (once per question; the learner may switch back).
  const questionRun = upcoming && atLatest ? upcoming.predict.map(runOfQuestion).find((r) => r !== null) ?? null : null;
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!questionRun || !upcoming) return;
    const key = `${upcoming.number}:${questionRun}`;
    if (followed.current === key) return;
    followed.current = key;
    setRunId(questionRun);
  }, [questionRun, upcoming]);

  // The "n" shortcut runs the next step once its predictions are answered.
  const canRunNext = upcoming !== null && pendingPredictions === 0 && !busy;
  useEffect(() => {
    useUi.getState().setLessonNext(canRunNext ? () => void runNext() : null);
    return () => useUi.getState().setLessonNext(null);
  }, [canRunNext, runNext]);

  const current = shown > 0 ? lesson.steps[shown - 1] : null;
  const quizDone = lesson.quiz.every((_, i) => progress.answers[questionId('quiz', i)] !== undefined);
  const score = scoreOf(lesson, progress.answers);
  useEffect(() => {
    if (position === total && quizDone && !progress.done) {
      update(lesson.slug, { done: true, best: Math.max(progress.best ?? 0, score.right) });
    }
  }, [position, total, quizDone, progress.done, progress.best, score.right, update, lesson.slug]);

  // The Server panel shows session_data decoded while the narration talks about the data.
  const aboutData = current?.checks.some((c) => readsSessionData(c.check)) ?? false;
  useEffect(() => {
    useUi.getState().setDecodeSessionData(aboutData);
  }, [aboutData]);
  useEffect(() => () => useUi.getState().setDecodeSessionData(false), []);

  const checks = useMemo(() => {
    if (!current || !records) return [];
    return current.checks.map((c) => {
      const run = lesson.runs.find((r) => r.id === c.run);
      return {
        labelHtml: c.labelHtml,
        run: run && !labelNamesRun(c.labelHtml, run) ? run.label : null,
        verdict: evaluateRunCheck(c, records, current.number),
      };
    });
  }, [current, records, lesson.runs]);

  const focusPanel = current ? panelOfStep(current) : null;

  const renderQuestion = (q: Question, id: string, revealed: boolean, waitingFor?: string) => (
    <QuestionView key={id} question={q} answer={progress.answers[id]} revealed={revealed} waitingFor={waitingFor} onAnswer={(choice) => answer(lesson.slug, id, choice)} />
  );
  const goToStep = (step: number) => usePlayground.getState().goTo(step);
  const runLabel = upcoming
    ? detour ? `Back to the lesson and run Step ${upcoming.number}` : pendingPredictions > 0 ? `Answer, then run Step ${upcoming.number}` : `Run Step ${upcoming.number}`
    : null;

  return (
    <div className="lesson-layout">
      <div className="lesson-column">
        <nav className="lesson-stepbar" aria-label="Lesson steps">
          <button
            type="button"
            onClick={() => goToStep(shown - 1)}
            disabled={position === null || shown === 0}
            aria-label="Previous lesson step"
          >◀</button>
          <button type="button" className="lesson-stepbar-position" onClick={() => {
            const aside = narration.current;
            if (!aside) return;
            aside.scrollTo({ top: 0 });
            // Stacked (the narration does not scroll on its own): bring it under the bar.
            if (getComputedStyle(aside).overflowY !== 'auto') scrollBelowBar(aside);
          }}>
            <span className="lesson-position" aria-live="polite">
              {position === null ? 'Loading…' : shown === 0 ? (position === 0 ? `${total} steps` : `Introduction (${position} of ${total} run)`) : `Step ${shown} of ${total}`}
            </span>
            <span className="visually-hidden">: read the narration</span>
          </button>
          <button
            type="button"
            onClick={() => goToStep(shown + 1)}
            disabled={position === null || shown >= position}
            aria-label="Next lesson step (already run)"
          >▶</button>
          {focusPanel && (
            <button type="button" className="lesson-stepbar-panel" onClick={() => scrollToPanel(focusPanel)} aria-label={`Show the ${PANEL_NAMES[focusPanel]} panel`}>
              {PANEL_NAMES[focusPanel]} <span aria-hidden="true">↓</span>
            </button>
          )}
          {runLabel && (
            <button
              type="button"
              className="primary lesson-run"
              onClick={() => void runNext()}
              disabled={busy || pendingPredictions > 0}
              aria-keyshortcuts="n"
            >
              {runLabel}
            </button>
          )}
        </nav>
        <aside className="narration" aria-labelledby="lesson-title" ref={narration}>
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
          {questionRun && questionRun === run.id && (
            <p className="lesson-run-note" role="status">
              The question below is about the <strong>{run.label}</strong> run: the panels show it.
            </p>
          )}
  
          {position !== null && !atLatest && !detour && (
            <div className="lesson-rereading" role="status">
              <p>You are re-reading {shown === 0 ? 'the introduction' : `Step ${shown}`}. The lesson is at Step {position}.</p>
              <button type="button" onClick={() => goToStep(position)}>Back to Step {position}</button>
            </div>
          )}
  
          {position !== null && shown === 0 && (
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
                      <span>
                        {c.run && <span className="check-run">{c.run}: </span>}
                        <span dangerouslySetInnerHTML={html(c.labelHtml)} />
                        {!c.verdict.pass && <small> ({c.verdict.actual})</small>}
                      </span>
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
  
          {upcoming && atLatest && (
            <section className="lesson-next" aria-label="Next step">
              {upcoming.predict.length > 0 && <h3>Before Step {upcoming.number}: predict</h3>}
              {upcoming.predict.map((q, i) => renderQuestion(q, questionId(upcoming.number, i), false, `Step ${upcoming.number}`))}
              <p className="lesson-hint">
                {pendingPredictions > 0 ? 'Answer the question above, then run the step' : `Next: run Step ${upcoming.number}`} with the button
                at the top of the lesson <span aria-hidden="true">↑</span> (shortcut <kbd>n</kbd>).
              </p>
            </section>
          )}
  
          {position === total && atLatest && (
            <section className="lesson-end" aria-labelledby="lesson-quiz-title">
              {lesson.quiz.length > 0 && <h3 id="lesson-quiz-title">Quiz</h3>}
              {lesson.quiz.map((q, i) => {
                const id = questionId('quiz', i);
                return renderQuestion(q, id, progress.answers[id] !== undefined);
              })}
              {quizDone && (
                <>
                  {lesson.recapHtml && (
                    <section className="lesson-recap" aria-label="Recap">
                      <h3>Recap</h3>
                      <div dangerouslySetInnerHTML={html(lesson.recapHtml)} />
                    </section>
                  )}
                  <p className="lesson-score" role="status">
                    Lesson complete. You answered {score.right} of {score.total} questions right at the first try
                    {progress.best !== undefined && progress.best > score.right ? ` (your best: ${progress.best})` : ''}.
                  </p>
                  <p>
                    <button type="button" onClick={() => { retry(lesson.slug); restart(); }}>Retry the lesson</button>
                  </p>
                </>
              )}
              <NextLesson lesson={lesson} />
            </section>
          )}
  
          <p className="lesson-actions">
            <button type="button" onClick={restart} disabled={position === 0}>Restart the lesson</button>
          </p>
        </aside>
      </div>
      <div className="lesson-panels">
        {records && current && lesson.runs.length > 1 && <RunComparison lesson={lesson} records={records} step={current.number} shownRun={run.id} />}
        {panels}
      </div>
    </div>
  );
}

function NextLesson({ lesson }: { lesson: Lesson }) {
  const next = lessons[lessons.indexOf(lesson) + 1];
  if (!next) return <a href={routeHash({ kind: 'index' })}>Back to all lessons</a>;
  return <a href={routeHash({ kind: 'lesson', slug: next.slug, step: 0 })}>Next lesson: {next.title}</a>;
}
