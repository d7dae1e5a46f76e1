/**
 * The sequence diagram of a run, as data: lanes (the initiating sites, the
 * browser profiles, the server or its workers, the session store) and, for
 * each step, its arrows in the order they happened. Everything is read off
 * the step's record (the request the browser sent with its send report, the
 * response and what the jar did with each Set-Cookie, the server's trace), so
 * the picture can only show what the simulation did.
 */
import { setCookieParts } from '../sim/browser/cookieText';
import type { NotSentReason, SetCookieRejectReason } from '../sim/browser';
import type { StepRecord } from '../sim/scenario/run';
import type { StoreEvent, TraceEvent } from '../sim/django/trace';
import { stepKindOf } from '../sim/scenario/steps';

export type LaneKind = 'initiator' | 'browser' | 'server' | 'store';

export interface Lane {
  id: string;
  kind: LaneKind;
  label: string;
}

export interface CookieLabel {
  name: string;
  value: string;
}

export interface HeldBack extends CookieLabel {
  reason: NotSentReason | 'CredentialsOmit' | 'CredentialsSameOriginOnly';
}

export interface SetCookieLabel extends CookieLabel {
  /** Max-Age as written, or null when the line has none. */
  maxAge: string | null;
  /** A deletion: Max-Age=0 or an Expires in the past (the jar says). */
  deletes: boolean;
  result: 'stored' | 'replaced' | 'deleted' | 'rejected';
  reason?: SetCookieRejectReason;
}

export type StoreOp = StoreEvent['op'];

export type Arrow =
  /** A page on another site makes the browser send a request (a link, a form, a script). */
  | { kind: 'starts'; from: string; to: string; how: 'link' | 'form' | 'fetch' }
  | { kind: 'request'; from: string; to: string; method: string; path: string; host: string; cookies: CookieLabel[]; heldBack: HeldBack[] }
  | { kind: 'response'; from: string; to: string; status: number; setCookies: SetCookieLabel[] }
  /** `where`: db, cache or file, with the worker whose own cache or disk it was (cache@a). */
  | { kind: 'store'; from: string; to: string; op: StoreOp; keys: string[]; where: string; event: StoreEvent }
  /** Something that happens in one lane only: a restart, a hand edit, a server event without a store. */
  | { kind: 'note'; lane: string; text: string };

export interface SequenceStep {
  /** The frame this step leads to (1 for the first step): selecting it moves the timeline there. */
  frame: number;
  clock: string;
  arrows: Arrow[];
  /** Bad input: the step was refused (nothing happened). */
  error: string | null;
}

const SERVER = 'server';
const STORE = 'store';

const browserLane = (profile: string) => `browser:${profile}`;
const initiatorLane = (origin: string) => `initiator:${origin}`;
const workerLane = (worker: string) => `worker:${worker}`;

/**
 * The worker that served the request, read off the exchange (not the entry,
 * which would be laid out for it). A run that names no workers has one, so
 * it never gets a lane of its own: worker lanes come only with two or more.
 */
function workerOf(record: StepRecord): string | null {
  return record.effects.exchange?.worker ?? null;
}

function serverLaneOf(record: StepRecord, lanes: readonly Lane[]): string {
  const worker = workerOf(record);
  const workerLanes = lanes.filter((l) => l.id.startsWith('worker:'));
  if (workerLanes.length === 0) return SERVER;
  return worker !== null && workerLanes.some((l) => l.id === workerLane(worker)) ? workerLane(worker) : workerLanes[0].id;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function pathOf(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * The lanes of a whole run, left to right: sites that started requests, the
 * browser profiles (in order of first appearance), the server (one lane per
 * worker when the run names several), and the store when a step used one.
 */
export function sequenceLanes(records: readonly StepRecord[]): Lane[] {
  const initiators = new Set<string>();
  const profiles = new Set<string>(['default']);
  const workers = new Set<string>();
  let store = false;
  for (const record of records) {
    const exchange = record.effects.exchange;
    if (exchange) {
      profiles.add(exchange.profile);
      const initiator = exchange.info.initiator;
      if (initiator && initiator !== new URL(exchange.info.url).origin) initiators.add(initiator);
      if (exchange.trace.events.some((e) => e.kind === 'store' && e.place !== 'cookie')) store = true;
      const worker = workerOf(record);
      if (worker !== null) workers.add(worker);
    }
    for (const profile of record.profiles) profiles.add(profile);
    if (record.effects.events?.some((e) => e.kind === 'store')) store = true;
  }
  const lanes: Lane[] = [
    ...[...initiators].map((origin): Lane => ({ id: initiatorLane(origin), kind: 'initiator', label: hostOf(origin) })),
    ...[...profiles].map((profile): Lane => ({ id: browserLane(profile), kind: 'browser', label: `browser ${profile}` })),
  ];
  if (workers.size > 1) {
    for (const worker of [...workers].sort()) lanes.push({ id: workerLane(worker), kind: 'server', label: `worker ${worker}` });
  } else {
    lanes.push({ id: SERVER, kind: 'server', label: 'Django' });
  }
  if (store) lanes.push({ id: STORE, kind: 'store', label: 'session store' });
  return lanes;
}

function storeArrows(events: readonly TraceEvent[], fallback: string, hasStore: boolean, lanes: readonly Lane[]): Arrow[] {
  const arrows: Arrow[] = [];
  for (const event of events) {
    if (event.kind !== 'store') continue;
    // A worker's own cache or disk is reached from that worker's lane.
    const own = event.host !== undefined ? workerLane(event.host) : null;
    const server = own !== null && lanes.some((l) => l.id === own) ? own : fallback;
    const keys = event.op === 'culled' ? event.keys : [event.key];
    // signed_cookies keeps no store: what it did with the cookie is a note on the server.
    if (event.place === 'cookie' || !hasStore) arrows.push({ kind: 'note', lane: server, text: signedNote(event) });
    else arrows.push({ kind: 'store', from: server, to: STORE, op: event.op, keys, where: event.host ? `${event.place}@${event.host}` : event.place, event });
  }
  return arrows;
}

function signedNote(event: StoreEvent): string {
  switch (event.op) {
    case 'read': return 'signed cookie verified and read';
    case 'bad_signature': return event.error === 'SignatureExpired' ? 'signature expired (older than SESSION_COOKIE_AGE)' : 'bad signature';
    case 'created': return 'new signed value';
    case 'updated': return 'signed value re-signed';
    case 'deleted': return 'signed value dropped';
    default: return event.op.replace('_', ' ');
  }
}

const stepsCache = new WeakMap<StepRecord, { key: string; step: SequenceStep }>();

/** The arrows of one step (frame `frame`), in the order they happened; cached per record. */
export function sequenceStep(record: StepRecord, frame: number, lanes: readonly Lane[]): SequenceStep {
  const workers = lanes.some((l) => l.id.startsWith('worker:'));
  const hasStore = lanes.some((l) => l.id === STORE);
  const key = `${frame}|${workers}|${hasStore}`;
  const cached = stepsCache.get(record);
  if (cached?.key === key) return cached.step;
  const step = deriveStep(record, frame, lanes, hasStore);
  stepsCache.set(record, { key, step });
  return step;
}

function deriveStep(record: StepRecord, frame: number, lanes: readonly Lane[], hasStore: boolean): SequenceStep {
  const arrows: Arrow[] = [];
  const { entry, effects } = record;
  const workers = lanes.some((l) => l.id.startsWith('worker:'));
  const server = serverLaneOf(record, lanes);
  const exchange = effects.exchange;
  if (exchange) {
    const browser = browserLane(exchange.profile);
    const { info } = exchange;
    if (info.initiator && info.initiator !== new URL(info.url).origin) {
      const how = info.kind === 'fetch' ? 'fetch' : info.method === 'GET' ? 'link' : 'form';
      arrows.push({ kind: 'starts', from: initiatorLane(info.initiator), to: browser, how });
    }
    const heldBack: HeldBack[] = exchange.sent.withheld
      ? [{ name: '*', value: '', reason: exchange.sent.withheld }]
      : exchange.sent.notSent.map(({ cookie, reason }) => ({ name: cookie.name, value: cookie.value, reason }));
    arrows.push({
      kind: 'request',
      from: browser,
      to: server,
      method: exchange.request.method,
      path: pathOf(exchange.request.url),
      host: hostOf(exchange.request.url),
      cookies: exchange.sent.sent.map((c) => ({ name: c.name, value: c.value })),
      heldBack,
    });
    arrows.push(...storeArrows(exchange.trace.events, server, hasStore, lanes));
    arrows.push({
      kind: 'response',
      from: server,
      to: browser,
      status: exchange.response.status,
      setCookies: exchange.stored.map((outcome) => setCookieLabel(outcome.line, outcome.result, outcome.reason)),
    });
  } else if (!record.error) {
    // Every other kind of step, as the step registry names it, in the lane it acts in.
    const kind = stepKindOf(entry.step);
    const profile = kind.actsIn(entry.step);
    const named = kind.worker(entry.step)?.name ?? null;
    const lane = profile !== null ? browserLane(profile) : workers && named !== null && lanes.some((l) => l.id === workerLane(named)) ? workerLane(named) : server;
    const label = kind.label(entry.step);
    if (effects.outcomes) {
      for (const outcome of effects.outcomes) {
        const cookie = setCookieLabel(outcome.line, outcome.result, outcome.reason);
        arrows.push({ kind: 'note', lane, text: `${label}: ${cookie.name} ${outcome.result}${outcome.reason ? ` (${outcome.reason})` : ''}` });
      }
    } else if (profile !== null || effects.events || effects.servers) {
      arrows.push({ kind: 'note', lane, text: label });
    }
    if (effects.events) {
      arrows.push(...storeArrows(effects.events, server, hasStore, lanes));
      if (!effects.events.some((e) => e.kind === 'store')) arrows.push({ kind: 'note', lane: server, text: 'no expired session deleted' });
    }
    // A clock step has no arrow: every step's title carries the clock.
  }
  return { frame, clock: entry.clock, arrows, error: record.error };
}

/** The parts of a Set-Cookie line a learner needs: name, value, Max-Age, and what the jar did. */
export function setCookieLabel(line: string, result: SetCookieLabel['result'], reason?: SetCookieRejectReason): SetCookieLabel {
  const { name, value, attributes } = setCookieParts(line);
  const maxAgeValue = attributes.get('max-age');
  const maxAge = typeof maxAgeValue === 'string' ? maxAgeValue : null;
  const label: SetCookieLabel = { name, value, maxAge, deletes: result === 'deleted' || maxAge === '0', result };
  return reason ? { ...label, reason } : label;
}

/**
 * Which steps the diagram draws: at most `size` steps, the selected one
 * among them (as late in the window as it can be, so the steps leading to it
 * show). Frame numbers, 1-based; the start frame (0) has no arrows.
 */
export function visibleWindow(cursor: number, last: number, size: number): { first: number; end: number } {
  if (last === 0) return { first: 1, end: 0 };
  const anchor = Math.max(cursor, 1);
  const first = Math.max(1, Math.min(anchor - size + 2, last - size + 1));
  return { first, end: Math.min(last, first + size - 1) };
}
