import { describe, expect, test } from 'vitest';
import { diffTranscripts, normalizeTranscript } from './compare-transcripts';
import type { Transcript, TranscriptCookie, TranscriptEntry } from '../../src/sim/scenario/transcript';
import signedVariants from './fixtures/signed-variants.json';

const golden = import.meta.glob<Transcript>('../contract/golden/*.json', { eager: true, import: 'default' });
// normalize.py's output for some golden files, recorded with the oracle (Python, real Django).
const pythonNormalized = import.meta.glob<Transcript>('./fixtures/normalized/*.json', {
  eager: true,
  import: 'default',
});

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const goldenByName = new Map(Object.entries(golden).map(([path, t]) => [fileName(path), t]));

// Made-up session keys: 32 characters of a-z0-9, named by their first letter.
const key = (letter: string) => letter.repeat(4) + '0123456789abcdefghijklmnopqr';
const [A, B, C, D, E, F, G, H, I, J, K] = 'abcdefghijk'.split('').map(key);

function cookie(value: string, changes: Partial<TranscriptCookie> = {}): TranscriptCookie {
  return {
    name: 'sessionid',
    value,
    domain: 'shop.example',
    host_only: true,
    path: '/',
    secure: false,
    http_only: true,
    same_site: 'lax',
    expires: '2026-01-15T00:00:00Z',
    ...changes,
  };
}

/** How diffTranscripts heads the lines of a `visit` step. */
const visitAt = (index: number) => `step ${index} (request GET https://shop.example/visits/ [default])`;

function setCookie(value: string): string {
  return `sessionid=${value}; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax`;
}

/** A request step to /visits/ that sent `sent` (a key, or nothing) and got `got` set. */
function visit(sent: string | null, got: string, visits: number): TranscriptEntry {
  return {
    step: { request: { method: 'GET', url: 'https://shop.example/visits/' } },
    clock: '2026-01-01T00:00:00Z',
    request: {
      browser: 'default',
      method: 'GET',
      url: 'https://shop.example/visits/',
      cookie: sent === null ? null : `sessionid=${sent}`,
    },
    response: { status: 200, set_cookie: [setCookie(got)], vary: ['Cookie'], json: { visits } },
    jars: { default: [cookie(got)] },
    store: { db: [{ session_key: got, expire_date: '2026-01-15T00:00:00Z', data: { visits } }] },
  };
}

describe('session keys are relabelled in order of first appearance', () => {
  test('places within a step are visited as normalize.py visits them', () => {
    // One (unrealistic) step that holds a different key in every place.
    const transcript: Transcript = {
      name: 'places',
      steps: [
        {
          step: { request: { method: 'GET', url: `https://shop.example/peek/?key=${K}` } },
          clock: '2026-01-01T00:00:00Z',
          request: {
            browser: 'zed',
            method: 'GET',
            url: `https://shop.example/peek/?key=${K}`,
            cookie: `theme=dark; sessionid=${C}`,
          },
          response: { status: 200, set_cookie: [setCookie(B)], vary: ['Cookie'], json: { session: { note: J } } },
          // Listed zed first: profiles are still visited by name.
          jars: { zed: [cookie(E)], amy: [cookie(F)] },
          store: {
            db: [{ session_key: G, expire_date: '2026-01-15T00:00:00Z', data: {} }],
            cache: [{ key: `django.contrib.sessions.cache${H}`, expires: null, data: {} }],
            files: [{ name: `sessionid${I}`, data: null }],
          },
        },
      ],
    };
    const [entry] = normalizeTranscript(transcript).steps;
    expect(entry.request?.cookie).toBe('theme=dark; sessionid=<k1>');
    expect(entry.response?.set_cookie).toEqual([setCookie('<k2>')]);
    expect(entry.jars).toEqual({ zed: [cookie('<k4>')], amy: [cookie('<k3>')] });
    expect(entry.store.db?.[0].session_key).toBe('<k5>');
    expect(entry.store.cache?.[0].key).toBe('django.contrib.sessions.cache<k6>');
    expect(entry.store.files?.[0].name).toBe('sessionid<k7>');
    expect(entry.response?.json).toEqual({ session: { note: '<k8>' } });
    // Found last (in the step), yet replaced everywhere, the request's url too.
    expect(entry.step).toEqual({ request: { method: 'GET', url: 'https://shop.example/peek/?key=<k9>' } });
    expect(entry.request?.url).toBe('https://shop.example/peek/?key=<k9>');
  });

  test('steps come in order, and a key keeps its label', () => {
    const t: Transcript = { name: 'order', steps: [visit(null, B, 1), visit(B, B, 2), visit(B, A, 1)] };
    const n = normalizeTranscript(t);
    expect(n.steps.map((s) => s.request?.cookie)).toEqual([null, 'sessionid=<k1>', 'sessionid=<k1>']);
    expect(n.steps.map((s) => s.jars.default[0].value)).toEqual(['<k1>', '<k1>', '<k2>']);
  });

  test('a key found only in a file name, a cache key or a JSON body', () => {
    const base = visit(null, A, 1);
    const t: Transcript = {
      name: 'hidden keys',
      steps: [
        { ...base, store: { files: [{ name: `sessionid${B}`, data: { visits: 1 } }] } },
        { ...base, store: { cache: [{ key: `django.contrib.sessions.cache${C}`, expires: null, data: {} }] } },
        { ...base, response: { ...base.response!, json: { session: { stolen: D } } } },
        // Seen before as a key, the text is replaced inside any later string.
        { ...base, response: { ...base.response!, json: { note: `was ${B}, ${C} and ${D}` } } },
      ],
    };
    const n = normalizeTranscript(t);
    expect(n.steps[0].store.files?.[0].name).toBe('sessionid<k2>');
    expect(n.steps[1].store.cache?.[0].key).toBe('django.contrib.sessions.cache<k3>');
    expect(n.steps[2].response?.json).toEqual({ session: { stolen: '<k4>' } });
    expect(n.steps[3].response?.json).toEqual({ note: 'was <k2>, <k3> and <k4>' });
  });

  test('strings that only look like keys in part are left alone', () => {
    const long = A + 'x';
    const upper = A.toUpperCase();
    const t: Transcript = { name: 'look-alikes', steps: [visit(null, long, 1)] };
    t.steps[0].response!.json = { hash: upper };
    const n = normalizeTranscript(t);
    expect(n.steps[0].jars.default[0].value).toBe(long);
    expect(n.steps[0].response?.json).toEqual({ hash: upper });
  });

  test('a key typed into a step as a cookie pair counts', () => {
    const t: Transcript = { name: 'by hand', steps: [visit(null, A, 1)] };
    t.steps.push({
      step: { set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: `x=${B}` } },
      clock: '2026-01-01T00:00:00Z',
      request: null,
      response: null,
      jars: { default: [cookie(`x=${B}`)] },
      store: {},
    });
    const n = normalizeTranscript(t);
    expect(n.steps[1].step).toEqual({ set_cookie_by_hand: { browser: 'default', name: 'sessionid', value: 'x=<k2>' } });
  });

  test('the input is not changed', () => {
    const t: Transcript = { name: 'pure', steps: [visit(null, A, 1)] };
    const copy = structuredClone(t);
    normalizeTranscript(t);
    expect(t).toEqual(copy);
  });
});

describe('store rows', () => {
  test('are re-sorted by their labels, <k2> before <k10>', () => {
    const keys = 'abcdefghijk'.split('').map(key);
    const entry = visit(null, keys[0], 1);
    // Keys first appear in this order (cookies), while the store lists them backwards.
    entry.jars = { default: keys.map((k) => cookie(k, { name: `c${k}` })) };
    entry.store = {
      db: [...keys].reverse().map((k) => ({ session_key: k, expire_date: '2026-01-15T00:00:00Z', data: {} })),
      cache: [...keys].reverse().map((k) => ({ key: `django.contrib.sessions.cache${k}`, expires: null, data: {} })),
      files: [...keys].reverse().map((k) => ({ name: `sessionid${k}`, data: null })),
    };
    const { store } = normalizeTranscript({ name: 'rows', steps: [entry] }).steps[0];
    const labels = ['<k1>', '<k2>', '<k3>', '<k4>', '<k5>', '<k6>', '<k7>', '<k8>', '<k9>', '<k10>', '<k11>'];
    expect(store.db?.map((row) => row.session_key)).toEqual(labels);
    expect(store.cache?.map((row) => row.key)).toEqual(labels.map((l) => `django.contrib.sessions.cache${l}`));
    expect(store.files?.map((row) => row.name)).toEqual(labels.map((l) => `sessionid${l}`));
  });
});

describe('compressed signed values', () => {
  const values = signedVariants.values;
  const canonical =
    '<signed-compressed ts=1vb66i data={"_auth_user_backend":"django.contrib.auth.backends.ModelBackend",' +
    '"cart":["apple","apple","apple","pear","apple","apple"],"user":"Zoë 🍐","visits":3,"！":2,"😀":1}>';

  function holding(value: string): Transcript {
    const entry = visit(null, value, 3);
    entry.store = {};
    return { name: 'signed', steps: [entry] };
  }

  test('verify and become their timestamp and data with sorted keys', () => {
    const [entry] = normalizeTranscript(holding(values.zlib_level_6)).steps;
    expect(entry.jars.default[0].value).toBe(canonical);
    expect(entry.response?.set_cookie).toEqual([setCookie(canonical)]);
  });

  test('other compressions of the same data compare equal', () => {
    expect(diffTranscripts(holding(values.zlib_level_6), holding(values.zlib_level_1))).toEqual([]);
    expect(diffTranscripts(holding(values.zlib_level_6), holding(values.keys_reordered_level_9))).toEqual([]);
  });

  test('a value that does not verify stays as it is and differs', () => {
    const good = values.zlib_level_6;
    // One character of the signature changed (not the last, whose low bits are padding).
    const tampered = good.slice(0, -10) + (good.at(-10) === 'A' ? 'B' : 'A') + good.slice(-9);
    const [entry] = normalizeTranscript(holding(tampered)).steps;
    expect(entry.jars.default[0].value).toBe(tampered);
    const [expected, actual] = [canonical, tampered].map((v) => JSON.stringify(v));
    expect(diffTranscripts(holding(good), holding(tampered))).toContain(
      `${visitAt(0)} jars.default[0].value: expected ${expected}, actual ${actual}`,
    );
  });

  test('uncompressed signed values must match byte for byte', () => {
    const plain = 'eyJ2aXNpdHMiOjF9:1vb66i:1X1SgEhYD_em1zo1n8TVrbtHcz8OZUOsu5W2u328gl8';
    expect(normalizeTranscript(holding(plain)).steps[0].jars.default[0].value).toBe(plain);
  });
});

describe('diffTranscripts', () => {
  test('different random keys, same structure: equal', () => {
    const one: Transcript = { name: 'n', steps: [visit(null, A, 1), visit(A, A, 2), visit(null, B, 1)] };
    const two: Transcript = { name: 'n', steps: [visit(null, C, 1), visit(C, C, 2), visit(null, D, 1)] };
    expect(diffTranscripts(one, two)).toEqual([]);
  });

  test('the same key where a new one was expected is a difference', () => {
    const one: Transcript = { name: 'n', steps: [visit(null, A, 1), visit(null, B, 1)] };
    const two: Transcript = { name: 'n', steps: [visit(null, C, 1), visit(null, C, 1)] };
    expect(diffTranscripts(one, two)).toEqual([
      `${visitAt(1)} response.set_cookie[0]: ` +
        `expected ${JSON.stringify(setCookie('<k2>'))}, actual ${JSON.stringify(setCookie('<k1>'))}`,
      `${visitAt(1)} jars.default[0].value: expected "<k2>", actual "<k1>"`,
      `${visitAt(1)} store.db[0].session_key: expected "<k2>", actual "<k1>"`,
    ]);
  });

  test('a changed cookie attribute is reported with its step and path', () => {
    const expected: Transcript = { name: 'n', steps: [visit(null, A, 1), visit(A, A, 2)] };
    const actual = structuredClone(expected);
    actual.steps[1].jars.default[0].secure = true;
    actual.steps[1].jars.default[0].same_site = 'strict';
    expect(diffTranscripts(expected, actual)).toEqual([
      `${visitAt(1)} jars.default[0].secure: expected false, actual true`,
      `${visitAt(1)} jars.default[0].same_site: expected "lax", actual "strict"`,
    ]);
  });

  test('missing and extra things, a different name and step count', () => {
    const expected: Transcript = { name: 'n', steps: [visit(null, A, 1), visit(A, A, 2)] };
    const actual: Transcript = { name: 'm', steps: [visit(null, A, 1)] };
    actual.steps[0].store = { db: [], cache: [] };
    expect(diffTranscripts(expected, actual)).toEqual([
      'name: expected "n", actual "m"',
      'step count: expected 2, actual 1',
      `${visitAt(0)} store.db[0]: expected ` +
        '{"session_key":"<k1>","expire_date":"2026-01-15T00:00:00Z","data":{"visits":1}}, actual (missing)',
      `${visitAt(0)} store.cache: expected (missing), actual []`,
      expect.stringMatching(
        /^step 1 \(request GET \S+ \[default\]\) \(root\): expected \{"step":.*, actual \(missing\)$/,
      ),
    ]);
  });

  test('values of another type differ even when they look alike', () => {
    const expected: Transcript = { name: 'n', steps: [visit(null, A, 1)] };
    const actual = structuredClone(expected);
    actual.steps[0].response!.json = { visits: '1' };
    expect(diffTranscripts(expected, actual)).toEqual([
      `${visitAt(0)} response.json.visits: expected 1, actual "1"`,
    ]);
  });

  test('steps without a request are named by their kind', () => {
    const entry: TranscriptEntry = {
      step: { advance_seconds: 60 },
      clock: '2026-01-01T00:01:00Z',
      request: null,
      response: null,
      jars: {},
      store: {},
    };
    const later = { ...entry, clock: '2026-01-01T00:02:00Z' };
    expect(diffTranscripts({ name: 'n', steps: [entry] }, { name: 'n', steps: [later] })).toEqual([
      'step 0 (advance_seconds 60) clock: expected "2026-01-01T00:01:00Z", actual "2026-01-01T00:02:00Z"',
    ]);
  });
});

describe('golden transcripts', () => {
  const entries = [...goldenByName.entries()];

  test('are all here', () => {
    expect(entries.length).toBeGreaterThanOrEqual(26);
  });

  test.each(entries)('%s compares equal to itself, and to itself with other keys', (_name, transcript) => {
    expect(diffTranscripts(transcript, transcript)).toEqual([]);
    // Every session key appears somewhere as a whole JSON string (a jar value, a session_key).
    const keys = new Set([...JSON.stringify(transcript).matchAll(/"([a-z0-9]{32})"/g)].map((m) => m[1]));
    let text = JSON.stringify(transcript);
    for (const k of keys) text = text.split(k).join([...k].reverse().join(''));
    const rekeyed = JSON.parse(text) as Transcript;
    // New random keys would also list the store rows in another order.
    for (const entry of rekeyed.steps) {
      entry.store.db?.reverse();
      entry.store.cache?.reverse();
      entry.store.files?.reverse();
    }
    expect(diffTranscripts(transcript, rekeyed)).toEqual([]);
  });

  test.each(entries)('%s with a changed status does not compare equal', (_name, transcript) => {
    const mutated = structuredClone(transcript);
    const index = mutated.steps.findLastIndex((entry) => entry.response !== null);
    mutated.steps[index].response!.status += 1;
    const diff = diffTranscripts(transcript, mutated);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(
      new RegExp(`^step ${index} \\(request .*\\) response\\.status: expected \\d+, actual \\d+$`),
    );
  });

  test.each(['06-signed-cookies-counter-and-cart.json', '11-hijack-replay-signed-cookies.json'])(
    '%s with a compressed signed value altered does not compare equal',
    (name) => {
      const transcript = goldenByName.get(name)!;
      const [index, profile] = transcript.steps.flatMap((entry, i) =>
        Object.entries(entry.jars)
          .filter(([, jar]) => jar[0]?.value.startsWith('.'))
          .map(([p]) => [i, p] as const),
      )[0];
      const mutated = structuredClone(transcript);
      const jarCookie = mutated.steps[index].jars[profile][0];
      // A different character in the payload breaks the signature.
      const { value } = jarCookie;
      jarCookie.value = value.slice(0, 5) + (value[5] === 'A' ? 'B' : 'A') + value.slice(6);
      expect(diffTranscripts(transcript, mutated)).toEqual([
        expect.stringMatching(
          new RegExp(`^step ${index} .* jars\\.${profile}\\[0\\]\\.value: expected "<signed-compressed ts=`),
        ),
      ]);
    },
  );
});

describe('agrees with the oracle\'s normalize.py', () => {
  const fixtures = Object.entries(pythonNormalized).map(([path, t]) => [fileName(path), t] as const);

  test('covers the golden files with signed values and every store place', () => {
    expect(fixtures.map(([name]) => name.slice(0, 2))).toEqual(expect.arrayContaining(['03', '05', '06', '11', '12']));
  });

  test.each(fixtures)('%s', (name, expected) => {
    const transcript = goldenByName.get(name);
    expect(transcript).toBeDefined();
    expect(normalizeTranscript(transcript!)).toEqual(expected);
  });
});
