import { lessons } from 'virtual:lessons';
import { lessonQuestions, scoreOf } from '../../lessons/score';
import { useProgress } from '../../state/progress';
import { routeHash } from '../../state/route';
import './lessons.css';

/** The landing page: every lesson with the learner's progress, and the way into the free playground. */
export function LessonsIndex() {
  const progress = useProgress((s) => s.lessons);
  // The first call to action is the first lesson not finished yet, at the step it was left.
  const next = lessons.find((l) => !progress[l.slug]?.done);
  const nextStep = next ? progress[next.slug]?.step ?? 0 : 0;
  return (
    <main className="lessons-index" aria-labelledby="lessons-title">
      <h2 id="lessons-title">Learn how Django sessions really work</h2>
      <p className="lessons-lead">
        Step through real HTTP requests and watch the browser&apos;s cookie jar, the wire and Django&apos;s session store change side by side.
        Every step is checked against transcripts recorded from real Django.
      </p>
      <p className="lessons-actions">
        {next && (
          <a className="button-link" href={routeHash({ kind: 'lesson', slug: next.slug, step: nextStep })}>
            {nextStep > 0 ? `Continue lesson ${next.number}: ${next.title}` : `${next.number === 1 ? 'Start with' : 'Next:'} lesson ${next.number}: ${next.title}`}
          </a>
        )}
        <a className={next ? 'secondary-link' : 'button-link'} href={routeHash({ kind: 'playground' })}>Open the free playground</a>
      </p>
      <ol className="lesson-cards">
        {lessons.map((lesson) => {
          const mine = progress[lesson.slug];
          const status = mine?.done ? 'done' : mine && mine.step > 0 ? `step ${mine.step} of ${lesson.steps.length}` : 'not started';
          const score = mine ? scoreOf(lesson, mine.answers) : null;
          return (
            <li key={lesson.slug} className={`lesson-card${mine?.done ? ' lesson-done' : ''}`}>
              <a href={routeHash({ kind: 'lesson', slug: lesson.slug, step: mine?.step ?? 0 })}>
                <span className="lesson-number">{lesson.number}</span>
                <span className="lesson-title">{lesson.title}</span>
              </a>
              <p className="lesson-summary">{lesson.summary}</p>
              <span className="lesson-meta">
                <span className="lesson-minutes">about {lesson.minutes} min</span>
                {' · '}
                <span className="lesson-status">
                  <span className="visually-hidden">Progress: </span>
                  {status}
                </span>
                {mine?.done && score && (
                  <>
                    {' · '}
                    <span className="lesson-card-score">
                      score {score.right}/{score.total}{mine.best !== undefined && mine.best > score.right ? ` (best ${mine.best})` : ''}
                    </span>
                  </>
                )}
                {!mine?.done && mine?.best !== undefined && (
                  <>{' · '}<span className="lesson-card-score">best score {mine.best}/{lessonQuestions(lesson).length}</span></>
                )}
              </span>
              <progress max={lesson.steps.length} value={mine?.done ? lesson.steps.length : (mine?.step ?? 0)} aria-label={`${lesson.title}: progress`} />
            </li>
          );
        })}
      </ol>
    </main>
  );
}
