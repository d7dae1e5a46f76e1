/**
 * A challenge file (challenges/NN-slug.yaml), as authors write it: see
 * challenges/README.md. The checks are the lessons' check kinds
 * (src/lessons/checkKinds.ts); the steps are scenario steps.
 */
import { z } from '../sim/zod.ts';
import { STEP_KINDS, stepSchema } from '../sim/scenario/schema.ts';
import { checkWith } from '../lessons/schema.ts';

const text = z.string().min(1);
const settings = z.record(z.string(), z.unknown());

/** `GET /peek/`: a method and a path the learner may request (any origin, any profile). */
export const REQUEST_PATTERN = /^([A-Z]+) (\/\S*)$/;

/** A scenario step with an optional note (Markdown) saying why it is taken. */
const solutionStep = z.looseObject({ note: text.optional() }).transform((value, ctx) => {
  const { note, ...scenarioStep } = value;
  const result = stepSchema.safeParse(scenarioStep, { reportInput: true });
  if (!result.success) {
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return { step: result.data, note: note ?? null };
});

export const challengeSchema = z.strictObject({
  title: text,
  /** What to achieve, in words (Markdown). */
  goal: text,
  /** The lesson that teaches what the challenge needs (its slug). */
  lesson: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lesson slug such as session-fixation'),
  start: z.strictObject({
    /** The virtual clock before the first step. */
    clock: z.string().default('2026-01-01T00:00:00Z'),
    settings: settings.default({}),
    /** Several workers (contract section 2), passed to the scenario as they are. */
    servers: z.unknown().optional(),
    /** The browser profiles present: every one is named by a step of `steps`. */
    profiles: z.array(text).min(1).default(['default']),
    /** Steps already taken when the learner arrives. */
    steps: z.array(stepSchema).default([]),
  }),
  allow: z.strictObject({
    /** Step kinds the learner may take; absent: all. */
    steps: z.array(z.enum(STEP_KINDS as [string, ...string[]])).min(1).optional(),
    /** Requests (`METHOD /path/`) the learner may send; absent: any. */
    requests: z.array(z.string().regex(REQUEST_PATTERN, 'must look like "GET /peek/" (a method, a space, a path)')).min(1).optional(),
    /** Profiles the learner's requests may come from; absent: any. */
    profiles: z.array(text).min(1).optional(),
    /** Settings the learner may change (in the settings editor). */
    settings: z.array(text).default([]),
  }).default({ settings: [] }),
  /** All of them hold after the learner's last step: the challenge is solved. */
  checks: z.array(checkWith({ label: text })).min(1),
  /** Revealed one at a time. */
  hints: z.array(text).min(1).max(3),
  solution: z.strictObject({
    /** Setting changes the reference solution makes (each one allowed). */
    settings: settings.default({}),
    steps: z.array(solutionStep).min(1),
  }),
  /** Shown once solved: why it works (Markdown). */
  explanation: text,
});

export type ChallengeSource = z.output<typeof challengeSchema>;
