import { lessons } from 'virtual:lessons';
import { useProgress } from '../../state/progress';
import { routeHash } from '../../state/route';
import './lessons.css';

/** The landing page: every lesson with the learner's progress, and the way into the free playground. */
export function LessonsIndex() {
  const progress = useProgress((s) => s.lessons);
  return (
    <main className="lessons-index" aria-labelledby="lessons-title">
      <h2 id="lessons-title">Learn how Django sessions really work</h2>
      <p className="lessons-lead">
        Step through real HTTP requests and watch the browser&apos;s cookie jar, the wire and Django&apos;s session store change side by side.
        Every step is checked against transcripts recorded from real Django.
      </p>
      <p>
        <a className="button-link" href={routeHash({ kind: 'playground' })}>Open the free playground</a>
      </p>
      <ol className="lesson-cards">
        {lessons.map((lesson) => {
          const mine = progress[lesson.slug];
          const status = mine?.done ? 'done' : mine && mine.step > 0 ? `step ${mine.step} of ${lesson.steps.length}` : 'not started';
          return (
            <li key={lesson.slug} className={`lesson-card${mine?.done ? ' lesson-done' : ''}`}>
              <a href={routeHash({ kind: 'lesson', slug: lesson.slug, step: 0 })}>
                <span className="lesson-number">{lesson.number}</span>
                <span className="lesson-title">{lesson.title}</span>
              </a>
              <span className="lesson-status">
                <span className="visually-hidden">Progress: </span>
                {status}
              </span>
              <progress max={lesson.steps.length} value={mine?.done ? lesson.steps.length : (mine?.step ?? 0)} aria-label={`${lesson.title}: progress`} />
            </li>
          );
        })}
      </ol>
    </main>
  );
}
