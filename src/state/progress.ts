import { z } from '../sim/zod';
import { create } from 'zustand';

/**
 * Lesson progress, saved in localStorage: how far each lesson went, the
 * answers given, whether it was finished. Validated on load; anything that
 * does not validate is ignored (progress is a convenience, never a blocker).
 */
export const PROGRESS_KEY = 'django-session-playground:progress';

const lessonProgress = z.object({
  /** The furthest lesson step run. */
  step: z.number().int().nonnegative(),
  /** Question id → the option indexes (or panel names) chosen. */
  answers: z.record(z.string(), z.array(z.union([z.number().int(), z.string()]))),
  done: z.boolean(),
  /** The best score of a finished attempt: questions answered right at the first try. */
  best: z.number().int().nonnegative().optional(),
});
const progressSchema = z.object({ version: z.literal(1), lessons: z.record(z.string(), lessonProgress) });

export type LessonProgress = z.infer<typeof lessonProgress>;

const EMPTY: LessonProgress = { step: 0, answers: {}, done: false };

interface ProgressState {
  lessons: Record<string, LessonProgress>;
  of(slug: string): LessonProgress;
  update(slug: string, change: Partial<LessonProgress>): void;
  answer(slug: string, question: string, choice: (number | string)[]): void;
  /** Start the lesson again: its step and answers go, its best score stays. */
  retry(slug: string): void;
}

function load(): Record<string, LessonProgress> {
  try {
    const parsed = progressSchema.safeParse(JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? 'null'));
    return parsed.success ? parsed.data.lessons : {};
  } catch {
    return {};
  }
}

function save(lessons: Record<string, LessonProgress>): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons }));
  } catch {
    // Storage full or disabled: progress just is not remembered.
  }
}

export const useProgress = create<ProgressState>()((set, get) => ({
  lessons: typeof localStorage === 'undefined' ? {} : load(),
  of: (slug) => get().lessons[slug] ?? EMPTY,
  update: (slug, change) => {
    const lessons = { ...get().lessons, [slug]: { ...get().of(slug), ...change } };
    set({ lessons });
    save(lessons);
  },
  answer: (slug, question, choice) => {
    const current = get().of(slug);
    get().update(slug, { answers: { ...current.answers, [question]: choice } });
  },
  retry: (slug) => {
    // `best` is not in EMPTY, so it survives the merge.
    get().update(slug, EMPTY);
  },
}));
