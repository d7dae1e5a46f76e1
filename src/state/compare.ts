/**
 * A/B comparison as data: the same steps run in two worlds (two settings),
 * compared step by step. Session keys are random in each world, so each
 * world's keys are written as <k1>, <k2>, … in the order they first appear
 * there: "both worlds issued their first key" is no difference, "one world
 * issued a second key" is. Pure.
 */
import { labelJson, sessionKeyLabels } from '../sim/export/keys';
import type { Step } from '../sim/scenario/schema';
import type { Transcript, TranscriptEntry } from '../sim/scenario/transcript';

export type Aspect = 'status' | 'cookie' | 'set_cookie' | 'vary' | 'body' | 'jar' | 'store' | 'error';

export interface ComparedRow {
  aspect: Aspect;
  /** e.g. "Status", "Jar of attacker", "Store: db". */
  label: string;
  /** The value in each world, its session keys relabelled; null where the world has none. */
  a: unknown;
  b: unknown;
  differs: boolean;
}

export interface StepComparison {
  rows: ComparedRow[];
  /** How many rows differ. */
  differences: number;
}

/** Compares two runs of the same steps, entry by entry (both transcripts have one entry per step). */
export function compareRuns(steps: readonly Step[], a: Transcript, b: Transcript): StepComparison[] {
  const labelA = sessionKeyLabels(steps, a);
  const labelB = sessionKeyLabels(steps, b);
  const count = Math.max(a.steps.length, b.steps.length);
  return Array.from({ length: count }, (_, i) => compareEntries(a.steps[i] ?? null, b.steps[i] ?? null, labelA, labelB));
}

export function compareEntries(
  a: TranscriptEntry | null,
  b: TranscriptEntry | null,
  labelA: (text: string) => string = (t) => t,
  labelB: (text: string) => string = (t) => t,
): StepComparison {
  const rows: ComparedRow[] = [];
  const add = (aspect: Aspect, label: string, pick: (entry: TranscriptEntry) => unknown, always = true) => {
    const valueA = a ? labelJson(pick(a) ?? null, labelA) : null;
    const valueB = b ? labelJson(pick(b) ?? null, labelB) : null;
    const differs = canonical(valueA) !== canonical(valueB);
    if (always || differs || valueA !== null || valueB !== null) rows.push({ aspect, label, a: valueA, b: valueB, differs });
  };
  add('error', 'Refused', (e) => e.error ?? null, false);
  const sent = Boolean(a?.request || b?.request);
  if (sent) {
    add('cookie', 'Cookie sent', (e) => e.request?.cookie ?? null);
    add('status', 'Status', (e) => e.response?.status ?? null);
    add('set_cookie', 'Set-Cookie', (e) => e.response?.set_cookie ?? []);
    add('vary', 'Vary', (e) => e.response?.vary ?? []);
    add('body', 'Body', (e) => e.response?.json ?? null);
  }
  for (const profile of union(Object.keys(a?.jars ?? {}), Object.keys(b?.jars ?? {}))) {
    add('jar', `Jar of ${profile}`, (e) => e.jars[profile] ?? null);
  }
  for (const place of union(Object.keys(a?.store ?? {}), Object.keys(b?.store ?? {}))) {
    add('store', `Store: ${place}`, (e) => {
      const rows = (e.store as Record<string, unknown[] | undefined>)[place];
      return rows ?? null;
    });
  }
  // Store rows follow each world's random keys: compare them in the order of their labels.
  for (const row of rows) {
    if (row.aspect === 'store') {
      row.a = sortRows(row.a);
      row.b = sortRows(row.b);
      row.differs = canonical(row.a) !== canonical(row.b);
    }
  }
  return { rows, differences: rows.filter((r) => r.differs).length };
}

function sortRows(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  return [...rows].sort((x, y) => {
    const kx = canonical(x);
    const ky = canonical(y);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** JSON with object keys in order, so that equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
