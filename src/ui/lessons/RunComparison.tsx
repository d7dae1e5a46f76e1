import { cookieHeaderPairs, setCookieParts } from '../../sim/browser/cookieText';
import type { Lesson } from '../../lessons/types';
import type { StepRecord } from '../../sim/scenario/run';
import type { TranscriptEntry } from '../../sim/scenario/transcript';

/** `sessionid=abc…` for a Set-Cookie line, with the attributes that tell runs apart. */
function setCookieText(line: string): string {
  const { name, value, rest } = setCookieParts(line);
  const shown = rest.split(';').map((part) => part.trim()).filter((a) => /^(max-age|secure|samesite)/i.test(a));
  return `${name}=${value === '""' || value === '' ? '""' : `${value.slice(0, 6)}…`}${shown.length ? `; ${shown.join('; ')}` : ''}`;
}

function wireText(entry: TranscriptEntry): string {
  if (!entry.request) return 'no request';
  const cookie = entry.request.cookie === null ? 'no Cookie' : `Cookie: ${cookieHeaderPairs(entry.request.cookie).map((p) => p.name).join(', ')}`;
  const setCookies = entry.response?.set_cookie ?? [];
  return `${cookie} → ${entry.response?.status ?? '?'}${setCookies.length ? `, Set-Cookie: ${setCookies.map(setCookieText).join(', ')}` : ', no Set-Cookie'}`;
}

const compact = (data: unknown) => JSON.stringify(data) ?? 'null';

function storeText(entry: TranscriptEntry): string {
  const { db, cache, files } = entry.store;
  const parts: string[] = [];
  if (db) parts.push(`django_session: ${db.length === 0 ? 'empty' : db.map((r) => compact(r.data)).join(', ')}`);
  if (cache) parts.push(`cache: ${cache.length === 0 ? 'empty' : cache.map((e) => compact(e.data)).join(', ')}`);
  if (files) parts.push(`files: ${files.length === 0 ? 'none' : files.map((f) => (f.data === null ? 'empty file' : compact(f.data))).join(', ')}`);
  return parts.length ? parts.join('; ') : 'nothing: signed_cookies keeps no server state';
}

/**
 * The same lesson step in every run, side by side: what went over the wire
 * and what the server holds afterwards, from the runs' own records.
 */
export function RunComparison({ lesson, records, step, shownRun }: {
  lesson: Lesson;
  records: Record<string, StepRecord[]>;
  step: number;
  shownRun: string;
}) {
  return (
    <section className="run-comparison" aria-label={`Step ${step} in every run`}>
      <h3>Step {step} in every run</h3>
      <ul className="run-cards">
        {lesson.runs.map((run) => {
          const entry = records[run.id]?.[step - 1]?.entry;
          return (
            <li key={run.id} className={run.id === shownRun ? 'run-shown' : undefined}>
              <h4>
                {run.label}
                {run.id === shownRun && <span className="run-shown-mark"> (in the panels)</span>}
              </h4>
              <dl>
                <dt>Wire</dt>
                <dd><code>{entry ? wireText(entry) : '…'}</code></dd>
                <dt>Server holds</dt>
                <dd><code>{entry ? storeText(entry) : '…'}</code></dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
