import { describe, expect, test, vi } from 'vitest';
import { contractTest } from '../../support/pending-contract';
import {
  formatScenarioErrors,
  parseScenario,
  parseScenarioJson,
  type ScenarioError,
} from '../../../src/sim/scenario/schema';
import { STEP_REGISTRY } from '../../../src/sim/scenario/steps';

const contractScenarios = import.meta.glob('../../contract/scenarios/*.json', { eager: true, import: 'default' });

const visit = { request: { method: 'GET', url: 'https://shop.example/visits/' } };

function scenarioWith(...steps: unknown[]): Record<string, unknown> {
  return { name: 'test', start: '2026-01-01T00:00:00Z', settings: {}, steps };
}

function errorsOf(input: unknown): ScenarioError[] {
  const result = parseScenario(input, 'lessons/x.json');
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.errors;
}

/** The errors as `step|field` pairs, for the tests that only care where. */
function places(input: unknown): string[] {
  return errorsOf(input).map((e) => `${e.step}|${e.field}`);
}

describe('contract scenarios', () => {
  test('there are scenarios to check', () => {
    expect(Object.keys(contractScenarios).length).toBeGreaterThanOrEqual(36);
  });

  for (const [path, json] of Object.entries(contractScenarios)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    contractTest(name, () => {
      const result = parseScenario(json);
      expect(result.ok ? [] : formatScenarioErrors(result.errors)).toEqual([]);
      // Steps are echoed in transcripts: parsing must neither add defaults nor drop anything.
      expect(result.ok && result.scenario).toEqual(json);
    });
  }
});

describe('a valid scenario', () => {
  test('keeps every step kind with its arguments', () => {
    const steps = [
      {
        request: {
          method: 'POST',
          url: 'http://shop.example/cart/add/',
          form: { item: 'apple' },
          browser: 'laptop',
          initiator: 'https://evil.example',
          kind: 'fetch',
        },
      },
      { advance_seconds: 0.5 },
      { close_browser: 'laptop' },
      { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: '' } },
      { copy_cookie: { from: 'victim', to: 'attacker', name: 'sessionid' } },
      { clearsessions: true },
    ];
    const result = parseScenario(scenarioWith(...steps));
    expect(result).toEqual({ ok: true, scenario: scenarioWith(...steps) });
  });

  test('settings may be left out and mean no overrides', () => {
    const result = parseScenario({ name: 'n', start: '2026-01-01T00:00:00Z', steps: [] });
    expect(result.ok && result.scenario.settings).toEqual({});
  });

  test('setting values are left for the engine to judge', () => {
    const settings = { SESSION_COOKIE_SAMESITE: false, SESSION_COOKIE_AGE: 'ten', ANYTHING: [1] };
    const result = parseScenario({ ...scenarioWith(visit), settings });
    expect(result.ok && result.scenario.settings).toEqual(settings);
  });
});

describe('repeated steps', () => {
  test('a step of the same text is checked once: every copy is the same valid step, frozen', () => {
    const check = vi.spyOn(STEP_REGISTRY.request.schema, 'safeParse');
    try {
      const steps = Array.from({ length: 500 }, () => ({ request: { method: 'GET', url: 'https://shop.example/repeated/' } }));
      const result = parseScenario(scenarioWith(...steps));
      expect(result).toEqual({ ok: true, scenario: scenarioWith(...steps) });
      expect(check).toHaveBeenCalledTimes(1);
      const parsed = result.ok ? result.scenario.steps : [];
      expect(Object.isFrozen(parsed[0]) && Object.isFrozen((parsed[0] as { request: object }).request)).toBe(true);
    } finally {
      check.mockRestore();
    }
  });

  test('a bad step is checked at every place it occurs, each time with its own complaint', () => {
    const bad = { request: { method: 'GET', url: 'not a url at all' } };
    expect(places(scenarioWith(visit, bad, visit, bad))).toEqual(['1|request.url', '3|request.url']);
    // The same text, different input: a NaN (JSON has none) is judged as itself, not as a null seen before.
    const withNull = errorsOf(scenarioWith({ advance_seconds: null }));
    const withNaN = errorsOf(scenarioWith({ advance_seconds: Number.NaN }));
    expect(withNull[0].message).not.toEqual(withNaN[0].message);
  });
});

describe('errors name the step and the field', () => {
  test('two kinds in one step', () => {
    const errors = errorsOf(scenarioWith(visit, { ...visit, advance_seconds: 5 }));
    expect(errors).toEqual([
      expect.objectContaining({ path: ['steps', 1], step: 1, field: '' }),
    ]);
    expect(errors[0].message).toMatch(/request and advance_seconds.*exactly one of/);
  });

  test('an unknown step kind', () => {
    const errors = errorsOf(scenarioWith(visit, visit, { teleport: 'mars' }));
    expect(errors).toEqual([expect.objectContaining({ path: ['steps', 2, 'teleport'], step: 2, field: 'teleport' })]);
    expect(errors[0].message).toMatch(/unknown step kind/);
  });

  test('an unknown key beside a known kind', () => {
    expect(places(scenarioWith({ ...visit, note: 'why' }))).toEqual(['0|note']);
  });

  test('an empty step and a step that is not an object', () => {
    expect(places(scenarioWith({}, 'GET /', [visit]))).toEqual(['0|', '1|', '2|']);
  });

  test('a missing url', () => {
    const errors = errorsOf(scenarioWith(visit, { request: { method: 'GET' } }));
    expect(errors).toEqual([
      {
        path: ['steps', 1, 'request', 'url'],
        step: 1,
        field: 'request.url',
        message: 'is required',
        source: 'lessons/x.json',
      },
    ]);
  });

  test.each([
    ['/visits/'],
    ['shop.example/visits/'],
    ['ftp://shop.example/visits/'],
    ['javascript:alert(1)'],
    [''],
  ])('the url %j is not absolute http(s)', (url) => {
    const errors = errorsOf(scenarioWith({ request: { method: 'GET', url } }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['request.url', 'must be an absolute http:// or https:// URL'],
    ]);
  });

  test('a method that is not a string', () => {
    const errors = errorsOf(scenarioWith({ request: { method: 5, url: 'https://shop.example/' } }));
    expect(errors.map((e) => [e.step, e.field, e.message])).toEqual([[0, 'request.method', 'must be a string, not 5']]);
  });

  test('a method that is not an HTTP method name', () => {
    expect(places(scenarioWith({ request: { method: 'GET /', url: 'https://shop.example/' } }))).toEqual([
      '0|request.method',
    ]);
  });

  test('a negative or non-numeric advance', () => {
    const errors = errorsOf(scenarioWith({ advance_seconds: -1 }, { advance_seconds: '60' }));
    expect(errors.map((e) => [e.step, e.field, e.message])).toEqual([
      [0, 'advance_seconds', 'must be at least 0'],
      [1, 'advance_seconds', 'must be a number, not "60"'],
    ]);
  });

  test('a form value that is not a string', () => {
    const errors = errorsOf(
      scenarioWith({ request: { method: 'POST', url: 'https://shop.example/cart/add/', form: { item: 3 } } }),
    );
    expect(errors.map((e) => [e.step, e.field])).toEqual([[0, 'request.form.item']]);
    expect(errors[0].path).toEqual(['steps', 0, 'request', 'form', 'item']);
  });

  test('a kind that is neither navigation nor fetch', () => {
    const errors = errorsOf(scenarioWith({ request: { ...visit.request, kind: 'xhr' } }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['request.kind', 'must be "navigation" or "fetch", not "xhr"'],
    ]);
  });

  test('an initiator that is not an origin', () => {
    const steps = ['https://evil.example/', 'https://evil.example/page', 'evil.example'].map((initiator) => ({
      request: { ...visit.request, initiator },
    }));
    expect(places(scenarioWith(...steps))).toEqual([
      '0|request.initiator',
      '1|request.initiator',
      '2|request.initiator',
    ]);
  });

  test('a misspelt request field', () => {
    const errors = errorsOf(scenarioWith({ request: { ...visit.request, brower: 'laptop' } }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([['request.brower', 'unknown field']]);
  });

  test('an empty browser name, a missing cookie value, clearsessions not true', () => {
    expect(
      places(
        scenarioWith(
          { request: { ...visit.request, browser: '' } },
          { set_cookie_by_hand: { browser: 'default', name: 'sessionid' } },
          { copy_cookie: { from: 'a', to: 'b' } },
          { clearsessions: false },
          { close_browser: 7 },
        ),
      ),
    ).toEqual([
      '0|request.browser',
      '1|set_cookie_by_hand.value',
      '2|copy_cookie.name',
      '3|clearsessions',
      '4|close_browser',
    ]);
  });

  test.each([
    ['2026-01-01 00:00:00'],
    ['2026-01-01T00:00:00'],
    ['2026-01-01T00:00:00+01:00'],
    ['2026-02-30T00:00:00Z'],
    ['2026-01-01T00:00:00.5Z'],
    ['yesterday'],
  ])('a start time %j that is not a UTC time in whole seconds', (start) => {
    const errors = errorsOf({ ...scenarioWith(visit), start });
    expect(errors.map((e) => [e.step, e.field, e.message])).toEqual([
      [null, 'start', 'must be a UTC time in whole seconds such as 2026-01-01T00:00:00Z'],
    ]);
  });

  test('the scenario\'s own fields', () => {
    expect(places({ steps: {}, settings: [], extra: 1 }).sort()).toEqual(
      ['null|extra', 'null|name', 'null|settings', 'null|start', 'null|steps'].sort(),
    );
  });

  test('every error is reported, not just the first', () => {
    expect(places(scenarioWith({ advance_seconds: -1 }, visit, { request: { url: 'x' } }))).toEqual([
      '0|advance_seconds',
      '2|request.method',
      '2|request.url',
    ]);
  });
});

/*
 * JSON.parse makes "__proto__" an own key like any other; zod leaves such a key out of
 * the records it builds. A key of that name must be kept, or refused by name.
 */
describe('a key named "__proto__"', () => {
  const scenarioText = (steps: string, settings = '{}') =>
    `{"name": "t", "start": "2026-01-01T00:00:00Z", "settings": ${settings}, "steps": [${steps}]}`;

  test('a form field named __proto__ is sent, in its place among the others', () => {
    const result = parseScenarioJson(scenarioText('{"request": {"method": "POST", "url": "https://shop.example/cart/add/", "form": {"item": "kettle", "__proto__": "x", "qty": "2"}}}'));
    if (!result.ok) throw new Error(formatScenarioErrors(result.errors).join('\n'));
    const form = (result.scenario.steps[0] as { request: { form: Record<string, string> } }).request.form;
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
    expect(Object.entries(form)).toEqual([['item', 'kettle'], ['__proto__', 'x'], ['qty', '2']]);
    expect(new URLSearchParams(form).toString()).toBe('item=kettle&__proto__=x&qty=2');
  });

  test('a form field named __proto__ is checked like the others', () => {
    const result = parseScenarioJson(scenarioText('{"request": {"method": "POST", "url": "https://shop.example/cart/add/", "form": {"qty": 2, "__proto__": {"item": "kettle"}}}}'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({ step: 0, field: 'request.form.qty' }),
      expect.objectContaining({ step: 0, field: 'request.form.__proto__' }),
    ]);
    expect(result.errors[1].message).toMatch(/must be a string/);
  });

  test('a deploy of a setting named __proto__ is refused by name', () => {
    const result = parseScenarioJson(scenarioText('{"deploy": {"settings": {"__proto__": {"SESSION_COOKIE_AGE": 5}}}}'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ step: 0, field: 'deploy.settings.__proto__' })]);
    expect(result.errors[0].message).toMatch(/is not a setting the playground models/);
  });

  test("the scenario's own settings keep it, for the engine to refuse", () => {
    const result = parseScenarioJson(scenarioText('', '{"__proto__": {"SESSION_COOKIE_AGE": 5}}'));
    if (!result.ok) throw new Error(formatScenarioErrors(result.errors).join('\n'));
    expect(Object.keys(result.scenario.settings)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result.scenario.settings)).toBe(Object.prototype);
  });
});

describe('formatScenarioErrors', () => {
  test('one line per error, with the file, the step and the field', () => {
    const result = parseScenario(
      { ...scenarioWith(visit, visit, visit, { request: { method: 'GET', url: '/me/' } }, {}), start: 'now' },
      'lessons/x.json',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatScenarioErrors(result.errors)).toEqual([
      'lessons/x.json: field start: must be a UTC time in whole seconds such as 2026-01-01T00:00:00Z',
      'lessons/x.json: step 4 (steps[3]), field request.url: must be an absolute http:// or https:// URL',
      expect.stringMatching(/^lessons\/x\.json: step 5 \(steps\[4\]\): is empty: a step has exactly one of request, advance_seconds/),
    ]);
  });

  test('the file named by the caller wins; without any, the line says "scenario"', () => {
    const errors = errorsOf(scenarioWith({ advance_seconds: -1 })).map(({ source: _source, ...rest }) => rest);
    expect(formatScenarioErrors(errors)).toEqual(['scenario: step 1 (steps[0]), field advance_seconds: must be at least 0']);
    expect(formatScenarioErrors(errors, 'a.json')).toEqual([
      'a.json: step 1 (steps[0]), field advance_seconds: must be at least 0',
    ]);
  });
});

describe('parseScenarioJson', () => {
  test('parses and validates', () => {
    const result = parseScenarioJson(JSON.stringify(scenarioWith(visit)), 'x.json');
    expect(result).toEqual({ ok: true, scenario: scenarioWith(visit) });
    const refused = parseScenarioJson(JSON.stringify(scenarioWith({ advance_seconds: -1 })), 'x.json');
    expect(!refused.ok && formatScenarioErrors(refused.errors)).toEqual([
      'x.json: step 1 (steps[0]), field advance_seconds: must be at least 0',
    ]);
  });

  test('invalid JSON says where', () => {
    const text = '{\n  "name": "n",\n  "start": "2026-01-01T00:00:00Z",,\n  "steps": []\n}';
    const result = parseScenarioJson(text, 'lessons/broken.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: [], step: null, field: '' });
    const [line] = formatScenarioErrors(result.errors);
    // The second comma on line 3 is the 35th character of that line.
    expect(line).toMatch(/^lessons\/broken\.json: is not valid JSON at line 3, column 35: \S/);
    expect(line).not.toContain('\n');
  });

  test('an empty or truncated file is invalid JSON too', () => {
    for (const text of ['', '{"name": "n"']) {
      const result = parseScenarioJson(text, 'f.json');
      expect(!result.ok && formatScenarioErrors(result.errors)).toEqual([
        expect.stringMatching(/^f\.json: is not valid JSON/),
      ]);
    }
  });

  test('JSON that is valid but not a scenario is reported as a scenario error', () => {
    const result = parseScenarioJson('[1, 2]', 'f.json');
    expect(!result.ok && formatScenarioErrors(result.errors)).toEqual(['f.json: must be an object, not a list']);
  });
});
