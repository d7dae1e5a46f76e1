import { challenges } from 'virtual:challenges';
import { useChallengeProgress } from '../../state/challenges';
import { routeHash } from '../../state/route';
import '../lessons/lessons.css';
import './challenges.css';

/** Every challenge with the learner's standing on it. */
export function ChallengesIndex() {
  const progress = useChallengeProgress((s) => s.challenges);
  const problems = useChallengeProgress((s) => s.problems);
  const dismiss = useChallengeProgress((s) => s.dismissProblems);
  const solved = challenges.filter((c) => progress[c.slug]?.solved).length;
  return (
    <main className="lessons-index" aria-labelledby="challenges-title">
      <h2 id="challenges-title">Challenges</h2>
      <p className="lessons-lead">
        Each challenge sets a goal and a start state. Work in the full playground: any request, any profile, the clock, the cookies, the
        settings it allows. The simulated Django judges every step, and you see how many moves you took against the reference solution.
      </p>
      {problems.length > 0 && (
        <div className="banner banner-notice" role="status">
          <span>Some saved challenge progress could not be restored: {problems.join('; ')}.</span>
          <button type="button" onClick={dismiss}>Dismiss</button>
        </div>
      )}
      <p className="lesson-status">{solved} of {challenges.length} solved</p>
      <ol className="lesson-cards">
        {challenges.map((challenge) => {
          const mine = progress[challenge.slug];
          const status = mine?.solved
            ? `solved in ${mine.best} move${mine.best === 1 ? '' : 's'} (reference: ${challenge.solution.steps.length + Object.keys(challenge.solution.settings).length})`
            : mine?.attempt && mine.attempt.steps.length > challenge.start.steps.length ? 'in progress' : 'not started';
          return (
            <li key={challenge.slug} className={`lesson-card${mine?.solved ? ' lesson-done' : ''}`}>
              <a href={routeHash({ kind: 'challenge', slug: challenge.slug, attempt: null })}>
                <span className="lesson-number">{challenge.number}</span>
                <span className="lesson-title">{challenge.title}</span>
              </a>
              <span className="lesson-status">
                <span className="visually-hidden">Status: </span>
                {status}
              </span>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
