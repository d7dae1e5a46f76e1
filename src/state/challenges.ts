import { deflate, inflate } from 'pako';
import { create } from 'zustand';
import { ownRecord, z } from '../sim/zod';
import { parseScenario, type Step } from '../sim/scenario/schema';
import { fromBase64Url, SET_ASIDE_PREFIX, toBase64Url } from './persist';

/**
 * Challenge progress, saved in localStorage apart from the lessons': for each
 * challenge the learner's attempt (settings and steps, the start state's
 * included), the hints revealed, and whether (and in how few moves) it was
 * solved. Versioned, validated challenge by challenge: an entry that does not
 * validate is dropped from the store but its text is set aside, never lost.
 * An attempt also travels in a link: #/challenges/<slug>/<attempt>.
 */
export const CHALLENGES_KEY = 'django-session-playground:challenges';
const VERSION = 1;

export interface ChallengeAttempt {
  settings: Record<string, unknown>;
  steps: Step[];
}

const attemptShape = z.lazy(() => z.strictObject({ settings: ownRecord(z.unknown()), steps: z.array(z.unknown()) }));

const entrySchema = z.lazy(() =>
  z.strictObject({
    attempt: attemptShape.nullable(),
    /** How many hints are shown (they are revealed in order). */
    hints: z.number().int().min(0).max(3),
    solved: z.boolean(),
    /** The fewest moves it was solved in. */
    best: z.number().int().min(1).nullable(),
  }),
);

export type ChallengeProgress = Omit<z.infer<typeof entrySchema>, 'attempt'> & { attempt: ChallengeAttempt | null };

const EMPTY: ChallengeProgress = { attempt: null, hints: 0, solved: false, best: null };

export type AttemptResult = { ok: true; attempt: ChallengeAttempt } | { ok: false; reason: string };

/** An attempt's steps and settings as a scenario would take them (the clock does not matter to their shape). */
function checkAttempt(input: unknown): AttemptResult {
  const shape = attemptShape.safeParse(input);
  if (!shape.success) return { ok: false, reason: `${shape.error.issues[0].path.join('.') || 'the attempt'}: ${shape.error.issues[0].message}` };
  const parsed = parseScenario({ name: 'attempt', start: '2026-01-01T00:00:00Z', settings: shape.data.settings, steps: shape.data.steps });
  if (!parsed.ok) {
    const e = parsed.errors[0];
    return { ok: false, reason: `${e.step === null ? '' : `step ${e.step + 1}, `}${e.field || 'attempt'}: ${e.message}` };
  }
  return { ok: true, attempt: { settings: parsed.scenario.settings, steps: parsed.scenario.steps } };
}

export interface ReadChallenges {
  challenges: Record<string, ChallengeProgress>;
  /** What could not be kept, in words. */
  problems: string[];
}

export function readChallenges(text: string | null): ReadChallenges {
  if (text === null) return { challenges: {}, problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { challenges: {}, problems: ['it is not valid JSON'] };
  }
  const document = z.looseObject({ version: z.number(), challenges: z.record(z.string(), z.unknown()) }).safeParse(data);
  if (!document.success) return { challenges: {}, problems: ['it holds no list of challenges'] };
  if (document.data.version !== VERSION) {
    return { challenges: {}, problems: [`it was saved in format ${document.data.version}, and this playground reads format ${VERSION}`] };
  }
  const challenges: Record<string, ChallengeProgress> = {};
  const problems: string[] = [];
  for (const [slug, stored] of Object.entries(document.data.challenges)) {
    const entry = entrySchema.safeParse(stored);
    const attempt = entry.success && entry.data.attempt ? checkAttempt(entry.data.attempt) : null;
    if (!entry.success || (attempt && !attempt.ok)) {
      const reason = entry.success ? (attempt as { reason: string }).reason : `${entry.error.issues[0].path.join('.')}: ${entry.error.issues[0].message}`;
      problems.push(`challenge "${slug}" (${reason})`);
      continue;
    }
    challenges[slug] = { ...entry.data, attempt: attempt?.ok ? attempt.attempt : null };
  }
  return { challenges, problems };
}

export function writeChallenges(challenges: Record<string, ChallengeProgress>): string {
  return JSON.stringify({ version: VERSION, challenges });
}

// ---- links: #/challenges/<slug>/<base64url of the deflated attempt> ------------

export function encodeAttempt(attempt: ChallengeAttempt): string {
  return toBase64Url(deflate(new TextEncoder().encode(JSON.stringify({ version: VERSION, ...attempt }))));
}

export function decodeAttempt(encoded: string): AttemptResult {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflate(fromBase64Url(encoded))));
  } catch {
    return { ok: false, reason: 'the link is damaged or incomplete (it does not decode)' };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== VERSION) return { ok: false, reason: `it holds format ${String(version)}, and this playground reads format ${VERSION}` };
  const { settings, steps } = data as { settings?: unknown; steps?: unknown };
  return checkAttempt({ settings, steps });
}

// ---- the store --------------------------------------------------------------------

interface ChallengesState {
  challenges: Record<string, ChallengeProgress>;
  /** What could not be restored from localStorage (shown once on the index). */
  problems: string[];
  of(slug: string): ChallengeProgress;
  saveAttempt(slug: string, attempt: ChallengeAttempt): void;
  revealHint(slug: string, total: number): void;
  markSolved(slug: string, moves: number): void;
  dismissProblems(): void;
}

function storage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

function load(): ReadChallenges {
  const store = storage();
  if (!store) return { challenges: {}, problems: [] };
  const text = store.getItem(CHALLENGES_KEY);
  const read = readChallenges(text);
  if (read.problems.length && text !== null) {
    // Keep the whole text, so that nothing the learner did is lost.
    const key = `${SET_ASIDE_PREFIX}challenges:${new Date().toISOString()}`;
    try {
      store.setItem(key, text);
      read.problems.push(`the saved text was kept in localStorage as "${key}"`);
    } catch {
      // Storage full: the problems are still said.
    }
  }
  return read;
}

function save(challenges: Record<string, ChallengeProgress>): void {
  try {
    storage()?.setItem(CHALLENGES_KEY, writeChallenges(challenges));
  } catch {
    // Storage full or disabled: the attempt still works, it just is not remembered.
  }
}

const initial = load();

export const useChallengeProgress = create<ChallengesState>()((set, get) => {
  const update = (slug: string, change: Partial<ChallengeProgress>) => {
    const challenges = { ...get().challenges, [slug]: { ...get().of(slug), ...change } };
    set({ challenges });
    save(challenges);
  };
  return {
    challenges: initial.challenges,
    problems: initial.problems,
    of: (slug) => get().challenges[slug] ?? EMPTY,
    saveAttempt: (slug, attempt) => update(slug, { attempt }),
    revealHint: (slug, total) => update(slug, { hints: Math.min(total, get().of(slug).hints + 1) }),
    markSolved: (slug, moves) => {
      const { best } = get().of(slug);
      update(slug, { solved: true, best: best === null ? moves : Math.min(best, moves) });
    },
    dismissProblems: () => set({ problems: [] }),
  };
});
