/**
 * Session keys are random: the keys of the playground's run are not the keys
 * real Django will make. An export writes each key Django issued as a label
 * (<k1>, <k2>, … in the order they first appear) that the exported test
 * binds to the real key the first time it sees it. Keys the scenario itself
 * contains (a made-up key typed by hand) are inputs, and stay as written.
 */
import { setCookiePair } from '../browser/cookieText.ts';
import type { Transcript } from '../scenario/transcript.ts';

const SESSION_KEY = /^[a-z0-9]{32}$/;

/** A row of any store place: a db row, a cache entry or a session file. */
type StoreRow = { session_key?: string; key?: string; name?: string };

/** A function that writes every issued key of `transcript` as its label. */
export function sessionKeyLabels(steps: readonly unknown[], transcript: Transcript): (text: string) => string {
  const typed = JSON.stringify(steps);
  const labels = new Map<string, string>();
  const see = (candidate: string) => {
    if (SESSION_KEY.test(candidate) && !labels.has(candidate) && !typed.includes(candidate)) {
      labels.set(candidate, `<k${labels.size + 1}>`);
    }
  };
  for (const entry of transcript.steps) {
    // Django issues a key in a Set-Cookie, or only in its store (a response the browser never saw).
    for (const line of entry.response?.set_cookie ?? []) see(setCookiePair(line).value);
    // Every place: db rows by session_key, cache entries (…cache<key>) and files (sessionid<key>) of every worker.
    for (const rows of Object.values(entry.store) as StoreRow[][]) {
      for (const row of rows) see(row.session_key ?? (row.key ?? row.name ?? '').slice(-32));
    }
  }
  if (labels.size === 0) return (text) => text;
  const anyKey = new RegExp([...labels.keys()].join('|'), 'g');
  return (text) => text.replace(anyKey, (key) => labels.get(key)!);
}

/** `value` with every string (object keys included) passed through `label`. */
export function labelJson(value: unknown, label: (text: string) => string): unknown {
  if (typeof value === 'string') return label(value);
  if (Array.isArray(value)) return value.map((item) => labelJson(item, label));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [label(key), labelJson(item, label)]));
  }
  return value;
}
