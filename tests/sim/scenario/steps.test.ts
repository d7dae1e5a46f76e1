import { describe, expect, test } from 'vitest';
import { STEP_KINDS, STEP_REGISTRY, stepKindOf, type Step } from '../../../src/sim/scenario/steps';
import { parseScenario } from '../../../src/sim/scenario/schema';

const START = '2026-01-01T00:00:00Z';
const visits: Step = { request: { method: 'GET', url: 'https://shop.example/visits/' } };

describe('the step registry: every kind answers every question', () => {
  test('the kinds, in the order the contract lists them', () => {
    expect(STEP_KINDS).toEqual(['request', 'advance_seconds', 'close_browser', 'set_cookie_by_hand', 'copy_cookie', 'clearsessions', 'deploy', 'restart_server', 'restart_cache']);
  });

  test.each(STEP_KINDS)('%s: its schema takes only a step of its own kind', (kind) => {
    const schema = STEP_REGISTRY[kind].schema;
    expect(schema.safeParse({}).success).toBe(false);
    const other = STEP_KINDS.find((k) => k !== kind)!;
    expect(schema.safeParse({ [other]: true }).success).toBe(false);
  });
});

describe('what a step names, asked of its kind', () => {
  test('the worker and where it is written, for the cross-step check', () => {
    expect(stepKindOf(visits).worker(visits)).toBeNull();
    const pinned: Step = { request: { ...visits.request as object, worker: 'b' } as never };
    expect(stepKindOf(pinned).worker(pinned)).toEqual({ name: 'b', path: ['request', 'worker'] });
    expect(stepKindOf({ restart_server: 'a' }).worker({ restart_server: 'a' })).toEqual({ name: 'a', path: ['restart_server'] });
    expect(stepKindOf({ restart_server: 'all' }).worker({ restart_server: 'all' })).toBeNull();
    expect(stepKindOf({ clearsessions: true }).worker({ clearsessions: true })).toBeNull();
  });

  test('an unknown worker is reported at the field that names it, for any kind', () => {
    const result = parseScenario({ name: 'workers', start: START, servers: { workers: ['a'] }, steps: [{ clearsessions: 'z' }, { restart_server: 'z' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([['steps', 0, 'clearsessions'], ['steps', 1, 'restart_server']]);
  });

  test('restart_cache says what it needs of the servers', () => {
    const step: Step = { restart_cache: true };
    expect(stepKindOf(step).serverProblems(step, { workers: ['a', 'b'], cache: 'shared' })).toEqual([]);
    expect(stepKindOf(step).serverProblems(step, { workers: ['a', 'b'] })[0].message).toMatch(/needs servers with "cache": "shared"/);
    expect(stepKindOf(visits).serverProblems(visits, undefined)).toEqual([]);
  });

  test('only a hand edit writes a cookie value of its own into a jar', () => {
    const edit: Step = { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: 'forged' } };
    expect(stepKindOf(edit).cookiesWritten(edit)).toEqual([{ name: 'sessionid', value: 'forged' }]);
    const copy: Step = { copy_cookie: { from: 'a', to: 'b', name: 'sessionid' } };
    expect(stepKindOf(copy).cookiesWritten(copy)).toEqual([]);
  });

  test('only a deploy has a release, and it can deploy another one', () => {
    const step: Step = { deploy: { settings: { SECRET_KEY: 'new' } } };
    expect(stepKindOf(step).release(step)).toEqual({ SECRET_KEY: 'new' });
    expect(stepKindOf(step).withRelease(step, { SECRET_KEY: 'new', SESSION_COOKIE_AGE: 60 })).toEqual({ deploy: { settings: { SECRET_KEY: 'new', SESSION_COOKIE_AGE: 60 } } });
    expect(stepKindOf(visits).release(visits)).toBeNull();
    expect(stepKindOf(visits).withRelease(visits, { SECRET_KEY: 'x' })).toBe(visits);
  });
});
