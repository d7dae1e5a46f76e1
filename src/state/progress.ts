import { lessons as allLessons } from 'virtual:lessons';
import { create } from 'zustand';
import { persist, type PersistStorage } from 'zustand/middleware';
import { z } from '../sim/zod';
import { defineFormat, migrate } from './migrations';
import { showNotice, storageProblem } from './notices';
import { SET_ASIDE_PREFIX, siteStorage } from './storage';

/**
 * Lesson progress, saved in localStorage: how far each lesson went, the
 * answers given, whether it was finished. Migrated like a saved run, then
 * validated lesson by lesson: what is valid is kept, the rest is set aside
 * with a notice (the original text stays in localStorage), never wiped.
 */
export const PROGRESS_KEY = 'django-session-playground:progress';
export const PROGRESS_NOTICE = 'progress';

/** Format 1 (the first): { version, lessons: { [slug]: { step, answers, done } } }. */
export const PROGRESS_FORMAT = defineFormat(1, []);

const lessonProgress = z.lazy(() =>
  z.object({
    /** The furthest lesson step run. */
    step: z.number().int().nonnegative(),
    /** Question id → the option indexes (or panel names) chosen. */
    answers: z.record(z.string(), z.array(z.union([z.number().int(), z.string()]))),
    done: z.boolean(),
    /** The best score of a finished attempt: questions answered right at the first try. */
    best: z.number().int().nonnegative().optional(),
  }),
);

export type LessonProgress = z.infer<typeof lessonProgress>;
type Lessons = Record<string, LessonProgress>;

const EMPTY: LessonProgress = { step: 0, answers: {}, done: false };

export interface ReadProgress {
  lessons: Lessons;
  /** What could not be kept, in words (empty when everything was). */
  problems: string[];
  /** Nothing could be kept: the whole document was unreadable. */
  whole: boolean;
}

/** Reads stored progress: each lesson on its own, its `step` clamped to the lesson's length (`lessonSteps`). */
export function readProgress(text: string | null, lessonSteps: ReadonlyMap<string, number>): ReadProgress {
  if (text === null) return { lessons: {}, problems: [], whole: false };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { lessons: {}, problems: ['it is not valid JSON'], whole: true };
  }
  const migrated = migrate(PROGRESS_FORMAT, data);
  if (!migrated.ok) return { lessons: {}, problems: [migrated.reason], whole: true };
  const stored = migrated.document.lessons;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return { lessons: {}, problems: ['it holds no list of lessons'], whole: true };
  }
  const lessons: Lessons = {};
  const problems: string[] = [];
  for (const [slug, entry] of Object.entries(stored)) {
    const parsed = lessonProgress.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`lesson "${slug}" (${issue.path.join('.') || 'its entry'}: ${issue.message})`);
      continue;
    }
    const steps = lessonSteps.get(slug);
    lessons[slug] = steps === undefined ? parsed.data : { ...parsed.data, step: Math.min(parsed.data.step, steps) };
  }
  return { lessons, problems, whole: false };
}

const LESSON_STEPS: ReadonlyMap<string, number> = new Map(allLessons.map((l) => [l.slug, l.steps.length]));

type Persisted = { lessons: Lessons };

/** localStorage through the format above; a read or a save the browser refuses is said, never swallowed. */
const progressStorage: PersistStorage<Persisted> = {
  getItem(name) {
    const storage = siteStorage();
    let text: string | null;
    try {
      text = storage.getItem(name);
    } catch (error) {
      showNotice(PROGRESS_NOTICE, `Your lesson progress could not be read: ${storageProblem(error)}.`);
      return null;
    }
    const read = readProgress(text, LESSON_STEPS);
    if (read.problems.length > 0) setAside(storage, text!, read);
    return { state: { lessons: read.lessons }, version: PROGRESS_FORMAT.current };
  },
  setItem(name, value) {
    try {
      siteStorage().setItem(name, JSON.stringify({ version: PROGRESS_FORMAT.current, lessons: value.state.lessons }));
    } catch (error) {
      showNotice(PROGRESS_NOTICE, `Your lesson progress could not be saved: ${storageProblem(error)}. It lasts until this page closes.`);
    }
  },
  removeItem(name) {
    siteStorage().removeItem(name);
  },
};

function setAside(storage: Storage, text: string, read: ReadProgress): void {
  const key = `${SET_ASIDE_PREFIX}progress:${new Date().toISOString()}`;
  let kept: string;
  try {
    storage.setItem(key, text);
    kept = `The stored progress was kept in localStorage as "${key}"`;
  } catch (error) {
    kept = `The stored progress could not be kept aside (${storageProblem(error)})`;
  }
  showNotice(
    PROGRESS_NOTICE,
    read.whole
      ? `Your lesson progress could not be read (${read.problems[0]}); lessons start afresh. ${kept}.`
      : `Part of your lesson progress could not be read: ${read.problems.join('; ')}. The rest is kept. ${kept}.`,
  );
}

interface ProgressState {
  lessons: Lessons;
  of(slug: string): LessonProgress;
  update(slug: string, change: Partial<LessonProgress>): void;
  answer(slug: string, question: string, choice: (number | string)[]): void;
  /** Start the lesson again: its step and answers go, its best score stays. */
  retry(slug: string): void;
}

export const useProgress = create<ProgressState>()(
  persist(
    (set, get) => ({
      lessons: {},
      of: (slug) => get().lessons[slug] ?? EMPTY,
      update: (slug, change) => set({ lessons: { ...get().lessons, [slug]: { ...get().of(slug), ...change } } }),
      answer: (slug, question, choice) => {
        const current = get().of(slug);
        get().update(slug, { answers: { ...current.answers, [question]: choice } });
      },
      // `best` is not in EMPTY, so it survives the merge.
      retry: (slug) => get().update(slug, EMPTY),
    }),
    { name: PROGRESS_KEY, version: PROGRESS_FORMAT.current, storage: progressStorage, partialize: (s) => ({ lessons: s.lessons }) },
  ),
);
