/**
 * A lesson file's front matter, as authors write it (see lessons/README.md),
 * its questions; the check kinds live in checkKinds.ts. Step numbers count
 * from 1, as the learner sees them ("Step 3"); YAML list positions in error
 * paths count from 0.
 */
import { z } from '../sim/zod.ts';
import { PANELS } from './panels.ts';
import { CHECK_KIND_NAMES, CHECK_KINDS, isCheckKind, type Check, type CheckKindName } from './checkKinds.ts';
import { serversSchema, stepSchema } from '../sim/scenario/schema.ts';

const stepNumber = z.number().int().min(1);
const name = z.string().min(1);

export { PANELS, type Panel } from './panels.ts';
export type { Check } from './checkKinds.ts';
const panel = z.enum(PANELS);

const exactlyOneKind = `a check has exactly one of ${CHECK_KIND_NAMES.join(', ')}`;

/**
 * A check with its extra fields (`label`, `run`). As with scenario steps,
 * settling the kind first keeps the errors about the check the author meant.
 */
export function checkWith<Extra extends z.ZodRawShape>(extra: Extra) {
  const extraSchema = z.strictObject(extra);
  return z.unknown().transform((input, ctx): { check: Check } & z.output<typeof extraSchema> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: `must be an object: ${exactlyOneKind}`, input });
      return z.NEVER;
    }
    const entries = Object.entries(input);
    const kinds = entries.filter(([key]) => isCheckKind(key));
    const rest = Object.fromEntries(entries.filter(([key]) => !isCheckKind(key)));
    for (const key of Object.keys(rest).filter((key) => !(key in extra))) {
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown check type: ${exactlyOneKind}`, input });
    }
    if (kinds.length !== 1) {
      const found = kinds.length ? ` (found ${kinds.map(([key]) => key).join(' and ')})` : '';
      ctx.addIssue({ code: 'custom', message: `${exactlyOneKind}${found}`, input });
    }
    const extraResult = extraSchema.safeParse(Object.fromEntries(Object.entries(rest).filter(([key]) => key in extra)), { reportInput: true });
    if (!extraResult.success) ctx.issues.push(...(extraResult.error.issues as z.core.$ZodRawIssue[]));
    if (kinds.length !== 1 || Object.keys(rest).some((key) => !(key in extra)) || !extraResult.success) return z.NEVER;
    const [kind, body] = kinds[0] as [CheckKindName, unknown];
    const result = CHECK_KINDS[kind].schema.safeParse(body, { reportInput: true });
    if (!result.success) {
      ctx.issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [kind, ...issue.path] }) as z.core.$ZodRawIssue));
      return z.NEVER;
    }
    return { ...extraResult.data, check: { [kind]: result.data } as Check };
  });
}

/** In a multi-run lesson, which run a check looks at; absent: every run. */
const runId = name.optional();

const labelledCheck = checkWith({ label: name, run: runId });
const optionCheck = checkWith({ run: runId });

const option = z.strictObject({
  text: name,
  correct: z.boolean().default(false),
  /** Holds exactly when the option is correct, in the state after the question's step. */
  check: optionCheck.optional(),
  /** Shown to a learner who chose this option: why it is right, or the misconception behind it. */
  feedback: name.optional(),
});

const choiceQuestion = z.strictObject({
  question: name,
  options: z.array(option).min(2),
  /** More than one option is correct (the player shows checkboxes). */
  multiple: z.boolean().default(false),
  explanation: name,
  /** Quiz only: the step whose state the option checks look at. */
  step: stepNumber.optional(),
});

const panelsQuestion = z.strictObject({
  question: name.default('Which of these will change at this step?'),
  /** The panels that change (possibly none). */
  panels: z.array(panel),
  explanation: name,
  /** Quiz only: the step it is about. */
  step: stepNumber.optional(),
  run: runId,
});

/** A multiple-choice question (`options`) or a "which panels change?" question (`panels`). */
const question = z.unknown().transform((input, ctx) => {
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  const kinds = isObject ? (['options', 'panels'] as const).filter((key) => key in input) : [];
  if (kinds.length !== 1) {
    ctx.addIssue({ code: 'custom', message: 'a question has either options (multiple choice) or panels (which panels change)', input });
    return z.NEVER;
  }
  const result = kinds[0] === 'options'
    ? choiceQuestion.safeParse(input, { reportInput: true })
    : panelsQuestion.safeParse(input, { reportInput: true });
  if (!result.success) {
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return kinds[0] === 'options'
    ? { kind: 'choice' as const, ...(result.data as z.output<typeof choiceQuestion>) }
    : { kind: 'panels' as const, ...(result.data as z.output<typeof panelsQuestion>) };
});
export type QuestionSource = z.output<typeof question>;

/** A lesson step: one scenario step (contract format) plus its checks and predictions. */
const lessonStep = z.looseObject({
  checks: z.array(labelledCheck).default([]),
  predict: z.array(question).default([]),
}).transform((value, ctx) => {
  const { checks, predict, ...scenarioStep } = value;
  const result = stepSchema.safeParse(scenarioStep, { reportInput: true });
  if (!result.success) {
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return { step: result.data, checks, predict };
});

const settings = z.record(z.string(), z.unknown());

/** The pictures a lesson can ask for (src/ui/pictures). */
export const PICTURES = ['samesite-matrix', 'expiry-timeline'] as const;
export type Picture = (typeof PICTURES)[number];

export const frontMatterSchema = z.strictObject({
  title: name,
  /** One line for the lesson's card: what the learner will see happen. */
  summary: name.max(140, 'must be one line: at most 140 characters').regex(/^[^\n]*$/, 'must be one line'),
  /** The estimated time to work through the lesson, in whole minutes. */
  minutes: z.number().int().min(1).max(60),
  goals: z.array(name).min(1),
  /** The virtual clock at the first step, e.g. 2026-01-01T00:00:00Z. */
  start: z.string(),
  /** Setting overrides (contract section 1). */
  settings: settings.default({}),
  /** Optional: the site as several workers (contract section 2); without it, one worker. */
  servers: serversSchema.optional(),
  /** Optional: the same steps under other settings, side by side. Each run's settings go over `settings`; its servers replace `servers`. */
  runs: z
    .array(z.strictObject({
      id: z.string().regex(/^[a-z0-9_]+$/, 'must be lowercase letters, digits or _'),
      label: name,
      settings: settings.default({}),
      servers: serversSchema.optional(),
    }))
    .min(2)
    .optional(),
  steps: z.array(lessonStep).min(1),
  quiz: z.array(question).min(1),
  /** Pictures shown beside the panels offered beside the sequence diagram. */
  pictures: z.array(z.enum(PICTURES)).default([]),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
