/**
 * Turns challenge files (YAML) into the data the app uses: validated, the
 * start state and the reference solution checked as scenarios, Markdown
 * rendered to HTML. Runs at build time (the Vite plugin) and in tests; every
 * error names the file, the field and the line, e.g.
 * `challenges/03-x.yaml: checks[1].jar.profile: unknown profile "atacker" … (line 30)`.
 */
import { Marked } from 'marked';
import { resolveSettings } from '../sim/django/settings.ts';
import { parseScenario, type Scenario } from '../sim/scenario/schema.ts';
import { checkReferences } from '../lessons/checkKinds.ts';
import { compileNumberedFiles, readYaml, type CompileResult, type Problems } from '../lessons/compile.ts';
import { challengeSchema, REQUEST_PATTERN, type ChallengeSource } from './schema.ts';
import { disallowed } from './rules.ts';
import type { Allowed, Challenge } from './types';


const markdown = new Marked({ gfm: true, async: false });
const html = (text: string) => markdown.parse(text) as string;
const inlineHtml = (text: string) => markdown.parseInline(text) as string;

export function compileChallenges(files: { file: string; text: string }[]): CompileResult<Challenge[]> {
  return compileNumberedFiles(files, 'yaml', compileChallenge);
}

export function compileChallenge(file: string, text: string, id: { number: number; slug: string }): CompileResult<Challenge> {
  const read = readYaml(file, text, challengeSchema, 'yaml');
  if (!read.ok) return read;
  const { data: source, problems } = read;
  const start = scenario(source, `${source.title} (start)`, source.start.settings, [], problems, ['start']);
  const solved = scenario(source, `${source.title} (reference solution)`, { ...source.start.settings, ...source.solution.settings }, source.solution.steps.map((s) => s.step), problems, ['solution']);
  checkAllowed(source, problems);
  checkNames(source, problems);
  if (problems.errors.length || !start || !solved) return { ok: false, errors: problems.errors };

  return {
    ok: true,
    value: {
      number: id.number,
      slug: id.slug,
      file,
      title: source.title,
      goalHtml: html(source.goal),
      lesson: source.lesson,
      start,
      profiles: source.start.profiles,
      allow: allowedOf(source),
      checks: source.checks.map((c) => ({ labelHtml: inlineHtml(c.label), check: c.check })),
      hintsHtml: source.hints.map(inlineHtml),
      solution: {
        settings: source.solution.settings,
        steps: source.solution.steps.map((s) => ({ step: s.step, noteHtml: s.note === null ? null : inlineHtml(s.note) })),
      },
      explanationHtml: html(source.explanation),
    },
  };
}

/** The start state (plus `extra` steps) as a scenario that parses and whose settings Django accepts. */
function scenario(source: ChallengeSource, name: string, settings: Record<string, unknown>, extra: Scenario['steps'], problems: Problems, at: (string | number)[]): Scenario | null {
  const resolved = resolveSettings(settings);
  if (!resolved.ok) {
    for (const error of resolved.errors) {
      const where = at[0] === 'solution' && error.setting in source.solution.settings ? ['solution', 'settings', error.setting] : ['start', 'settings', error.setting];
      problems.add(where, error.message);
    }
    return null;
  }
  const input = {
    name,
    start: source.start.clock,
    settings,
    ...(source.start.servers === undefined ? {} : { servers: source.start.servers }),
    steps: [...source.start.steps, ...extra],
  };
  const result = parseScenario(input);
  if (!result.ok) {
    const startCount = source.start.steps.length;
    for (const error of result.errors) {
      // The scenario's steps are the start's, then the solution's: point at the one the author wrote.
      const path = error.step === null
        ? (error.path[0] === 'start' ? ['start', 'clock'] : ['start', ...error.path])
        : error.step < startCount ? ['start', 'steps', error.step, ...error.path.slice(2)] : ['solution', 'steps', error.step - startCount, ...error.path.slice(2)];
      problems.add(path, error.message);
    }
    return null;
  }
  return result.scenario;
}

function allowedOf(source: ChallengeSource): Allowed {
  const { steps, requests, profiles, settings } = source.allow;
  return { steps: steps ?? null, requests: requests ?? null, profiles: profiles ?? null, settings };
}

/** The reference solution keeps to what the learner is allowed. */
function checkAllowed(source: ChallengeSource, problems: Problems): void {
  const allow = allowedOf(source);
  source.solution.steps.forEach(({ step }, i) => {
    const problem = disallowed(allow, step);
    if (problem) problems.add(['solution', 'steps', i], `the reference solution breaks its own rules: ${problem}`);
  });
  for (const name of Object.keys(source.solution.settings)) {
    if (!allow.settings.includes(name)) problems.add(['solution', 'settings', name], 'the reference solution changes a setting that allow.settings does not list');
  }
  (allow.requests ?? []).forEach((pattern, i) => {
    if (!REQUEST_PATTERN.test(pattern)) problems.add(['allow', 'requests', i], 'must look like "GET /peek/"');
  });
}

/** Checks name only the start's profiles and workers, and no step numbers (a challenge's checks look at the end of the attempt). */
function checkNames(source: ChallengeSource, problems: Problems): void {
  // start.servers is checked with the scenario; here only the worker names matter.
  const servers = source.start.servers as { workers?: unknown } | undefined;
  const workers = Array.isArray(servers?.workers) ? (servers.workers as unknown[]).map(String) : [];
  source.checks.forEach((c, i) => {
    for (const ref of checkReferences(c.check)) {
      const path = ['checks', i, ...ref.path];
      if ('step' in ref) problems.add(path, 'a challenge has no fixed step numbers: its checks look at the state after the last step');
      else if ('worker' in ref) {
        if (!workers.includes(ref.worker)) problems.add(path, workers.length ? `unknown worker "${ref.worker}" (start.servers.workers: ${workers.join(', ')})` : `names worker "${ref.worker}", but the start has no servers`);
      } else if (!source.start.profiles.includes(ref.profile)) problems.add(path, `unknown profile "${ref.profile}" (start.profiles: ${source.start.profiles.join(', ')})`);
    }
  });
}
