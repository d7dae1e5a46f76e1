/**
 * A playground run as a Django test module: a django.test.TestCase that
 * sends exactly the run's requests with the browser's Cookie headers, on the
 * run's virtual clock (freezegun), and asserts what the playground showed:
 * statuses, Set-Cookie lines, Vary, bodies and the session store after
 * every step. Pure: the same run gives the same text.
 */
import { DEMO_USERS } from '../django/site';
import { SITE_DEFAULTS } from '../django/settings';
import { sessionKeyLabels, labelJson } from './keys';
import { pyLiteral, pyString } from './python';
import { stepKindOf } from '../scenario/steps';
import type { Requirement, StepContext } from './step-context';
import { PY_DEMO_SITE, PY_MAIN, PY_PRELUDE, PY_STANDALONE, PY_TEST_HELPERS } from './django-runtime';
import { exportFileStem, type ExportResult, type RunToExport } from './run';

/** The settings the contract's table pins (section 1): the rest are Django's defaults. */
const CONTRACT_SETTING_NAMES = [
  'SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'SESSION_ENGINE',
  'SESSION_COOKIE_NAME',
  'SESSION_COOKIE_AGE',
  'SESSION_COOKIE_DOMAIN',
  'SESSION_COOKIE_PATH',
  'SESSION_COOKIE_SECURE',
  'SESSION_COOKIE_HTTPONLY',
  'SESSION_COOKIE_SAMESITE',
  'SESSION_SAVE_EVERY_REQUEST',
  'SESSION_EXPIRE_AT_BROWSER_CLOSE',
  'SESSION_SERIALIZER',
] as const;

const CACHE_LOCATION = 'django-session-playground';

export interface DjangoExport extends Extract<ExportResult, { ok: true }> {
  /** The oldest Django the test passes on (4.2 unless a step needs newer), with why. */
  requires: Requirement;
}

const BASELINE: Requirement = { version: [4, 2], reason: 'the demo site and the playground follow Django 4.2 and later' };

export function exportDjangoTest(run: RunToExport): DjangoExport | Extract<ExportResult, { ok: false }> {
  const { scenario, records } = run;
  const workers = scenario.servers?.workers ?? [];
  if (workers.length > 1) {
    return {
      ok: false,
      reason: `the run has ${workers.length} workers (${workers.join(', ')}), and one Django test client is one server process: ` +
        'it cannot choose the worker that serves a request, nor give each worker its own cache or disk',
    };
  }
  const transcript = { name: scenario.name, steps: records.map((r) => r.entry) };
  const label = sessionKeyLabels(scenario.steps, transcript);

  let requires = BASELINE;
  const body: string[] = [];
  records.forEach((record, index) => {
    const step = scenario.steps[index];
    const context: StepContext = { number: index + 1, record, label, jarFile: () => '' };
    body.push('', `# Step ${index + 1}: ${stepKindOf(step).label(step)}`);
    if (record.error !== null) {
      body.push(`# The playground refused this step (${record.error}): nothing happened.`);
    } else {
      body.push(...stepKindOf(step).django(step, context));
      const needed = stepKindOf(step).requires(step, context);
      if (needed && compareVersions(needed.version, requires.version) > 0) requires = needed;
    }
    body.push(`self.assert_store(${pyLiteral(labelJson(record.entry.store, label))})`);
  });

  const hosts = [...new Set(records.flatMap((r) => (r.entry.request ? [new URL(r.entry.request.url).hostname] : [])))].sort();
  const version = requires.version.join('.');
  const text = [
    docstring(scenario.name, records.length, requires),
    PY_PRELUDE,
    settingsBlock(scenario.settings, hosts),
    PY_STANDALONE,
    PY_DEMO_SITE,
    PY_TEST_HELPERS,
    '',
    `@skipUnless(django.VERSION >= (${requires.version.join(', ')}), ${pyString(`needs Django ${version}: ${requires.reason}`)})`,
    'class PlaygroundRunTest(PlaygroundRunTestCase):',
    `    ${pyString(scenario.name)}`,
    '',
    `    start = ${pyString(scenario.start.replace('T', ' ').replace('Z', ''))}`,
    ...(scenario.servers?.cache === 'shared' ? ['    shared_cache = True'] : []),
    '',
    '    def test_run(self):',
    ...body.slice(1).flatMap((line) => line.split('\n')).map((line) => (line === '' ? '' : `        ${line}`)),
    PY_MAIN,
  ].join('\n');
  return {
    ok: true,
    fileName: `test_${exportFileStem(scenario.name).replace(/-/g, '_')}.py`,
    mediaType: 'text/x-python',
    text,
    requires,
  };
}

function docstring(name: string, steps: number, requires: Requirement): string {
  return [
    '"""A playground run as a Django test, exported from the Django Session Playground.',
    '',
    `Run: ${name.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')} (${steps} step${steps === 1 ? '' : 's'}).`,
    '',
    'It defines the demo site (views, URLconf, users, settings) and replays the',
    "run with django.test.Client: each request carries exactly the Cookie header",
    "the playground's browser sent, the clock is frozen at the run's start and",
    'moved only by the run (freezegun), and after every step it asserts the',
    'status, the Set-Cookie lines, Vary, the body and the session store the',
    'playground showed. Session keys are random: <k1>, <k2>, ... stand for them',
    'and are bound to the real keys the first time the test meets them.',
    '',
    'On its own (it configures a minimal project):',
    '',
    '    python3 THIS_FILE.py',
    '',
    'The demo site alone, on Django\'s development server (for the curl export):',
    '',
    '    python3 THIS_FILE.py serve 8000',
    '',
    'Or inside a project with django.contrib.auth and django.contrib.sessions',
    'installed and the default User model: `python manage.py test`.',
    `Needs Django ${requires.version.join('.')} or later (${requires.reason}) and freezegun.`,
    '"""',
  ].join('\n');
}

function settingsBlock(overrides: Record<string, unknown>, hosts: string[]): string {
  const table = Object.fromEntries(CONTRACT_SETTING_NAMES.map((name) => [name, SITE_DEFAULTS[name]]));
  const users = DEMO_USERS.map(({ id, username, password }) => ({ id, username, password }));
  return [
    '',
    '# ---------------------------------------------------------------------------',
    '# Settings and users',
    '# ---------------------------------------------------------------------------',
    '',
    '# The contract\'s table of settings (what the playground starts from).',
    `CONTRACT_SETTINGS = ${pyLiteral(table)}`,
    '',
    '# What this run changed.',
    `RUN_SETTINGS = ${pyLiteral(overrides)}`,
    '',
    '# The rest of the project: the demo site, its middleware, a local-memory cache.',
    'SITE_SETTINGS = {',
    '    "ROOT_URLCONF": __name__,',
    `    "ALLOWED_HOSTS": ${pyLiteral(hosts.length > 0 ? hosts : ['shop.example'])},`,
    '    "MIDDLEWARE": [',
    '        "django.contrib.sessions.middleware.SessionMiddleware",',
    '        "django.contrib.auth.middleware.AuthenticationMiddleware",',
    '    ],',
    '    "PASSWORD_HASHERS": [__name__ + ".PlaygroundPBKDF2PasswordHasher"],',
    '    "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"],',
    `    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ${pyString(CACHE_LOCATION)}}},`,
    '    "USE_TZ": True,',
    '}',
    '',
    '# The stored password fields are exact: _auth_user_hash is derived from them.',
    `USERS = ${pyLiteral(users)}`,
  ].join('\n');
}

function compareVersions(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
