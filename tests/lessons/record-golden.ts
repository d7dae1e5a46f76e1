// Records every lesson run with the oracle (real Django, ../shared/oracle) into
// tests/lessons/golden/, so that golden.test.ts can hold the lessons to what Django does:
//
//   npx tsx tests/lessons/record-golden.ts [lesson number prefix, e.g. 03]
//
// Needs the oracle's Python packages (see ../shared/oracle/README.md). The tests do not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileLessons } from '../../src/lessons/compile';
import { goldenName, UNRECORDABLE } from './golden-names';

const root = new URL('../../', import.meta.url).pathname;
const oracle = join(root, '../shared/oracle/run.py');

// The oracle's settings always pass its own CACHES, so a scenario's CACHES would clash:
// this wrapper moves the scenario's cache OPTIONS into the oracle's one local-memory cache.
const CACHES_SHIM = `
import runpy, sys
from django.conf import LazySettings
from djsite import config
configure = config.configure
def with_cache_options(overrides=None, file_dir=None):
    overrides = dict(overrides or {})
    options = overrides.pop('CACHES', {}).get('default', {}).get('OPTIONS', {})
    real = LazySettings.configure
    def patched(self, default_settings=None, **values):
        values['CACHES']['default']['OPTIONS'] = options
        return real(self, **values)
    LazySettings.configure = patched
    return configure(overrides, file_dir)
config.configure = with_cache_options
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
`;

const only = process.argv[2] ?? '';
const files = readdirSync(join(root, 'lessons'))
  .filter((name) => /^\d{2}-.*\.md$/.test(name) && name.startsWith(only))
  .map((name) => ({ file: `lessons/${name}`, text: readFileSync(join(root, 'lessons', name), 'utf8') }));
const compiled = compileLessons(files);
if (!compiled.ok) throw new Error(compiled.errors.join('\n'));

const work = mkdtempSync(join(tmpdir(), 'lesson-scenarios-'));
for (const lesson of compiled.value) {
  for (const run of lesson.runs) {
    const name = goldenName(lesson, run);
    if (name in UNRECORDABLE) {
      console.log(`${name}: skipped (${UNRECORDABLE[name]})`);
      continue;
    }
    const scenario = join(work, `${name}.json`);
    writeFileSync(scenario, JSON.stringify(run.scenario, null, 2));
    const args = 'CACHES' in run.scenario.settings
      ? ['-c', CACHES_SHIM, oracle, scenario]
      : [oracle, scenario];
    const transcript = execFileSync('/usr/bin/python3', args, { cwd: join(root, '../shared/oracle'), encoding: 'utf8', env: { ...process.env, PYTHONPATH: join(root, '../shared/oracle') } });
    writeFileSync(join(root, 'tests/lessons/golden', `${name}.json`), transcript);
    console.log(`${name}: recorded`);
  }
}
