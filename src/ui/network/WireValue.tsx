import type { Identity } from '../../state/identity';
import { KeyChip } from '../KeyChip';
import { splitSetCookie } from './httpText';

export interface WireProps {
  sessionCookieName: string;
  identities: Map<string, Identity>;
  /** Exact bytes instead of identity chips. */
  raw: boolean;
}

/** `name=value`, the session cookie's value wearing its chip unless the raw text is asked for. */
export function CookiePair({ name, value, sessionCookieName, identities, raw }: { name: string; value: string } & WireProps) {
  if (raw || name !== sessionCookieName) return <>{name === '' ? value : `${name}=${value}`}</>;
  return <>{name}=<KeyChip value={value} identities={identities} /></>;
}

/** A Set-Cookie line, its session value wearing its chip unless the raw text is asked for. */
export function SetCookieValue({ line, ...wire }: { line: string } & WireProps) {
  if (wire.raw) return <>{line}</>;
  const { name, value, rest } = splitSetCookie(line);
  return <><CookiePair name={name} value={value} {...wire} />{rest}</>;
}
