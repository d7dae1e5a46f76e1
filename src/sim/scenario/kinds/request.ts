/** An HTTP request from a browser profile: a navigation or a page's fetch(). */
import { ownRecord, z } from '../../zod.ts';
import { NOT_SENT_TEXT, REJECT_TEXT } from '../../browser/reasons.ts';
import { labelJson } from '../../export/keys.ts';
import { pyLiteral, pyString } from '../../export/python.ts';
import { shellQuote } from '../../export/shell.ts';
import type { StepRecord } from '../run.ts';
import { memoize } from '../../memo.ts';
import { defineStepKind } from './kind.ts';
import { profileName, workerName } from './fields.ts';

// Remembered: a long run repeats a few URLs thousands of times, and parsing each is most of checking it.
const isAbsoluteHttpUrl = memoize(1000, (text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol));

const requestSchema = z.lazy(() =>
  z.strictObject({
    method: z.string().regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET or POST'),
    url: z.string().refine(isAbsoluteHttpUrl, 'must be an absolute http:// or https:// URL'),
    form: ownRecord(z.string()).optional(),
    browser: profileName.optional(),
    // An origin is what a page's URL reduces to: scheme and host, no path, no default port.
    initiator: z.string().refine(
      (text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol) && new URL(text).origin === text,
      'must be an origin such as https://evil.example (scheme and host, no path or trailing slash)',
    ).optional(),
    kind: z.enum(['navigation', 'fetch']).optional(),
    credentials: z.enum(['include', 'same-origin', 'omit']).optional(),
    worker: workerName.optional(),
  }).check((ctx) => {
    // A navigation always carries the browser's cookies: only fetch() has a credentials mode.
    if (ctx.value.credentials !== undefined && ctx.value.kind !== 'fetch') {
      ctx.issues.push({ code: 'custom', path: ['credentials'], message: 'is only for kind "fetch" (a navigation always sends cookies)', input: ctx.value });
    }
  }),
);

export type RequestSpec = z.infer<typeof requestSchema>;

export const request = defineStepKind(() => z.strictObject({ request: requestSchema }), {
  run: async (world, step, transport) => ({ exchange: await world.request(step.request, transport) }),
  profiles: (step) => [step.request.browser ?? 'default'],
  actsIn: (step) => step.request.browser ?? 'default',
  worker: (step) => (step.request.worker === undefined ? null : { name: step.request.worker, path: ['request', 'worker'] }),
  requestOf: (step) => step.request,
  label: (step) => {
    const { method, url, browser, worker } = step.request;
    const target = new URL(url);
    const where = [browser && browser !== 'default' ? browser : null, worker ? `worker ${worker}` : null].filter(Boolean).join(', ');
    return `${method.toUpperCase()} ${target.pathname}${target.search}${where ? ` (${where})` : ''}`;
  },
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
});

/** What kind of request Chrome made, when it is not a plain same-site navigation. */
function chromeNotes(spec: RequestSpec, record: StepRecord): string[] {
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
