import { deflate } from 'pako';
import { z } from '../sim/zod';
import { describeScenarioError, parseScenario } from '../sim/scenario/schema';
import { defineFormat, migrate } from './migrations';
import type { RunDefinition } from './playground';
import { SET_ASIDE_PREFIX } from './storage';

export { SET_ASIDE_PREFIX };

/**
 * The run survives a reload (localStorage) and travels as a URL. Both hold
 * the same versioned document: the run's definition (start, settings,
 * steps, seed) and the selected step. A document of an earlier format is
 * migrated first; what then does not validate is refused with a message,
 * never half-loaded.
 */
export const STORAGE_KEY = 'django-session-playground:run';

/** Format 1 (the first): { version, run: { name, start, settings, servers?, steps, seed }, cursor } (servers is optional: a run on one server has none). */
export const RUN_FORMAT = defineFormat(1, []);

export interface SavedRun {
  run: RunDefinition;
  cursor: number;
}

const savedSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(RUN_FORMAT.current),
    run: z.looseObject({ seed: z.number().int().nonnegative().max(2 ** 31 - 1) }),
    cursor: z.number().int().nonnegative(),
  }),
);

export type Decoded = { ok: true; saved: SavedRun } | { ok: false; reason: string };

export function encodeSaved(saved: SavedRun): string {
  // What JSON.stringify({ version, run, cursor }) writes, with the run's text kept: stepping through
  // a long run saves its cursor again and again, and the run (megabytes of text) has not changed.
  return `{"version":${RUN_FORMAT.current},"run":${runText(saved.run)},"cursor":${JSON.stringify(saved.cursor)}}`;
}

const runTexts = new WeakMap<RunDefinition, string>();
function runText(run: RunDefinition): string {
  let text = runTexts.get(run);
  if (text === undefined) runTexts.set(run, (text = JSON.stringify(run)));
  return text;
}

export function decodeSaved(text: string): Decoded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  const migrated = migrate(RUN_FORMAT, data);
  if (!migrated.ok) return migrated;
  const shape = savedSchema.safeParse(migrated.document);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'the document'}: ${issue.message}` };
  }
  const { seed, ...scenario } = shape.data.run as Record<string, unknown> & { seed: number };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    const e = parsed.errors[0];
    return { ok: false, reason: describeScenarioError(e) };
  }
  const cursor = Math.min(shape.data.cursor, parsed.scenario.steps.length);
  return { ok: true, saved: { run: { ...parsed.scenario, seed }, cursor } };
}

// ---- share URLs: #run=<base64url of the deflated document> ----------------------

const HASH_PREFIX = '#run=';

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function shareHash(saved: SavedRun): string {
  return HASH_PREFIX + toBase64Url(deflate(new TextEncoder().encode(encodeSaved(saved))));
}

/** null when the hash holds no shared run; otherwise the run or why it cannot be opened. */
export async function decodeShareHash(hash: string): Promise<Decoded | null> {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(fromBase64Url(hash.slice(HASH_PREFIX.length))));
  } catch {
    return { ok: false, reason: 'the link is damaged or incomplete (it does not decode)' };
  }
  return decodeSaved(text);
}

/** zlib's inflate, the browser's own: pako's, in code not yet warmed up, took a long link's every tenth millisecond. */
async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// ---- localStorage ---------------------------------------------------------------

export function loadStored(storage: Storage): Decoded | null {
  const text = storage.getItem(STORAGE_KEY);
  return text === null ? null : decodeSaved(text);
}

export function saveStored(storage: Storage, saved: SavedRun): void {
  storage.setItem(STORAGE_KEY, encodeSaved(saved));
}

/** Keeps a saved run that cannot be loaded under another key, so it is never lost. */
export function setAsideStored(storage: Storage, now: number): string {
  const key = SET_ASIDE_PREFIX + new Date(now).toISOString();
  const text = storage.getItem(STORAGE_KEY);
  if (text !== null) storage.setItem(key, text);
  storage.removeItem(STORAGE_KEY);
  return key;
}
