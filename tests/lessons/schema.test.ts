import { describe, expect, test } from 'vitest';
import { compileLesson, compileLessons } from '../../src/lessons/compile';

const FILE = 'lessons/05-broken.md';

const FRONT = `title: A small lesson
goals:
  - Watch a counter
start: 2026-01-01T00:00:00Z
steps:
  - request: { method: GET, url: "https://shop.example/visits/" }
    checks:
      - label: the jar holds sessionid
        jar: { has: sessionid }
  - request: { method: GET, url: "https://shop.example/visits/" }
    predict:
      - panels: [network, server]
        explanation: The row changes.
    checks:
      - label: same key as before
        jar: { has: sessionid, same_value_as: { step: 1 } }
quiz:
  - question: Where is the count?
    options:
      - text: On the server
        correct: true
      - text: In the cookie
    explanation: The cookie holds a key.
  - panels: [network]
    step: 2
    explanation: A read only.
summary: A counter, two visits.
minutes: 3`;

const BODY = `Intro.

## Step 1: First visit

Narration one.

## Step 2: Second visit

Narration two.

## Recap

Done.
`;

const lesson = (front = FRONT, body = BODY) => `---\n${front}\n---\n\n${body}`;

function errorsOf(text: string, file = FILE): string[] {
  const result = compileLesson(file, text, { number: 5, slug: 'broken' });
  if (result.ok) throw new Error('expected the lesson to be refused');
  return result.errors;
}

/** The front matter with one line (or block of lines) replaced. */
function edit(find: string, replace: string): string {
  expect(FRONT).toContain(find);
  return lesson(FRONT.replace(find, replace));
}

describe('a valid lesson', () => {
  test('compiles: steps, narration and Markdown rendered to HTML', () => {
    const result = compileLesson(FILE, lesson(), { number: 5, slug: 'broken' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const compiled = result.value;
    expect(compiled.introHtml).toBe('<p>Intro.</p>\n');
    expect(compiled.steps.map((s) => [s.number, s.titleHtml, s.narrationHtml])).toEqual([
      [1, 'First visit', '<p>Narration one.</p>\n'],
      [2, 'Second visit', '<p>Narration two.</p>\n'],
    ]);
    expect(compiled.recapHtml).toBe('<p>Done.</p>\n');
    expect(compiled.steps[1].checks).toEqual([
      { labelHtml: 'same key as before', run: null, check: { jar: { profile: 'default', has: 'sessionid', same_value_as: { step: 1 } } } },
    ]);
    expect(compiled.steps[1].predict).toEqual([
      { kind: 'panels', questionHtml: 'Which of these will change at this step?', answer: ['network', 'server'], explanationHtml: '<p>The row changes.</p>\n', step: 2, run: null },
    ]);
    expect(compiled.quiz[0]).toMatchObject({ kind: 'choice', multiple: false, step: null, options: [{ correct: true, check: null }, { correct: false }] });
    expect(compiled.runs).toEqual([{
      id: 'main',
      label: 'A small lesson',
      scenario: {
        name: 'A small lesson',
        start: '2026-01-01T00:00:00Z',
        settings: {},
        steps: [
          { request: { method: 'GET', url: 'https://shop.example/visits/' } },
          { request: { method: 'GET', url: 'https://shop.example/visits/' } },
        ],
      },
    }]);
  });

  test('runs: the same steps under each run\'s settings, over the lesson\'s', () => {
    const result = compileLesson(FILE, edit('start: 2026-01-01T00:00:00Z', `start: 2026-01-01T00:00:00Z
settings: { SESSION_COOKIE_AGE: 60 }
runs:
  - { id: db, label: Database }
  - { id: cache, label: Cache, settings: { SESSION_ENGINE: django.contrib.sessions.backends.cache } }`), { number: 5, slug: 'broken' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.runs.map((r) => [r.id, r.scenario.name, r.scenario.settings])).toEqual([
      ['db', 'A small lesson (Database)', { SESSION_COOKIE_AGE: 60 }],
      ['cache', 'A small lesson (Cache)', { SESSION_COOKIE_AGE: 60, SESSION_ENGINE: 'django.contrib.sessions.backends.cache' }],
    ]);
  });

  test('a deploy changes only the settings it names: the run\'s and earlier releases\' carry over', () => {
    const result = compileLesson(FILE, edit('start: 2026-01-01T00:00:00Z', `start: 2026-01-01T00:00:00Z
settings: { SESSION_COOKIE_AGE: 60 }
runs:
  - { id: db, label: Database }
  - { id: cache, label: Cache, settings: { SESSION_ENGINE: django.contrib.sessions.backends.cache } }`)
      .replace('  - request: { method: GET, url: "https://shop.example/visits/" }\n    predict:', `  - deploy: { settings: { SECRET_KEY: new-key, SECRET_KEY_FALLBACKS: [old-key] } }
  - deploy: { settings: { SECRET_KEY_FALLBACKS: [] } }
    predict:`)
      .replace('        jar: { has: sessionid, same_value_as: { step: 1 } }', '        store: { place: db, count: 1 }')
      .replace('## Step 2: Second visit\n\nNarration two.', '## Step 2: Deploy\n\nA release.\n\n## Step 3: Another\n\nAnother release.')
      .replace('    step: 2\n', '    step: 3\n'), { number: 5, slug: 'broken' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.runs.map((r) => [r.id, r.scenario.steps.slice(1)])).toEqual([
      ['db', [
        { deploy: { settings: { SESSION_COOKIE_AGE: 60, SECRET_KEY: 'new-key', SECRET_KEY_FALLBACKS: ['old-key'] } } },
        { deploy: { settings: { SESSION_COOKIE_AGE: 60, SECRET_KEY: 'new-key', SECRET_KEY_FALLBACKS: [] } } },
      ]],
      ['cache', [
        { deploy: { settings: { SESSION_COOKIE_AGE: 60, SESSION_ENGINE: 'django.contrib.sessions.backends.cache', SECRET_KEY: 'new-key', SECRET_KEY_FALLBACKS: ['old-key'] } } },
        { deploy: { settings: { SESSION_COOKIE_AGE: 60, SESSION_ENGINE: 'django.contrib.sessions.backends.cache', SECRET_KEY: 'new-key', SECRET_KEY_FALLBACKS: [] } } },
      ]],
    ]);
  });

  test('servers: the lesson\'s, or a run\'s own instead', () => {
    const result = compileLesson(FILE, edit('start: 2026-01-01T00:00:00Z', `start: 2026-01-01T00:00:00Z
servers: { workers: [a, b] }
runs:
  - { id: two, label: Two workers }
  - { id: shared, label: A shared cache, servers: { workers: [a, b], cache: shared } }`).replace('        jar: { has: sessionid }', '        store: { place: cache, worker: b, count: 0 }'), { number: 5, slug: 'broken' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.runs.map((r) => [r.id, r.scenario.servers])).toEqual([
      ['two', { workers: ['a', 'b'] }],
      ['shared', { workers: ['a', 'b'], cache: 'shared' }],
    ]);
    expect(result.value.steps[0].checks[0].check).toEqual({ store: { place: 'cache', worker: 'b', count: 0 } });
  });
});

describe('a broken lesson names the file and the field', () => {
  test('servers: their shape, and the workers that steps and checks name', () => {
    expect(errorsOf(edit('start: 2026-01-01T00:00:00Z', 'start: 2026-01-01T00:00:00Z\nservers: { workers: [a, a], cache: local }'))).toEqual([
      `${FILE}: servers.workers: must not name a worker twice (line 6)`,
      `${FILE}: servers.cache: must be "per_worker" or "shared", not "local" (line 6)`,
    ]);
    expect(errorsOf(edit('start: 2026-01-01T00:00:00Z', 'start: 2026-01-01T00:00:00Z\nservers: { workers: [a, b] }')
      .replace('url: "https://shop.example/visits/" }\n    checks:', 'url: "https://shop.example/visits/", worker: c }\n    checks:'))).toEqual([
      `${FILE}: steps[0].request.worker: unknown worker "c" (workers: a, b) (line 8)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        worker: a'))).toEqual([
      `${FILE}: steps[0].checks[0].worker: names worker "a", but the lesson has no servers (line 10)`,
    ]);
    expect(errorsOf(edit('start: 2026-01-01T00:00:00Z', 'start: 2026-01-01T00:00:00Z\nservers: { workers: [a, b] }')
      .replace('        jar: { has: sessionid }', '        session: { worker: c, missing: true }'))).toEqual([
      `${FILE}: steps[0].checks[0].session.worker: unknown worker "c" (workers: a, b) (line 11)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        store: { place: db, worker: a, count: 1 }'))).toEqual([
      `${FILE}: steps[0].checks[0].store.worker: only goes with place: cache or files (the database is shared by every worker) (line 10)`,
    ]);
  });

  test('a misspelt front matter field', () => {
    expect(errorsOf(edit('title:', 'titel:'))).toEqual([
      `${FILE}: title: is required (line 2)`,
      `${FILE}: titel: unknown field (line 2)`,
    ]);
  });

  test('a card needs a one-line summary and a time in whole minutes', () => {
    expect(errorsOf(edit('summary: A counter, two visits.\n', ''))).toEqual([`${FILE}: summary: is required (line 2)`]);
    expect(errorsOf(edit('summary: A counter, two visits.', `summary: ${'a'.repeat(141)}`))).toEqual([`${FILE}: summary: must be at most 140 characters (line 28)`]);
    expect(errorsOf(edit('summary: A counter, two visits.', 'summary: "two\\nlines"'))).toEqual([`${FILE}: summary: must be one line (line 28)`]);
    expect(errorsOf(edit('minutes: 3', 'minutes: 0'))).toEqual([`${FILE}: minutes: must be at least 1 (line 29)`]);
    expect(errorsOf(edit('minutes: 3', 'minutes: 2.5'))).toEqual([`${FILE}: minutes: must be a whole number, not 2.5 (line 29)`]);
  });

  test('a single-choice question offers at most four options; feedback belongs to one option', () => {
    const five = edit('      - text: In the cookie\n', '      - text: In the cookie\n      - text: In a header\n      - text: In the URL\n      - text: Nowhere\n');
    expect(errorsOf(five)).toEqual([`${FILE}: quiz[0].options: 5 options: a question offers at most 4 (or add multiple: true) (line 21)`]);
    const result = compileLesson(FILE, edit('      - text: In the cookie\n', '      - text: In the cookie\n        feedback: The cookie holds **only** the key.\n'), { number: 5, slug: 'broken' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.quiz[0]).toMatchObject({ options: [{ feedbackHtml: null }, { feedbackHtml: 'The cookie holds <strong>only</strong> the key.' }] });
    expect([result.value.summary, result.value.minutes]).toEqual(['A counter, two visits.', 3]);
  });

  test('a field of the wrong type, and an empty list', () => {
    expect(errorsOf(edit('goals:\n  - Watch a counter', 'goals: []'))).toEqual([`${FILE}: goals: needs at least 1 item (line 3)`]);
    expect(errorsOf(edit('    step: 2', '    step: two'))).toEqual([`${FILE}: quiz[1].step: must be a number, not "two" (line 26)`]);
  });

  test('an unknown check type', () => {
    expect(errorsOf(edit('        jar: { has: sessionid }', '        cookie_jar: { has: sessionid }'))).toEqual([
      `${FILE}: steps[0].checks[0].cookie_jar: unknown check type: a check has exactly one of jar, request, exchange, clock, status, set_cookie, vary, store, session, cookie_data, decision, json, event, page_can_read, worker, release, took, changes (line 10)`,
      `${FILE}: steps[0].checks[0]: a check has exactly one of jar, request, exchange, clock, status, set_cookie, vary, store, session, cookie_data, decision, json, event, page_can_read, worker, release, took, changes (line 9)`,
    ]);
  });

  test('a check with two kinds, or a bad field inside its kind', () => {
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { has: sessionid }\n        status: 200'))).toEqual([
      `${FILE}: steps[0].checks[0]: a check has exactly one of jar, request, exchange, clock, status, set_cookie, vary, store, session, cookie_data, decision, json, event, page_can_read, worker, release, took, changes (found jar and status) (line 9)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { has: sessionid, lacks: sessionid }'))).toEqual([
      `${FILE}: steps[0].checks[0].jar: needs exactly one of has, lacks (found has and lacks) (line 10)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { has: sessionid, httponly: true }'))).toEqual([
      `${FILE}: steps[0].checks[0].jar.httponly: unknown field (line 10)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        store: { place: redis, count: 1 }'))).toEqual([
      `${FILE}: steps[0].checks[0].store.place: must be "db" or "cache" or "files", not "redis" (line 10)`,
    ]);
  });

  test('a profile no step has named yet', () => {
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { profile: atacker, has: sessionid }'))).toEqual([
      `${FILE}: steps[0].checks[0].jar.profile: unknown profile "atacker" at Step 1 (profiles by then: default) (line 10)`,
    ]);
  });

  test('a step number that does not exist, or that lies ahead; a key given twice', () => {
    expect(errorsOf(edit('same_value_as: { step: 1 }', 'same_value_as: { step: 9 }'))).toEqual([
      `${FILE}: steps[1].checks[0].jar.same_value_as.step: Step 9 does not exist: the lesson has 2 steps (line 17)`,
    ]);
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { has: sessionid, differs_from: { step: 2 } }'))).toEqual([
      `${FILE}: steps[0].checks[0].jar.differs_from.step: Step 2 comes after Step 1: a check can only look back (line 10)`,
    ]);
    expect(errorsOf(edit('    step: 2', '    step: 3'))).toEqual([`${FILE}: quiz[1].step: Step 3 does not exist: the lesson has 2 steps (line 26)`]);
    expect(errorsOf(edit('    step: 2', '    explanation: twice'))).toEqual([`${FILE}: front matter: Map keys must be unique (line 27)`]);
  });

  test('a bad scenario step', () => {
    expect(errorsOf(edit('  - request: { method: GET, url: "https://shop.example/visits/" }\n    checks:', '  - request: { method: GET, url: "shop.example/visits/" }\n    checks:'))).toEqual([
      `${FILE}: steps[0].request.url: must be an absolute http:// or https:// URL (line 7)`,
    ]);
    expect(errorsOf(edit('  - request: { method: GET, url: "https://shop.example/visits/" }\n    predict:', '  - advance_seconds: 10\n    request: { method: GET, url: "https://shop.example/visits/" }\n    predict:'))).toEqual([
      `${FILE}: steps[1]: has both advance_seconds and request: a step has exactly one of request, advance_seconds, close_browser, set_cookie_by_hand, copy_cookie, clearsessions, deploy, restart_server, restart_cache (line 11)`,
    ]);
    expect(errorsOf(edit('  - request: { method: GET, url: "https://shop.example/visits/" }\n    predict:', '  - advance_secs: 10\n    predict:'))).toEqual([
      `${FILE}: steps[1].advance_secs: unknown step kind: a step has exactly one of request, advance_seconds, close_browser, set_cookie_by_hand, copy_cookie, clearsessions, deploy, restart_server, restart_cache (line 11)`,
    ]);
  });

  test('a bad start time or setting, as the scenario and the engine see them', () => {
    expect(errorsOf(edit('start: 2026-01-01T00:00:00Z', 'start: 2026-02-30T00:00:00Z'))).toEqual([
      `${FILE}: start: must be a UTC time in whole seconds such as 2026-01-01T00:00:00Z (line 5)`,
    ]);
    const errors = errorsOf(edit('start: 2026-01-01T00:00:00Z', 'start: 2026-01-01T00:00:00Z\nsettings: { SESSION_ENGINE: redis }'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${FILE}: settings\\.SESSION_ENGINE: must be one of django\\.contrib\\.sessions\\.backends\\.db, .* \\(line 6\\)$`));
    expect(errorsOf(edit('start: 2026-01-01T00:00:00Z', `start: 2026-01-01T00:00:00Z
runs:
  - { id: db, label: Database }
  - { id: pickled, label: Pickle, settings: { SESSION_SERIALIZER: django.contrib.sessions.serializers.PickleSerializer } }`))[0]).toMatch(
      new RegExp(`^${FILE}: runs\\[1\\]\\.settings\\.SESSION_SERIALIZER: must be .*PickleSerializer was removed in Django 5\\.0`),
    );
  });

  test('runs: unknown or needless run names, duplicate ids', () => {
    expect(errorsOf(edit('        jar: { has: sessionid }', '        jar: { has: sessionid }\n        run: cache'))).toEqual([
      `${FILE}: steps[0].checks[0].run: this lesson has a single run: leave run out (or add runs) (line 11)`,
    ]);
    const withRuns = (checkRun: string) => edit('start: 2026-01-01T00:00:00Z', `start: 2026-01-01T00:00:00Z
runs:
  - { id: db, label: Database }
  - { id: db, label: Again }`).replace('        jar: { has: sessionid }', `        jar: { has: sessionid }\n        run: ${checkRun}`);
    expect(errorsOf(withRuns('files'))).toEqual([
      `${FILE}: runs[1].id: "db" is already the id of runs[0] (line 8)`,
      `${FILE}: steps[0].checks[0].run: unknown run "files" (runs: db, db) (line 14)`,
    ]);
  });

  test('questions: no correct option, several without multiple, a quiz check without a step', () => {
    expect(errorsOf(edit('        correct: true\n', ''))).toEqual([`${FILE}: quiz[0].options: no option is marked correct: true (line 21)`]);
    expect(errorsOf(edit('      - text: In the cookie', '      - text: In the cookie\n        correct: true'))).toEqual([
      `${FILE}: quiz[0].options: 2 options are correct: add multiple: true, or mark one (line 21)`,
    ]);
    expect(errorsOf(edit('      - text: In the cookie', '      - text: In the cookie\n        check: { store: { place: db, count: 1 } }'))).toEqual([
      `${FILE}: quiz[0].options[1].check: an option's check needs the question's step: the step whose state it looks at (line 24)`,
    ]);
    expect(errorsOf(edit('  - panels: [network]\n    step: 2', '  - panels: [network]'))).toEqual([
      `${FILE}: quiz[1].step: a quiz question about panels needs the step it is about (line 25)`,
    ]);
    expect(errorsOf(edit('  - panels: [network, server]', '  - panels: [network, disk]'))).toEqual([
      `${FILE}: steps[1].predict[0].panels[1]: must be "browser" or "network" or "server", not "disk" (line 13)`,
    ]);
  });

  test('YAML that does not parse', () => {
    expect(errorsOf(edit('title: A small lesson', 'title: [A small lesson'))).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}: front matter: .* \\(line \\d+\\)$`)),
    ]);
    expect(errorsOf('# no front matter\n')).toEqual([`${FILE}: front matter: the file must start with YAML front matter between two --- lines`]);
  });

  test('narration: every step needs its "## Step N: title" section, in order', () => {
    expect(errorsOf(lesson(FRONT, BODY.replace('## Step 2: Second visit\n\nNarration two.\n\n', '')))).toEqual([
      `${FILE}: body: narration missing for Step 2: every step needs a "## Step N: title" section`,
    ]);
    expect(errorsOf(lesson(FRONT, BODY.replace('## Step 2: Second visit', '## Step 3: Second visit')))).toEqual([
      `${FILE}: body: "## Step 3" is out of order: expected "## Step 2: …" (line 38)`,
    ]);
    expect(errorsOf(lesson(FRONT, BODY.replace('## Recap', '## Summary')))).toEqual([
      `${FILE}: body: unexpected heading "## Summary": sections are "## Step N: title" and an optional last "## Recap" (line 42)`,
    ]);
    expect(errorsOf(lesson(FRONT, BODY.replace('Narration two.', '')))).toEqual([`${FILE}: body: "## Step 2" has no narration (line 38)`]);
  });
});

describe('the lesson set', () => {
  test('file names carry a two-digit number; numbers are unique', () => {
    const result = compileLessons([
      { file: 'lessons/01-a.md', text: lesson() },
      { file: 'lessons/01-b.md', text: lesson() },
      { file: 'lessons/intro.md', text: lesson() },
    ]);
    expect(result.ok ? [] : result.errors).toEqual([
      'lessons/01-b.md: file name: number 01 is already used by lessons/01-a.md',
      'lessons/intro.md: file name: must look like 01-some-slug.md (two digits, a dash, lowercase words)',
    ]);
  });

  test('lessons come out in the order of their numbers', () => {
    const result = compileLessons([
      { file: 'lessons/02-b.md', text: lesson() },
      { file: 'lessons/01-a.md', text: lesson() },
    ]);
    expect(result.ok && result.value.map((l) => [l.number, l.slug])).toEqual([[1, 'a'], [2, 'b']]);
  });
});
