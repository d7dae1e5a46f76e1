import type { Lesson, LessonRun } from '../../src/lessons/types';

/** `03-five-engines.cache`: the lesson file's name, and the run's id when there are several. */
export function goldenName(lesson: Lesson, run: LessonRun): string {
  const base = lesson.file.slice(lesson.file.lastIndexOf('/') + 1, -'.md'.length);
  return lesson.runs.length > 1 ? `${base}.${run.id}` : base;
}

/** Runs the oracle cannot record faithfully, and why. */
export const UNRECORDABLE: Record<string, string> = {
  '04-when-django-saves.every_request':
    'the oracle is Django 3.2, which leaves Vary: Cookie out of Step 7; current Django adds it when it sets the cookie (contract section 5)',
};
