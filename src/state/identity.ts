import type { Frame } from './playground';

/**
 * Identity chips: every session key (or signed session value) that appears in
 * the run gets a short label and a colour, in order of first appearance, so
 * the same session wears the same chip in the jar, on the wire and in the store.
 */
export interface Identity {
  label: string;
  /** An index into the chip palette. */
  hue: number;
}

export const PALETTE_SIZE = 8;
const KEY = /^[a-z0-9]{32}$/;

// Every panel asks for the same run's identities: compute them once per frames array.
const cache = new WeakMap<Frame[], { cookieName: string; identities: Map<string, Identity> }>();

export function sessionIdentities(frames: Frame[], cookieName: string): Map<string, Identity> {
  const cached = cache.get(frames);
  if (cached?.cookieName === cookieName) return cached.identities;
  const identities = computeIdentities(frames, cookieName);
  cache.set(frames, { cookieName, identities });
  return identities;
}

function computeIdentities(frames: Frame[], cookieName: string): Map<string, Identity> {
  const seen = new Map<string, Identity>();
  const see = (value: string | null | undefined) => {
    if (!value || seen.has(value)) return;
    const signed = value.includes(':');
    if (!KEY.test(value) && !signed) return;
    const count = [...seen.values()].filter((i) => i.label.startsWith(signed ? 's' : 'k')).length + 1;
    seen.set(value, { label: `${signed ? 's' : 'k'}${count}`, hue: seen.size % PALETTE_SIZE });
  };
  for (const frame of frames) {
    const entry = frame.record?.entry;
    if (!entry) continue;
    for (const pair of entry.request?.cookie?.split(';') ?? []) {
      const [name, ...rest] = pair.trim().split('=');
      if (name === cookieName) see(rest.join('='));
    }
    for (const line of entry.response?.set_cookie ?? []) {
      const first = line.split(';', 1)[0];
      if (first.startsWith(cookieName + '=')) see(first.slice(cookieName.length + 1));
    }
    for (const cookies of Object.values(entry.jars)) for (const c of cookies) if (c.name === cookieName) see(c.value);
    for (const row of entry.store.db ?? []) see(row.session_key);
    for (const item of entry.store.cache ?? []) see(item.key.slice(-32));
    for (const file of entry.store.files ?? []) see(file.name.slice(-32));
  }
  return seen;
}
