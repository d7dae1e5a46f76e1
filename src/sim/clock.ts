/**
 * The virtual clock. Nothing in the simulation reads the real time: every
 * moment is a number of milliseconds since the Unix epoch, owned by a clock
 * that moves only when told to.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
}

/** The last moment Python's datetime can hold (datetime.max, as UTC): Django's clock ends there. */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Why moving from `now` by `seconds` is refused, or null when the clock may go there. */
export function advanceProblem(now: number, seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds < 0) return `the clock only moves forward by a finite number of seconds, not ${seconds}`;
  if (now + seconds * 1000 > LATEST_TIME) return `moves the clock past 9999-12-31T23:59:59Z, the last moment Python's datetime can hold`;
  return null;
}

export class VirtualClock implements Clock {
  #now: number;

  constructor(start: number) {
    if (!Number.isFinite(start)) throw new RangeError(`clock start must be a finite time, got ${start}`);
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(seconds: number): void {
    const problem = advanceProblem(this.#now, seconds);
    if (problem) throw new RangeError(`advance_seconds ${problem}`);
    this.#now += seconds * 1000;
  }
}

/** `2026-01-01T00:00:00Z` → ms; throws on anything that is not an ISO UTC time. */
export function parseIsoUtc(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/.exec(text);
  const ms = match ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not a UTC time like 2026-01-01T00:00:00Z`);
  return ms;
}

let lastIso = { ms: NaN, text: '' };

/** ms → `2026-01-01T00:00:00Z` (fraction only when there is one), as the transcripts write it. */
export function formatIsoUtc(ms: number): string {
  // Every step's record names the clock, which most steps leave where it was.
  if (lastIso.ms === ms) return lastIso.text;
  const iso = new Date(ms).toISOString(); // always .sssZ
  lastIso = { ms, text: iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso.slice(0, -1) + '000Z' };
  return lastIso.text;
}

/** The virtual time as the page shows it, e.g. "Thu, 01 Jan 2026 00:00:00 UTC". */
export function formatClockText(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}
