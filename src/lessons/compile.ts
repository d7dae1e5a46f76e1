/**
 * Turns lesson files (Markdown with YAML front matter) into the data the
 * player uses: validated, scenario checked, Markdown rendered to HTML. Runs at
 * build time (the Vite plugin) and in tests; every error names the file and
 * the field, e.g. `lessons/03-engines.md: steps[4].checks[0].jar.profile: …`.
 */
import { stepKindOf } from '../sim/scenario/steps.ts';
import { Marked, type Token } from 'marked';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from '../sim/zod.ts';
import { resolveSettings } from '../sim/django/settings.ts';
import { parseScenario, type Scenario, type Step } from '../sim/scenario/schema.ts';
import { checkReferences } from './checkKinds.ts';
import { frontMatterSchema, PANELS, type Check, type FrontMatter, type QuestionSource } from './schema.ts';
import type { LabelledCheck, Lesson, LessonRun, LessonStep, Question, RunCheck } from './types';

export type CompileResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** `01-visit-counter.md`: the number orders the lessons, the rest is the slug. */

const markdown = new Marked({ gfm: true, async: false });
const html = (text: string) => markdown.parse(text) as string;
const inlineHtml = (text: string) => markdown.parseInline(text) as string;

export type Path = (string | number)[];

/** `steps[4].checks[0].jar`, as an author finds it in the YAML. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export class Problems {
  readonly errors: string[] = [];
  constructor(
    readonly file: string,
    private readonly where: (path: Path) => number | null = () => null,
  ) {}

  add(path: Path | string, message: string, line: number | null = null): void {
    const field = typeof path === 'string' ? path : formatPath(path);
    const at = line ?? (typeof path === 'string' ? null : this.where(path));
    const error = `${this.file}: ${field}: ${message}${at === null ? '' : ` (line ${at})`}`;
    // Every run checks the same steps: say it once.
    if (!this.errors.includes(error)) this.errors.push(error);
  }
}

/** Compiles every lesson file, in the order of their numbers. */
export function compileLessons(files: { file: string; text: string }[]): CompileResult<Lesson[]> {
  return compileNumberedFiles(files, 'md', compileLesson);
}

/**
 * A folder of numbered content files (`01-some-slug.md`, `02-other.yaml`):
 * each compiled in file-name order, its number and slug from its name; a
 * badly named file or a number used twice is an error naming the file.
 */
export function compileNumberedFiles<T>(
  files: { file: string; text: string }[],
  extension: string,
  compileOne: (file: string, text: string, id: { number: number; slug: string }) => CompileResult<T>,
): CompileResult<T[]> {
  const pattern = new RegExp(`^(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.${extension}$`);
  const errors: string[] = [];
  const compiled: T[] = [];
  const numbers = new Map<number, string>();
  for (const { file, text } of [...files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const match = pattern.exec(file.slice(file.lastIndexOf('/') + 1));
    if (!match) {
      errors.push(`${file}: file name: must look like 01-some-slug.${extension} (two digits, a dash, lowercase words)`);
      continue;
    }
    const number = Number(match[1]);
    const twin = numbers.get(number);
    if (twin) errors.push(`${file}: file name: number ${match[1]} is already used by ${twin}`);
    numbers.set(number, file);
    const result = compileOne(file, text, { number, slug: match[2] });
    if (result.ok) compiled.push(result.value);
    else errors.push(...result.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: compiled };
}

export function compileLesson(file: string, text: string, id: { number: number; slug: string }): CompileResult<Lesson> {
  const split = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!split) {
    return { ok: false, errors: [`${file}: front matter: the file must start with YAML front matter between two --- lines`] };
  }
  // The front matter starts on the file's second line.
  const read = readYaml(file, split[1], frontMatterSchema, 'front matter', 1);
  if (!read.ok) return read;
  const { data: front, problems } = read;

  const bodyLine = split[0].split('\n').length;
  const body = splitBody(text.slice(split[0].length), front.steps.length, bodyLine, problems);
  const runs = buildRuns(front, file, problems);
  checkLessonReferences(front, problems);
  if (problems.errors.length || !body || !runs) return { ok: false, errors: problems.errors };

  const steps: LessonStep[] = front.steps.map((step, i) => ({
    number: i + 1,
    titleHtml: inlineHtml(body.steps[i].title),
    narrationHtml: html(body.steps[i].markdown),
    checks: step.checks.map((c): LabelledCheck => ({ labelHtml: inlineHtml(c.label), run: c.run ?? null, check: c.check })),
    predict: step.predict.map((q) => compileQuestion(q, i + 1)),
  }));
  return {
    ok: true,
    value: {
      number: id.number,
      slug: id.slug,
      file,
      title: front.title,
      summary: front.summary,
      minutes: front.minutes,
      goalsHtml: front.goals.map(inlineHtml),
      introHtml: html(body.intro),
      recapHtml: body.recap === null ? null : html(body.recap),
      runs,
      steps,
      quiz: front.quiz.map((q) => compileQuestion(q, null)),
      pictures: front.pictures,
    },
  };
}

function compileQuestion(source: QuestionSource, predictedStep: number | null): Question {
  const step = predictedStep ?? source.step ?? null;
  if (source.kind === 'panels') {
    return {
      kind: 'panels',
      questionHtml: inlineHtml(source.question),
      // A set: listed in the panels' own order.
      answer: PANELS.filter((p) => source.panels.includes(p)),
      explanationHtml: html(source.explanation),
      step: step as number,
      run: source.run ?? null,
    };
  }
  return {
    kind: 'choice',
    questionHtml: inlineHtml(source.question),
    multiple: source.multiple,
    options: source.options.map((o) => ({
      textHtml: inlineHtml(o.text),
      correct: o.correct,
      check: o.check ? ({ run: o.check.run ?? null, check: o.check.check } satisfies RunCheck) : null,
      feedbackHtml: o.feedback === undefined ? null : inlineHtml(o.feedback),
    })),
    explanationHtml: html(source.explanation),
    step,
  };
}

interface Body {
  intro: string;
  steps: { title: string; markdown: string }[];
  recap: string | null;
}

/**
 * The body: an introduction, then `## Step N: title` for every step in
 * order, then an optional `## Recap`. Deeper headings belong to the section.
 */
function splitBody(text: string, stepCount: number, firstLine: number, problems: Problems): Body | null {
  const sections: { heading: string | null; line: number; tokens: Token[] }[] = [{ heading: null, line: firstLine, tokens: [] }];
  let line = firstLine;
  for (const token of markdown.lexer(text)) {
    if (token.type === 'heading' && token.depth <= 2) sections.push({ heading: token.depth === 1 ? `# ${token.text}` : token.text, line, tokens: [] });
    else sections[sections.length - 1].tokens.push(token);
    line += token.raw.split('\n').length - 1;
  }
  const raw = (tokens: Token[]) => tokens.map((t) => t.raw).join('').trim();
  const before = problems.errors.length;
  const steps: Body['steps'] = [];
  let recap: string | null = null;
  for (const section of sections.slice(1)) {
    const heading = section.heading as string;
    const step = /^Step (\d+): (.+)$/.exec(heading);
    const say = (message: string) => problems.add('body', message, section.line);
    if (recap !== null) say(`"## ${heading}" comes after "## Recap", which must be the last section`);
    else if (heading === 'Recap') recap = raw(section.tokens);
    else if (!step) say(`unexpected heading "${heading.startsWith('# ') ? heading : `## ${heading}`}": sections are "## Step N: title" and an optional last "## Recap"`);
    else if (Number(step[1]) !== steps.length + 1) say(`"## Step ${step[1]}" is out of order: expected "## Step ${steps.length + 1}: …"`);
    else if (steps.length === stepCount) say(`"## Step ${step[1]}" has no step: the front matter has ${stepCount} steps`);
    else if (raw(section.tokens) === '') say(`"## Step ${step[1]}" has no narration`);
    else steps.push({ title: step[2].trim(), markdown: raw(section.tokens) });
  }
  if (problems.errors.length === before && steps.length < stepCount) {
    problems.add('body', `narration missing for Step ${steps.length + 1}${stepCount > steps.length + 1 ? ` to Step ${stepCount}` : ''}: every step needs a "## Step N: title" section`);
  }
  return problems.errors.length === before ? { intro: raw(sections[0].tokens), steps, recap } : null;
}

/** One run per `runs` entry (or a single run), each a scenario that passes parseScenario and the settings check. */
function buildRuns(front: FrontMatter, file: string, problems: Problems): LessonRun[] | null {
  const variants: NonNullable<FrontMatter['runs']> = front.runs ?? [{ id: 'main', label: front.title, settings: {} }];
  const runs: LessonRun[] = [];
  const before = problems.errors.length;
  variants.forEach((variant, i) => {
    const settings = { ...front.settings, ...variant.settings };
    const where = (name: string) => (front.runs && name in variant.settings ? ['runs', i, 'settings', name] : ['settings', name]);
    const resolved = resolveSettings(settings);
    if (!resolved.ok) {
      for (const error of resolved.errors) problems.add(where(error.setting), error.message);
      return;
    }
    const servers = variant.servers ?? front.servers;
    const input = {
      name: front.runs ? `${front.title} (${variant.label})` : front.title,
      start: front.start,
      settings,
      ...(servers ? { servers } : {}),
      steps: releasesCarryOver(settings, front.steps.map((s) => s.step)),
    };
    const result = parseScenario(input, file);
    if (!result.ok) {
      // The servers' shape was checked with the front matter: what is left is about the steps (a worker they name).
      for (const error of result.errors) problems.add(error.path, error.message);
      return;
    }
    runs.push({ id: variant.id, label: variant.label, scenario: result.scenario as Scenario });
  });
  const ids = variants.map((v) => v.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.add(['runs', i, 'id'], `"${id}" is already the id of runs[${ids.indexOf(id)}]`);
  });
  return problems.errors.length === before ? runs : null;
}

/**
 * In a lesson a `deploy` changes only the settings it names: the release
 * before it (the lesson's and the run's settings, then each earlier deploy)
 * carries over, so one deploy step means the same change in every run. The
 * scenario spells each release out in full, as the contract's deploy (which
 * starts again from the defaults) needs.
 */
function releasesCarryOver(settings: Record<string, unknown>, steps: Step[]): Step[] {
  let release = settings;
  return steps.map((step) => {
    const kind = stepKindOf(step);
    const deployed = kind.release(step);
    if (deployed === null) return step;
    release = { ...release, ...deployed };
    return kind.withRelease(step, release);
  });
}

/** The profiles that exist after each step (a profile exists from the first step that names it). */
function profilesByStep(steps: Step[]): Set<string>[] {
  const known = new Set<string>();
  return steps.map((step) => {
    for (const profile of stepKindOf(step).profiles(step)) known.add(profile);
    return new Set(known);
  });
}

/** Step numbers, profiles and run ids that checks and questions name must exist, and checks only look back. */
function checkLessonReferences(front: FrontMatter, problems: Problems): void {
  const count = front.steps.length;
  const profiles = profilesByStep(front.steps.map((s) => s.step));
  const runIds = front.runs?.map((r) => r.id) ?? [];
  const workers = new Set([front.servers, ...(front.runs ?? []).map((r) => r.servers)].flatMap((servers) => servers?.workers ?? []));

  const stepRef = (path: Path, ref: number | undefined, now: number) => {
    if (ref === undefined) return;
    if (ref > count) problems.add(path, `Step ${ref} does not exist: the lesson has ${count} steps`);
    else if (ref > now) problems.add(path, `Step ${ref} comes after Step ${now}: a check can only look back`);
  };
  const profileRef = (path: Path, profile: string | undefined, step: number) => {
    if (profile === undefined || step > count) return;
    const known = profiles[step - 1];
    if (!known.has(profile)) {
      problems.add(path, `unknown profile "${profile}" at Step ${step} (profiles by then: ${[...known].join(', ') || 'none'})`);
    }
  };
  const runRef = (path: Path, run: string | undefined) => {
    if (run === undefined) return;
    if (!runIds.length) problems.add(path, 'this lesson has a single run: leave run out (or add runs)');
    else if (!runIds.includes(run)) problems.add(path, `unknown run "${run}" (runs: ${runIds.join(', ')})`);
  };
  const workerRef = (path: Path, worker: string | undefined) => {
    if (worker === undefined) return;
    if (!workers.size) problems.add(path, `names worker "${worker}", but the lesson has no servers`);
    else if (!workers.has(worker)) problems.add(path, `unknown worker "${worker}" (workers: ${[...workers].join(', ')})`);
  };
  const check = (path: Path, value: { check: Check; run?: string }, now: number) => {
    runRef([...path, 'run'], value.run);
    for (const ref of checkReferences(value.check)) {
      if ('step' in ref) stepRef([...path, ...ref.path], ref.step, now);
      else if ('worker' in ref) workerRef([...path, ...ref.path], ref.worker);
      else profileRef([...path, ...ref.path], ref.profile, ref.atStep ?? now);
    }
  };
  const question = (path: Path, q: QuestionSource, predicted: number | null) => {
    if (predicted !== null && q.step !== undefined) problems.add([...path, 'step'], 'a prediction is about the step it is asked before: leave step out');
    const step = predicted ?? q.step;
    if (q.step !== undefined && q.step > count) problems.add([...path, 'step'], `Step ${q.step} does not exist: the lesson has ${count} steps`);
    if (q.kind === 'panels') {
      runRef([...path, 'run'], q.run);
      if (step === undefined) problems.add([...path, 'step'], 'a quiz question about panels needs the step it is about');
      return;
    }
    // A learner weighs three or four answers; one pick per option (multiple: true) may list more, e.g. all five engines.
    if (!q.multiple && q.options.length > 4) problems.add([...path, 'options'], `${q.options.length} options: a question offers at most 4 (or add multiple: true)`);
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) problems.add([...path, 'options'], 'no option is marked correct: true');
    if (correct > 1 && !q.multiple) problems.add([...path, 'options'], `${correct} options are correct: add multiple: true, or mark one`);
    q.options.forEach((o, i) => {
      if (!o.check) return;
      if (step === undefined) problems.add([...path, 'options', i, 'check'], "an option's check needs the question's step: the step whose state it looks at");
      else if (step <= count) check([...path, 'options', i, 'check'], o.check, step);
    });
  };

  front.steps.forEach((step, i) => {
    step.checks.forEach((c, j) => check(['steps', i, 'checks', j], c, i + 1));
    step.predict.forEach((q, j) => question(['steps', i, 'predict', j], q, i + 1));
  });
  front.quiz.forEach((q, i) => question(['quiz', i], q, null));
}

/** The issue as messages an author understands, one per place. */
/**
 * YAML text (starting `lineOffset` lines into its file) parsed and checked
 * against `schema`: its syntax errors under `where`, then the schema's
 * issues, each at its field and line. The problems go on collecting what the
 * caller finds next.
 */
export function readYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  where: string,
  lineOffset = 0,
): { ok: true; data: z.output<S>; problems: Problems } | { ok: false; errors: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems = new Problems(file, (path) => yamlLine(doc, lineCounter, path) + lineOffset);
  for (const error of doc.errors) problems.add(where, error.message.split('\n')[0], lineCounter.linePos(error.pos[0]).line + lineOffset);
  if (problems.errors.length) return { ok: false, errors: problems.errors };
  const parsed = schema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) for (const { path, message } of describeIssue(issue)) problems.add(path, message);
    return { ok: false, errors: problems.errors };
  }
  return { ok: true, data: parsed.data, problems };
}

export function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): { path: Path; message: string }[] {
  const path = [...prefix, ...issue.path] as Path;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    case 'invalid_union': {
      // A literal form (`none`, `nothing`) that did not match says nothing about an object that was meant as the other form.
      const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0].path.length === 0 && ['invalid_value', 'invalid_type'].includes(branch[0].code)));
      if (meant.length === 1) return meant[0].flatMap((inner) => describeIssue(inner, path));
      return [{ path, message: `does not match any allowed form (got ${describe(issue.input)})` }];
    }
    case 'invalid_type':
      return [{ path, message: issue.input === undefined ? 'is required' : `must be ${typeName(issue.expected)}, not ${describe(issue.input)}` }];
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describe(issue.input)}` }];
    case 'too_small':
      return [{
        path,
        message: issue.origin === 'array'
          ? `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
          : issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`,
      }];
    case 'too_big':
      return [{
        path,
        message: issue.origin === 'array'
          ? `has more than ${issue.maximum} items`
          : issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`,
      }];
    default:
      return [{ path, message: issue.message }];
  }
}

function typeName(expected: string): string {
  return { string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', record: 'an object', array: 'a list' }[expected] ?? expected;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}

/** The line (in the front matter, from 1) of the deepest YAML node on `path`. */
export function yamlLine(doc: Document, lineCounter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}
