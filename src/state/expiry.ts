/**
 * The expiry timeline of a run, as data: for every session cookie, stored
 * session and signed value, when it appeared, when it went (and why), and the
 * deadline it carried (the cookie's Expires, the row's expire_date, the cache
 * entry's expiry, the signature's age limit). Read off the run's frames, so
 * the picture shows only what the simulation did.
 */
import { parseIsoUtc } from '../sim/clock';
import { SIGNED_COOKIES_SALT } from '../sim/django/sessions/signedCookies';
import { inspectSigned } from '../sim/django/signing';
import { engineName } from '../sim/django/settings';
import { stepKindOf } from '../sim/scenario/steps';
import type { CacheEntry, FileEntry } from '../sim/scenario/transcript';
import type { RecordedFrame } from './frames';

export type BarKind = 'cookie' | 'row' | 'cache' | 'file' | 'signature';

/** How it went: 'expired', 'browser restart', 'replaced', 'deleted', 'clearsessions', or the server step that took it ("restart cache"). */
export type Ending = string;

export interface Bar {
  id: string;
  kind: BarKind;
  /** The browser profile, for a cookie or a signature. */
  profile: string | null;
  /** The session key or signed value (its chip). */
  value: string;
  /** Where a stored session lives: db, cache, files, or a worker's own (cache@a); null for a cookie or signature. */
  place: string | null;
  /** ms since the epoch. */
  start: number;
  /** When it went; null while it is still there at the end of the run. */
  end: number | null;
  ending: Ending | null;
  /** The deadline it carried last (null: none, e.g. a cookie that ends with the browser). */
  deadline: number | null;
}

export interface Marker {
  at: number;
  frame: number;
  kind: 'browser restart' | 'clearsessions' | 'server';
  label: string;
}

export interface ExpiryTimeline {
  start: number;
  /** The clock after the last step. */
  end: number;
  bars: Bar[];
  markers: Marker[];
  /** Every moment the axis marks (starts, ends, deadlines, markers), in order: evenly spaced when drawn. */
  stops: number[];
}

interface Seen {
  kind: BarKind;
  profile: string | null;
  value: string;
  place: string | null;
  deadline: number | null;
}

const cache = new WeakMap<readonly RecordedFrame[], ExpiryTimeline>();

export function expiryTimeline(frames: readonly RecordedFrame[]): ExpiryTimeline {
  let timeline = cache.get(frames);
  if (!timeline) {
    timeline = computeTimeline(frames);
    cache.set(frames, timeline);
  }
  return timeline;
}

/** What a frame shows that has a lifetime, by a key that follows one thing across frames. */
function seenIn(frame: RecordedFrame): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const entry = frame.record?.entry;
  if (!entry) return seen;
  const settings = frame.settings;
  const name = settings.SESSION_COOKIE_NAME;
  const signed = engineName(settings) === 'signed_cookies';
  for (const [profile, cookies] of Object.entries(entry.jars)) {
    for (const cookie of cookies) {
      if (cookie.name !== name) continue;
      seen.set(`cookie|${profile}|${cookie.value}`, {
        kind: 'cookie', profile, value: cookie.value, place: null, deadline: cookie.expires === null ? null : parseIsoUtc(cookie.expires),
      });
      if (signed) {
        // signed_cookies: loads() refuses a value signed more than SESSION_COOKIE_AGE ago.
        const { timestampSeconds } = inspectSigned(cookie.value, { key: settings.SECRET_KEY, salt: SIGNED_COOKIES_SALT, now: 0 });
        if (timestampSeconds !== null) {
          seen.set(`signature|${profile}|${cookie.value}`, {
            kind: 'signature', profile, value: cookie.value, place: null, deadline: (timestampSeconds + settings.SESSION_COOKIE_AGE) * 1000,
          });
        }
      }
    }
  }
  for (const row of entry.store.db ?? []) {
    seen.set(`row|${row.session_key}`, { kind: 'row', profile: null, value: row.session_key, place: 'db', deadline: parseIsoUtc(row.expire_date) });
  }
  // cache and files, or with a cache (disk) per worker cache@a, files@a, …
  for (const [place, items] of Object.entries(entry.store)) {
    if (place.startsWith('cache')) {
      for (const item of items as CacheEntry[]) {
        seen.set(`cache|${place}|${item.key}`, { kind: 'cache', profile: null, value: item.key.slice(-32), place, deadline: item.expires === null ? null : parseIsoUtc(item.expires) });
      }
    } else if (place.startsWith('files')) {
      for (const file of items as FileEntry[]) {
        seen.set(`file|${place}|${file.name}`, { kind: 'file', profile: null, value: file.name.slice(-32), place, deadline: null });
      }
    }
  }
  return seen;
}

function computeTimeline(frames: readonly RecordedFrame[]): ExpiryTimeline {
  const start = frames[0].now;
  const bars: Bar[] = [];
  const open = new Map<string, Bar>();
  const markers: Marker[] = [];
  for (let i = 1; i < frames.length; i++) {
    const frame = frames[i];
    const now = frame.now;
    const { entry, effects, error } = frame.record!;
    const kind = stepKindOf(entry.step);
    const label = kind.label(entry.step);
    const restarted = effects.dropped !== undefined && !error ? kind.actsIn(entry.step) : null;
    if (restarted !== null) markers.push({ at: now, frame: i, kind: 'browser restart', label: `browser ${restarted} restarted` });
    if (effects.events) markers.push({ at: now, frame: i, kind: 'clearsessions', label: 'clearsessions' });
    if (effects.servers) markers.push({ at: now, frame: i, kind: 'server', label });
    // What a server step took from the store ended with that step.
    const storeEnding = effects.events ? 'clearsessions' : effects.servers ? label : 'deleted';
    const seen = seenIn(frame);
    const closed = new Map<string, Bar>();
    for (const [key, bar] of open) {
      if (seen.has(key)) continue;
      open.delete(key);
      closed.set(key, bar);
      const expired = bar.deadline !== null && bar.deadline <= now;
      if (bar.kind === 'cookie') {
        const replaced = [...seen.values()].some((s) => s.kind === 'cookie' && s.profile === bar.profile);
        bar.ending = expired ? 'expired' : restarted === bar.profile ? 'browser restart' : replaced ? 'replaced' : 'deleted';
        // The browser dropped an expired cookie at its deadline, whenever the run looked next.
        bar.end = expired ? bar.deadline : now;
      } else if (bar.kind !== 'signature') {
        bar.ending = storeEnding;
        bar.end = now;
      }
    }
    // A signed value lives as long as the cookie that carries it.
    for (const [key, bar] of closed) {
      if (bar.kind !== 'signature') continue;
      const cookie = closed.get(key.replace(/^signature/, 'cookie'));
      bar.ending = cookie?.ending ?? 'deleted';
      bar.end = cookie?.end ?? now;
    }
    for (const [key, thing] of seen) {
      const bar = open.get(key);
      if (bar) {
        bar.deadline = thing.deadline;
        continue;
      }
      const fresh: Bar = { id: `${key}|${i}`, ...thing, start: now, end: null, ending: null };
      open.set(key, fresh);
      bars.push(fresh);
    }
  }
  const end = frames[frames.length - 1].now;
  const moments = new Set<number>([start, end]);
  for (const bar of bars) {
    moments.add(bar.start);
    if (bar.end !== null) moments.add(bar.end);
    if (bar.deadline !== null) moments.add(bar.deadline);
  }
  for (const marker of markers) moments.add(marker.at);
  return { start, end, bars, markers, stops: [...moments].sort((a, b) => a - b) };
}

/** Where a moment falls on the axis, in stops (0 … stops.length - 1): evenly spaced, linear in between. */
export function axisPosition(stops: readonly number[], at: number): number {
  if (stops.length === 0 || at <= stops[0]) return 0;
  for (let i = 1; i < stops.length; i++) {
    if (at <= stops[i]) return i - 1 + (at - stops[i - 1]) / (stops[i] - stops[i - 1]);
  }
  return stops.length - 1;
}
