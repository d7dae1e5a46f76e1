import { showNotice } from '../../state/notices';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { challenges } from 'virtual:challenges';
import { lessons } from 'virtual:lessons';
import { changedSettings, judgeAttempt, referenceMoves } from '../../challenges/rules';
import type { Challenge } from '../../challenges/types';
import { evaluate } from '../../lessons/checks';
import type { StepRecord } from '../../sim/scenario/run';
import { decodeAttempt, encodeAttempt, useChallengeProgress, type ChallengeAttempt } from '../../state/challenges';
import { usePlayground, type RunDefinition } from '../../state/playground';
import { routeHash, useRoute } from '../../state/route';
import { describeStep } from '../stepText';
import { useRecordedRun } from '../useRecordedRun';
import '../lessons/lessons.css';
import './challenges.css';

const html = (text: string) => ({ __html: text });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A challenge beside the three panels: its goal, the live checks, hints, and the reference solution on demand. */
export function ChallengeView({ slug, attempt }: { slug: string; attempt: string | null }) {
  const challenge = challenges.find((c) => c.slug === slug);
  if (!challenge) {
    return (
      <div className="lesson-missing" role="alert">
        <p>There is no challenge called “{slug}”.</p>
        <a href={routeHash({ kind: 'challenges' })}>See all challenges</a>
      </div>
    );
  }
  return <ChallengeRun key={challenge.slug} challenge={challenge} shared={attempt} />;
}

function definitionOf(challenge: Challenge, attempt: ChallengeAttempt): RunDefinition {
  return { ...challenge.start, settings: attempt.settings, steps: attempt.steps, seed: 1 };
}

const startAttempt = (challenge: Challenge): ChallengeAttempt => ({ settings: challenge.start.settings, steps: challenge.start.steps });

function ChallengeRun({ challenge, shared }: { challenge: Challenge; shared: string | null }) {
  const slug = challenge.slug;
  const progress = useChallengeProgress((s) => s.of(slug));
  const { saveAttempt, revealHint, markSolved } = useChallengeProgress.getState();
  const definition = usePlayground((s) => s.definition);
  const logs = usePlayground((s) => s.logs);
  const recorded = useRecordedRun();
  const recordsCurrent = recorded?.current ?? false;
  const busy = usePlayground((s) => s.busy);
  /** null while loading; 'solution': the reference solution is being replayed (not the learner's attempt). */
  const [mode, setMode] = useState<'attempt' | 'solution' | null>(null);
  const [shareStatus, setShareStatus] = useState<string | null>(null);
  const since = challenge.start.steps.length;

  const open = async (attempt: ChallengeAttempt, next: 'attempt' | 'solution') => {
    setMode(null);
    // Drawn with the loaded run, in the same frame (a plain update here would wait for a later task).
    if (await usePlayground.getState().load(definitionOf(challenge, attempt))) flushSync(() => setMode(next));
  };

  // Open the challenge once: a shared attempt, else the saved one, else the start state.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    let attempt = useChallengeProgress.getState().of(slug).attempt ?? startAttempt(challenge);
    if (shared !== null) {
      const decoded = decodeAttempt(shared);
      if (decoded.ok) attempt = decoded.attempt;
      else showNotice('challenge-link', `The shared attempt could not be opened: ${decoded.reason}. ${useChallengeProgress.getState().of(slug).attempt ? 'Your saved attempt is shown instead.' : 'The challenge starts from its start state.'}`);
      useRoute.getState().replace({ kind: 'challenge', slug, attempt: null });
    }
    void open(attempt, 'attempt');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per challenge (the component is keyed by it)
  }, []);

  // Every change to the attempt is saved; the replayed solution is not the learner's.
  useEffect(() => {
    if (mode !== 'attempt') return undefined;
    return usePlayground.subscribe((state, previous) => {
      if (state.definition !== previous.definition) saveAttempt(slug, { settings: state.definition.settings, steps: state.definition.steps });
    });
  }, [mode, slug, saveAttempt]);

  const records = useMemo(() => recorded?.frames.slice(1).map((f) => f.record as StepRecord) ?? [], [recorded?.frames]);
  const verdict = useMemo(
    () => judgeAttempt(challenge, definition, (check, from) => evaluate(check, records, from)),
    [challenge, definition, records],
  );
  const reference = referenceMoves(challenge);

  useEffect(() => {
    // Only a verdict on the run as it is now: a moment after a change the records are still the last run's.
    if (mode === 'attempt' && verdict.solved && !busy && recordsCurrent) markSolved(slug, verdict.moves);
  }, [mode, verdict.solved, verdict.moves, busy, recordsCurrent, slug, markSolved]);

  const share = async () => {
    const hash = routeHash({ kind: 'challenge', slug, attempt: encodeAttempt({ settings: definition.settings, steps: definition.steps }) });
    const url = `${window.location.origin}${window.location.pathname}${window.location.search}${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      setShareStatus('Link copied');
    } catch {
      window.history.replaceState(null, '', url);
      setShareStatus('Link in the address bar');
    }
  };

  const solutionNext = challenge.solution.steps[definition.steps.length - since];
  const runSolutionStep = () => {
    if (solutionNext) void usePlayground.getState().addStep(solutionNext.step);
  };
  const solutionSettings = Object.entries(challenge.solution.settings);
  const changed = changedSettings(challenge, definition.settings);

  return (
    <aside className="narration" aria-labelledby="challenge-title">
      <p className="lesson-crumbs">
        <a href={routeHash({ kind: 'challenges' })}>All challenges</a> · Challenge {challenge.number} of {challenges.length}
      </p>
      <h2 id="challenge-title">{challenge.title}</h2>
      <div className="challenge-goal" dangerouslySetInnerHTML={html(challenge.goalHtml)} />

      <h3>Start state</h3>
      <ul className="challenge-facts">
        <li>{since === 0 ? 'No step taken yet.' : `${plural(since, 'step')} already taken (Steps 1 to ${since} in the timeline).`}</li>
        {challenge.start.servers && (
          <li>
            Workers: {challenge.start.servers.workers.map((w, i) => <span key={w}>{i > 0 && ', '}<code>{w}</code></span>)}; cache: {challenge.start.servers.cache === 'shared' ? 'one shared cache server' : 'one per worker'}; session files: {challenge.start.servers.files === 'shared' ? 'one shared folder' : 'one folder per worker'}
          </li>
        )}
        <li>Browser profiles: {challenge.profiles.map((p, i) => <span key={p}>{i > 0 && ', '}<code>{p}</code></span>)}</li>
        {Object.entries(challenge.start.settings).map(([name, value]) => (
          <li key={name}><code>{name} = {JSON.stringify(value)}</code></li>
        ))}
      </ul>

      <h3>What you may do</h3>
      <ul className="challenge-facts">
        <li>Steps: {challenge.allow.steps ? challenge.allow.steps.map((k, i) => <span key={k}>{i > 0 && ', '}<code>{k}</code></span>) : 'any'}</li>
        {challenge.allow.requests && <li>Requests: {challenge.allow.requests.map((r, i) => <span key={r}>{i > 0 && ', '}<code>{r}</code></span>)}</li>}
        {challenge.allow.profiles && <li>Requests only from: {challenge.allow.profiles.map((p, i) => <span key={p}>{i > 0 && ', '}<code>{p}</code></span>)}</li>}
        <li>Settings: {challenge.allow.settings.length ? challenge.allow.settings.map((s, i) => <span key={s}>{i > 0 && ', '}<code>{s}</code></span>) : 'none may change'}</li>
      </ul>

      <section aria-labelledby="challenge-checks-title">
        <h3 id="challenge-checks-title">{mode === 'solution' ? 'Checks (on the reference solution)' : 'Solved when'}</h3>
        <ul className="lesson-checks" aria-label="Checks" aria-live="polite">
          {verdict.checks.map((c, i) => (
            <li key={i} className={c.verdict.pass ? 'check-pass' : 'check-fail'}>
              <span aria-hidden="true">{c.verdict.pass ? '✓' : '✗'}</span>
              <span className="visually-hidden">{c.verdict.pass ? 'Passed: ' : 'Not yet: '}</span>
              <span>
                <span dangerouslySetInnerHTML={html(c.labelHtml)} />
                {!c.verdict.pass && mode !== null && <small> (now: {c.verdict.actual})</small>}
              </span>
            </li>
          ))}
        </ul>
        <p className="lesson-position" aria-live="polite">
          {mode === null ? 'Loading…' : `${plural(verdict.moves, 'move')} so far${changed.length ? ` (${plural(changed.length, 'changed setting')} included)` : ''}`}
        </p>
      </section>

      {mode !== null && !verdict.startKept && (
        <div className="challenge-broken" role="alert">
          <p>Your run no longer begins with the start state: a step before Step {since + 1} was replaced. Start over to try again.</p>
        </div>
      )}
      {mode === 'attempt' && verdict.broken.length > 0 && (
        <div className="challenge-broken" role="alert">
          <p>Not allowed in this challenge (go back in the timeline and take another step):</p>
          <ul>{verdict.broken.map((b) => <li key={b}>{b}</li>)}</ul>
        </div>
      )}
      {mode === 'attempt' && verdict.solved && (
        <section className="challenge-solved" role="status" aria-label="Solved">
          <p>Solved in {plural(verdict.moves, 'move')}. The reference solution takes {reference}.</p>
          <div dangerouslySetInnerHTML={html(challenge.explanationHtml)} />
        </section>
      )}

      {mode === 'solution' && (
        <section aria-labelledby="challenge-solution-title">
          <h3 id="challenge-solution-title">Reference solution ({plural(reference, 'move')})</h3>
          <ol className="challenge-solution">
            {solutionSettings.length > 0 && (
              <li>Settings: {solutionSettings.map(([name, value]) => <code key={name}>{name} = {JSON.stringify(value)} </code>)}</li>
            )}
            {logs.slice(since).map((log, i) => (
              <li key={i}>
                <code>{describeStep(log)}</code>
                {challenge.solution.steps[i]?.noteHtml && <>: <span dangerouslySetInnerHTML={html(challenge.solution.steps[i].noteHtml as string)} /></>}
              </li>
            ))}
          </ol>
          {solutionNext ? (
            <button type="button" className="primary" onClick={runSolutionStep} disabled={busy}>
              Run solution step {definition.steps.length - since + 1} of {challenge.solution.steps.length}
            </button>
          ) : (
            <div dangerouslySetInnerHTML={html(challenge.explanationHtml)} />
          )}
        </section>
      )}

      <section aria-labelledby="challenge-hints-title">
        <h3 id="challenge-hints-title">Hints</h3>
        {progress.hints > 0 && (
          <ol className="challenge-hints">
            {challenge.hintsHtml.slice(0, progress.hints).map((hint, i) => <li key={i} dangerouslySetInnerHTML={html(hint)} />)}
          </ol>
        )}
        {progress.hints < challenge.hintsHtml.length ? (
          <button type="button" onClick={() => revealHint(slug, challenge.hintsHtml.length)}>
            Show hint {progress.hints + 1} of {challenge.hintsHtml.length}
          </button>
        ) : <p className="lesson-hint">No more hints.</p>}
      </section>

      <div className="challenge-actions">
        {mode === 'solution' ? (
          <button type="button" onClick={() => void open(useChallengeProgress.getState().of(slug).attempt ?? startAttempt(challenge), 'attempt')} disabled={busy}>
            Back to my attempt
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void open({ settings: { ...challenge.start.settings, ...challenge.solution.settings }, steps: challenge.start.steps }, 'solution')} disabled={mode === null || busy}>
              Show solution
            </button>
            <button
              type="button"
              onClick={() => {
                saveAttempt(slug, startAttempt(challenge));
                void open(startAttempt(challenge), 'attempt');
              }}
              disabled={mode === null || busy}
            >
              Start over
            </button>
            <button type="button" onClick={() => void share()} disabled={mode === null}>Share this attempt</button>
            <span className="share-status" role="status">{shareStatus}</span>
          </>
        )}
      </div>
      <p className="lesson-hint">
        The lesson that teaches it: <a href={routeHash({ kind: 'lesson', slug: challenge.lesson, step: 0 })}>{lessons.find((l) => l.slug === challenge.lesson)?.title ?? challenge.lesson}</a>
      </p>
    </aside>
  );
}
