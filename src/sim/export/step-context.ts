/**
 * What the exporter of one step knows, and the pieces several step kinds'
 * exporters share (each kind's own lines live with the kind: ../scenario/kinds).
 */
import type { StepRecord } from '../scenario/run.ts';
import type { TranscriptCookie } from '../scenario/transcript.ts';

export interface StepContext {
  /** 1-based, as the playground numbers steps. */
  number: number;
  record: StepRecord;
  /** Writes the run's session keys as <k1>, <k2>, … (see keys.ts). */
  label: (text: string) => string;
  /** The curl script's jar file for a browser profile, as a shell word. */
  jarFile: (profile: string) => string;
}

/** The lowest Django version whose behaviour a step relies on, with why. */
export interface Requirement {
  version: [number, number];
  reason: string;
}

/** The Django test's line for a step that lives only in the browser. */
export const BROWSER_ONLY = 'Nothing reaches Django: the next requests\' Cookie headers show the effect.';

/** The curl script's line that waits for the reader to do by hand what no HTTP request does. */
export const WAIT_FOR_ENTER = 'if [ -t 0 ]; then read -r _; fi';

/** Text inside a shell comment stays on its line. */
export function shellComment(text: string): string {
  return JSON.stringify(text);
}

/** One cookie in curl's Netscape cookie-jar format (HttpOnly ones prefixed #HttpOnly_). */
export function netscapeLine(cookie: TranscriptCookie): string {
  const domain = cookie.host_only ? cookie.domain : `.${cookie.domain}`;
  const expires = cookie.expires === null ? 0 : Math.floor(Date.parse(cookie.expires) / 1000);
  return [
    `${cookie.http_only ? '#HttpOnly_' : ''}${domain}`,
    cookie.host_only ? 'FALSE' : 'TRUE',
    cookie.path,
    cookie.secure ? 'TRUE' : 'FALSE',
    String(expires),
    cookie.name,
    cookie.value,
  ].join('\t');
}
