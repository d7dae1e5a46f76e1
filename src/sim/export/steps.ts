/**
 * How each step kind of the registry (../scenario/steps.ts) is exported, in
 * one table keyed by its kinds: as Python lines of the Django test and as
 * shell lines of the curl script. A step that reaches Django becomes a
 * request, a management command, a clock move or a release of new settings;
 * a step that lives only in the browser becomes a comment in the Django test
 * (its effect is already in the next Cookie headers) and a jar edit in the
 * curl script.
 */
import type { StepRecord } from '../scenario/run';
import { kindOf, type Step, type StepKind, type StepOf } from '../scenario/steps';
import type { TranscriptCookie } from '../scenario/transcript';
import { NOT_SENT_TEXT, REJECT_TEXT } from '../browser';
import { labelJson } from './keys';
import { pyLiteral, pyString } from './python';
import { shellQuote } from './shell';

/** What an exporter of one step knows. */
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

interface StepExporter<S extends Step> {
  /** Python statements, one a line, for the body of the test method. */
  django(step: S, context: StepContext): string[];
  /** Shell lines. */
  curl(step: S, context: StepContext): string[];
  /** Django versions older than this one would answer differently. */
  requires?(step: S, context: StepContext): Requirement | null;
}

const browserOnly = 'Nothing reaches Django: the next requests\' Cookie headers show the effect.';

const exporters: { [K in StepKind]: StepExporter<StepOf<K>> } = {
  request: {
    django: ({ request: spec }, { record, label }) => {
      const sent = record.entry.request!;
      const answer = record.entry.response!;
      const lines = chromeNotes(spec, record).map((note) => `# ${note}`);
      const args = [pyString(sent.method), pyString(sent.url)];
      if (sent.cookie !== null) args.push(`cookie=${pyString(label(sent.cookie))}`);
      if (spec.form !== undefined) args.push(`form=${pyLiteral(spec.form)}`);
      lines.push(`response = self.send(${args.join(', ')})`);
      lines.push(`self.assert_response(`);
      lines.push(`    response,`);
      lines.push(`    ${answer.status},`);
      lines.push(`    ${pyLiteral(answer.set_cookie.map(label), '    ')},`);
      lines.push(`    ${pyLiteral(answer.vary, '    ')},`);
      lines.push(`    ${pyLiteral(labelJson(answer.json, label), '    ')},`);
      lines.push(`)`);
      return lines;
    },
    curl: ({ request: spec }, { record, label, jarFile }) => {
      const sent = record.entry.request!;
      const answer = record.entry.response!;
      const exchange = record.effects.exchange;
      const lines = chromeNotes(spec, record).map((note) => `# ${note}`);
      if (sent.worker !== undefined) lines.push(`# The playground's worker ${sent.worker} answered; curl reaches whichever server answers this URL.`);
      lines.push(`# Chrome sent: ${sent.cookie === null ? 'no Cookie header' : `Cookie: ${label(sent.cookie)}`}`);
      lines.push(`# Django answered ${answer.status}${answer.set_cookie.map((line) => `\n#   Set-Cookie: ${label(line)}`).join('')}`);
      const words = ['curl', '-sS', '-i'];
      if (spec.form !== undefined || sent.method === 'POST') {
        // The body a browser's form sends (application/x-www-form-urlencoded).
        if (sent.method !== 'POST') words.push('-X', shellQuote(sent.method));
        words.push('--data-raw', shellQuote(new URLSearchParams(spec.form ?? {}).toString()));
      } else if (sent.method !== 'GET') {
        words.push('-X', shellQuote(sent.method));
      }
      if (exchange?.sent.withheld) {
        lines.push('# Like Chrome here, curl sends no cookies and stores none (no -b, no -c).');
      } else {
        const notSent = (exchange?.sent.notSent ?? []).filter(({ reason }) => reason.startsWith('SameSite'));
        for (const { cookie, reason } of notSent) {
          lines.push(`# curl does not enforce SameSite: it sends ${cookie.name} anyway. Chrome withheld it: ${NOT_SENT_TEXT[reason]}`);
        }
        const rejected = (exchange?.stored ?? []).filter(({ result, reason }) => result === 'rejected' && reason?.startsWith('SameSite'));
        for (const { line, reason } of rejected) {
          lines.push(`# curl stores ${label(line.split('=', 1)[0])} anyway. Chrome refused it: ${REJECT_TEXT[reason!]}`);
        }
        words.push('-b', jarFile(sent.browser), '-c', jarFile(sent.browser));
      }
      words.push('$CONNECT', shellQuote(sent.url));
      lines.push(words.join(' '), 'echo');
      return lines;
    },
    requires: (_step, { record, number }) => {
      const decision = record.effects.exchange?.trace.session;
      // Django 4.2 adds Vary: Cookie only when the session was accessed; current Django also whenever it sets the cookie.
      if (decision && decision.cookie === 'set' && !decision.accessed) {
        return {
          version: [5, 2],
          reason: `step ${number} sets the session cookie on a page that never read the session: ` +
            'Django 5.2 sends Vary: Cookie with it (as the playground does), Django 4.2 does not',
        };
      }
      return null;
    },
  },

  advance_seconds: {
    django: ({ advance_seconds: seconds }) => [`self.advance(${seconds})`],
    curl: ({ advance_seconds: seconds }) => [
      `# The playground's clock moves ${seconds} s. A live server's clock does not: WAIT=1 waits it out.`,
      `if [ "\${WAIT:-}" = 1 ]; then sleep ${seconds}; fi`,
    ],
  },

  close_browser: {
    django: ({ close_browser: profile }) => [
      `# The browser ${pyString(profile)} restarts and drops its session cookies (those without Expires/Max-Age).`,
      `# ${browserOnly}`,
    ],
    curl: ({ close_browser: profile }, { jarFile }) => [
      `# The browser ${shellComment(profile)} restarts: its session cookies (expiry 0 in the jar) are gone.`,
      `drop_session_cookies ${jarFile(profile)}`,
    ],
  },

  set_cookie_by_hand: {
    django: ({ set_cookie_by_hand: { browser, name, value } }) => [
      `# In the browser ${pyString(browser)}, the cookie ${pyString(name)} is set by hand to ${pyString(value)}.`,
      `# ${browserOnly}`,
    ],
    curl: ({ set_cookie_by_hand: { browser, name } }, { record, jarFile }) => {
      const cookie = record.entry.jars[browser]?.find((c) => c.name === name && c.path === '/' && c.host_only);
      if (!cookie) return [`# The playground did not store this hand-written cookie: ${record.error ?? 'refused'}.`];
      return [
        `# The cookie ${shellComment(name)} written by hand (curl's jar has no SameSite column: Chrome keeps ${cookie.same_site}).`,
        `set_cookie_line ${jarFile(browser)} ${shellQuote(netscapeLine(cookie))}`,
      ];
    },
  },

  copy_cookie: {
    django: ({ copy_cookie: { from, to, name } }) => [
      `# Every cookie ${pyString(name)} is copied from the browser ${pyString(from)} to ${pyString(to)}.`,
      `# ${browserOnly}`,
    ],
    curl: ({ copy_cookie: { from, to, name } }, { jarFile }) => [
      `# Every cookie ${shellComment(name)} of ${shellComment(from)}'s jar is copied into ${shellComment(to)}'s.`,
      `copy_cookies ${jarFile(from)} ${jarFile(to)} ${shellQuote(name)}`,
    ],
  },

  clearsessions: {
    django: () => ['call_command("clearsessions")'],
    curl: () => ['# On the server: python manage.py clearsessions (no HTTP request does this).'],
  },

  deploy: {
    // A release: the contract's table plus these overrides from here on, every worker restarted.
    django: ({ deploy }) => [`self.release(${pyLiteral(deploy.settings)})`],
    curl: ({ deploy }) => [
      `# A new release: restart the site with the demo settings plus ${JSON.stringify(deploy.settings)}.`,
      '# (No HTTP request does this: restart the server, then press Enter.)',
      'if [ -t 0 ]; then read -r _; fi',
    ],
  },

  restart_server: {
    django: () => ['self.restart_server()'],
    curl: ({ restart_server: which }) => [
      `# Restart ${which === 'all' ? 'the server' : `the worker ${JSON.stringify(which)}`} (its memory, and so a local-memory cache, is lost), then press Enter.`,
      'if [ -t 0 ]; then read -r _; fi',
    ],
  },

  restart_cache: {
    django: () => ['caches["default"].clear()  # the shared cache server restarts empty'],
    curl: () => ['# Restart the cache server (it loses every entry), then press Enter.', 'if [ -t 0 ]; then read -r _; fi'],
  },
};

/** The exporter of `step`'s kind. */
function exporterOf(step: Step): StepExporter<Step> {
  return exporters[kindOf(step)] as StepExporter<Step>;
}

export function djangoLines(step: Step, context: StepContext): string[] {
  return exporterOf(step).django(step, context);
}

export function curlLines(step: Step, context: StepContext): string[] {
  return exporterOf(step).curl(step, context);
}

export function requirementOf(step: Step, context: StepContext): Requirement | null {
  return exporterOf(step).requires?.(step, context) ?? null;
}

/** What kind of request Chrome made, when it is not a plain same-site navigation. */
function chromeNotes(spec: StepOf<'request'>['request'], record: StepRecord): string[] {
  const notes: string[] = [];
  const kind = spec.kind ?? 'navigation';
  if (kind === 'fetch') {
    notes.push(`Chrome: fetch() from a page of ${spec.initiator ?? new URL(spec.url).origin}, credentials: ${spec.credentials ?? 'include'}.`);
  } else if (spec.initiator !== undefined) {
    notes.push(`Chrome: a navigation started by a page of ${spec.initiator}.`);
  }
  if (record.effects.exchange?.sent.withheld) notes.push('It sent no cookies and ignored every Set-Cookie of the answer.');
  return notes;
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

/** Text inside a shell comment stays on its line. */
function shellComment(text: string): string {
  return JSON.stringify(text);
}
