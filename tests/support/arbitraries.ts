/**
 * fast-check arbitraries for whole playground runs: settings, and sequences
 * of steps over every route of the demo site from several browser profiles,
 * with clock jumps, restarts, hand-set and copied cookies and clearsessions.
 * Shared by tests/sim/properties.test.ts and scripts/fuzz.ts.
 *
 * The route table is written from the contract (section 1), not taken from
 * the engine: properties.test.ts checks it against the engine's ROUTES.
 */
import fc from 'fast-check';
import type { Step } from '../../src/sim/scenario/schema';

export const START = '2026-01-01T00:00:00Z';
export const PROFILES = ['default', 'victim', 'attacker'] as const;
export const SESSION_COOKIE = 'sessionid';
export const EVIL = 'https://evil.example';

/** One new password only: each change runs 260000 PBKDF2 iterations (about half a second). */
export const NEW_PASSWORD = 'fuzz-new-password';

type FormKind = 'item' | 'login' | 'password' | 'none';
type Form = Record<string, string>;

interface SiteRoute {
  path: string;
  method: 'GET' | 'POST';
  form: FormKind;
  /** How often a request picks this route, relative to the others. */
  weight: number;
}

/** The contract's route table. */
export const SITE_ROUTES: SiteRoute[] = [
  { path: '/', method: 'GET', form: 'none', weight: 3 },
  { path: '/visits/', method: 'GET', form: 'none', weight: 8 },
  { path: '/peek/', method: 'GET', form: 'none', weight: 5 },
  { path: '/cart/add/', method: 'POST', form: 'item', weight: 5 },
  { path: '/cart/add-inplace/', method: 'POST', form: 'item', weight: 4 },
  { path: '/login/', method: 'POST', form: 'login', weight: 8 },
  { path: '/logout/', method: 'POST', form: 'none', weight: 5 },
  { path: '/me/', method: 'GET', form: 'none', weight: 5 },
  { path: '/password/', method: 'POST', form: 'password', weight: 1 },
  { path: '/expiry/', method: 'GET', form: 'none', weight: 4 },
  { path: '/clear/', method: 'POST', form: 'none', weight: 3 },
  { path: '/flush/', method: 'POST', form: 'none', weight: 4 },
  { path: '/cycle/', method: 'POST', form: 'none', weight: 4 },
  { path: '/boom/', method: 'GET', form: 'none', weight: 2 },
  { path: '/remember-time/', method: 'POST', form: 'none', weight: 2 },
];

/** No route: a 404. */
const NOT_FOUND: SiteRoute = { path: '/nope/', method: 'GET', form: 'none', weight: 1 };

const ENGINES = ['db', 'cache', 'cached_db', 'file', 'signed_cookies'].map((e) => `django.contrib.sessions.backends.${e}`);

/** Setting overrides; a setting left out keeps the demo site's value. */
export const settingsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    SESSION_ENGINE: fc.constantFrom(...ENGINES),
    SESSION_COOKIE_SAMESITE: fc.constantFrom('Lax', 'Strict', 'None', false),
    SESSION_COOKIE_SECURE: fc.boolean(),
    SESSION_COOKIE_HTTPONLY: fc.boolean(),
    SESSION_SAVE_EVERY_REQUEST: fc.boolean(),
    SESSION_EXPIRE_AT_BROWSER_CLOSE: fc.boolean(),
    SESSION_COOKIE_AGE: fc.constantFrom(60, 600, 1209600),
    // A Domain cookie reaches www.shop.example and can be shadowed by a hand-set host-only one.
    SESSION_COOKIE_DOMAIN: fc.constantFrom(null, '.shop.example'),
    SESSION_COOKIE_PATH: fc.constantFrom('/', '/cart/'),
    CACHES: fc
      .record({ MAX_ENTRIES: fc.integer({ min: 1, max: 6 }), CULL_FREQUENCY: fc.constantFrom(0, 1, 2, 3) })
      .map((OPTIONS) => ({ default: { OPTIONS } })),
  },
  { requiredKeys: ['SESSION_ENGINE'] },
);

const profileArb = fc.constantFrom(...PROFILES);

/** Plain words and odd texts; no lone surrogates (a scenario file is UTF-8). */
const textArb = fc.oneof(
  fc.constantFrom('apple', 'Zoë', '🍪', 'a"b\\c', '<b>&amp;', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
);

const loginFormArb: fc.Arbitrary<Form> = fc.oneof(
  { arbitrary: fc.constant({ username: 'alice', password: 'wonderland' }), weight: 4 },
  { arbitrary: fc.constant({ username: 'bob', password: 'builder' }), weight: 3 },
  { arbitrary: fc.constantFrom('alice', 'bob').map((username) => ({ username, password: NEW_PASSWORD })), weight: 1 },
  { arbitrary: fc.constantFrom<Form>({ username: 'alice', password: 'builder' }, { username: 'mallory', password: 'x' }, {}), weight: 1 },
);

function formArb(kind: FormKind): fc.Arbitrary<Form | undefined> {
  switch (kind) {
    case 'item':
      return fc.option(textArb.map((item) => ({ item })), { freq: 8, nil: undefined });
    case 'login':
      return loginFormArb;
    case 'password':
      return fc.constantFrom<Form>({ new_password: NEW_PASSWORD }, { new_password: '' }, {});
    case 'none':
      return fc.constant(undefined);
  }
}

const expirySecondsArb = fc.constantFrom('none', '0', '1', '5', '60', '3600', '40000000', '-5', 'abc', ' 7 ');

/** A request to one route: sometimes with the other method, over http, to www., or started by another site. */
function routeRequestArb(route: SiteRoute): fc.Arbitrary<Step> {
  return fc
    .record({
      otherMethod: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      scheme: fc.constantFrom('https', 'https', 'https', 'http'),
      host: fc.constantFrom('shop.example', 'shop.example', 'shop.example', 'shop.example', 'www.shop.example'),
      browser: fc.option(profileArb, { freq: 3, nil: undefined }),
      initiator: fc.option(fc.constantFrom(EVIL, EVIL, 'https://www.shop.example'), { freq: 3, nil: undefined }),
      kind: fc.option(fc.constantFrom('navigation' as const, 'fetch' as const), { freq: 2, nil: undefined }),
      seconds: expirySecondsArb,
      form: formArb(route.form),
    })
    .map((r) => {
      const other = route.method === 'GET' ? 'POST' : 'GET';
      const query = route.path === '/expiry/' ? `?seconds=${encodeURIComponent(r.seconds)}` : '';
      return {
        request: {
          method: r.otherMethod ? other : route.method,
          url: `${r.scheme}://${r.host}${route.path}${query}`,
          ...(r.form === undefined ? {} : { form: r.form }),
          ...(r.browser === undefined ? {} : { browser: r.browser }),
          ...(r.initiator === undefined ? {} : { initiator: r.initiator }),
          ...(r.kind === undefined ? {} : { kind: r.kind }),
        },
      };
    });
}

export const requestStepArb: fc.Arbitrary<Step> = fc.oneof(
  ...[...SITE_ROUTES, NOT_FOUND].map((route) => ({ arbitrary: routeRequestArb(route), weight: route.weight })),
);

/** Small steps (the Lax+POST window is 120 s) and jumps past each SESSION_COOKIE_AGE above. */
const advanceArb = fc.oneof(
  fc.integer({ min: 0, max: 130 }),
  fc.constantFrom(59, 60, 61, 120, 121, 599, 600, 601, 3600, 86400, 1209599, 1209600, 1209601, 2419200),
);

/** What a user or an attacker types as a cookie value: short, garbage, a made-up key. */
const handValueArb = fc.oneof(
  fc.constantFrom('', 'x', 'abc1234', 'abcd1234', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', '"quoted"', 'a;b', ' padded ', 'a=b'),
  fc.stringMatching(/^[a-z0-9]{32}$/),
  textArb,
);

/**
 * set_cookie_by_hand with a value the server really issued (a session key or
 * a signed value), picked when the step runs: `pick` indexes the values in
 * the order they first appeared, so the same plan picks the same session
 * whatever keys the seed draws.
 */
export interface StealStep {
  steal: { browser: string; pick: number };
}

export type Action = Step | StealStep;

export const isSteal = (action: Action): action is StealStep => 'steal' in action;

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: requestStepArb, weight: 60 },
  { arbitrary: advanceArb.map((advance_seconds) => ({ advance_seconds })), weight: 10 },
  { arbitrary: profileArb.map((close_browser) => ({ close_browser })), weight: 4 },
  {
    arbitrary: fc.record({
      browser: profileArb,
      name: fc.constantFrom(SESSION_COOKIE, SESSION_COOKIE, SESSION_COOKIE, 'other'),
      value: handValueArb,
    }).map((set_cookie_by_hand) => ({ set_cookie_by_hand })),
    weight: 4,
  },
  { arbitrary: fc.record({ browser: profileArb, pick: fc.nat(20) }).map((steal) => ({ steal })), weight: 5 },
  {
    arbitrary: fc.record({ from: profileArb, to: profileArb, name: fc.constant(SESSION_COOKIE) }).map((copy_cookie) => ({ copy_cookie })),
    weight: 5,
  },
  { arbitrary: fc.constant({ clearsessions: true as const }), weight: 4 },
);

/** A run: settings, the steps, and the seed of the world's random source (its session keys). */
export interface Plan {
  settings: Record<string, unknown>;
  actions: Action[];
  seed: number;
}

export function planArb(maxSteps = 30): fc.Arbitrary<Plan> {
  return fc.record({
    settings: settingsArb,
    actions: fc.array(actionArb, { minLength: 1, maxLength: maxSteps, size: 'max' }),
    seed: fc.nat(),
  });
}

/**
 * Steps the world must refuse (each names what is wrong): they pass the type
 * but not the scenario schema, as a UI might hand them over unchecked.
 */
export const refusedStepArb: fc.Arbitrary<Step> = fc.constantFrom<Step>(
  { request: { method: 'GET', url: '/visits/' } },
  { request: { method: 'POST', url: 'shop.example/login/', form: { username: 'alice', password: 'wonderland' } } },
  { request: { method: 'GET', url: 'https://shop.example/visits/', browser: '' } },
  { request: { method: 'GET', url: 'https://shop.example/visits/', initiator: 'evil.example' } },
  { advance_seconds: -1 },
  { advance_seconds: Number.NaN },
  { advance_seconds: Number.POSITIVE_INFINITY },
  { close_browser: '' },
  { set_cookie_by_hand: { browser: '', name: SESSION_COOKIE, value: 'x' } },
  { copy_cookie: { from: 'default', to: '', name: SESSION_COOKIE } },
);

/** fast-check's run count: NUM_RUNS from the environment (Node), else `fallback`. */
export function numRuns(fallback: number): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = Number(env?.NUM_RUNS);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
