import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { NOT_SENT_TEXT, REJECT_TEXT } from '../../sim/browser';
import { describeStoreEvent } from '../../sim/django/trace';
import { sessionIdentities, type Identity } from '../../state/identity';
import { usePlayground } from '../../state/playground';
import { sequenceLanes, sequenceStep, visibleWindow, type Arrow, type HeldBack, type Lane, type SequenceStep, type SetCookieLabel } from '../../state/sequence';
import { KeyChip } from '../KeyChip';
import { describeRecord } from '../stepText';
import { useRecordedRun } from '../useRecordedRun';

/** Steps drawn at once: the diagram stays as fast on a run of 500 steps as on one of 5. */
const WINDOW = 6;
/** A step taken at least this long after the last one is drawn in (the drawing takes 0.45 to 0.8 s). */
const DRAW_IN_AFTER_MS = 500;

// The selection's last move, and whether it came soon after the one before: noted as the
// store changes, outside any render, by a listener older than any component's.
let lastMove = { cursor: usePlayground.getState().cursor, at: -Infinity, quick: false };
usePlayground.subscribe(({ cursor }) => {
  if (cursor === lastMove.cursor) return;
  const at = performance.now();
  lastMove = { cursor, at, quick: at - lastMove.at < DRAW_IN_AFTER_MS };
});
const lastMoveNow = () => lastMove;

const STORE_VERB: Record<string, string> = {
  read: 'read',
  not_found: 'not found',
  expired: 'expired',
  bad_signature: 'bad signature',
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  culled: 'culled',
  invalid_key: 'invalid key',
};

const HELD_TEXT: Record<HeldBack['reason'], string> = {
  ...NOT_SENT_TEXT,
  CredentialsOmit: REJECT_TEXT.CredentialsOmit,
  CredentialsSameOriginOnly: REJECT_TEXT.CredentialsSameOriginOnly,
};

/** One drawn row: an arrow between two lanes (maybe crossed out) or a note in one lane. */
interface Row {
  from: number;
  to: number;
  crossed?: boolean;
  note?: boolean;
  small?: boolean;
  label: ReactNode;
  /** The row in words, for screen readers and the text version. */
  text: string;
  detail?: string;
}

function chipText(value: string, identities: Map<string, Identity>): string {
  const identity = identities.get(value);
  if (identity) return identity.label;
  return value.length > 14 ? `${value.slice(0, 12)}…` : value || '""';
}

function setCookieText(c: SetCookieLabel, identities: Map<string, Identity>): string {
  const age = c.deletes ? 'deletes it' : c.maxAge === null ? 'no Max-Age: ends with the browser' : `Max-Age=${c.maxAge}`;
  return `Set-Cookie: ${c.name}=${chipText(c.value, identities)} … ${age}`;
}

function rowsOf(step: SequenceStep, lanes: Lane[], identities: Map<string, Identity>): Row[] {
  const at = (id: string) => lanes.findIndex((l) => l.id === id);
  const name = (id: string) => lanes[at(id)]?.label ?? id;
  const chip = (value: string) => <KeyChip value={value} identities={identities} />;
  const rows: Row[] = [];
  for (const arrow of step.arrows) rows.push(...arrowRows(arrow));
  return rows;

  function arrowRows(arrow: Arrow): Row[] {
    switch (arrow.kind) {
      case 'starts': {
        const how = { link: 'a link (GET navigation)', form: 'a form POST', fetch: 'a script: fetch()' }[arrow.how];
        return [{ from: at(arrow.from), to: at(arrow.to), small: true, label: <>starts {how}</>, text: `${name(arrow.from)} starts ${how} in ${name(arrow.to)}` }];
      }
      case 'request': {
        const cookies = arrow.cookies.length === 0 ? 'no Cookie header' : `Cookie: ${arrow.cookies.map((c) => `${c.name}=${chipText(c.value, identities)}`).join('; ')}`;
        const sent: Row = {
          from: at(arrow.from),
          to: at(arrow.to),
          label: (
            <>
              <strong>{arrow.method} {arrow.path}</strong>{' '}
              {arrow.cookies.length === 0 ? <span className="seq-muted">no Cookie</span> : (
                <span>Cookie: {arrow.cookies.map((c, i) => <span key={i}>{i > 0 && '; '}{c.name}={chip(c.value)}</span>)}</span>
              )}
            </>
          ),
          text: `${name(arrow.from)} sends ${arrow.method} ${arrow.host}${arrow.path} to ${name(arrow.to)}, ${cookies}`,
        };
        const held = arrow.heldBack.map((h): Row => ({
          from: at(arrow.from),
          to: at(arrow.to),
          crossed: true,
          small: true,
          label: <>{h.name === '*' ? 'no cookies' : <>{h.name}={chip(h.value)}</>} held back: <code>{h.reason}</code></>,
          text: `${h.name === '*' ? 'every cookie' : `${h.name}=${chipText(h.value, identities)}`} held back by the browser: ${h.reason}. ${HELD_TEXT[h.reason]}`,
          detail: HELD_TEXT[h.reason],
        }));
        return [sent, ...held];
      }
      case 'store': {
        const verb = STORE_VERB[arrow.op] ?? arrow.op;
        return [{
          from: at(arrow.from),
          to: at(arrow.to),
          small: true,
          label: <>{verb} {arrow.keys.slice(0, 3).map((k, i) => <span key={i}>{chip(k)} </span>)}{arrow.keys.length > 3 && `+${arrow.keys.length - 3} `}<span className="seq-where">· {arrow.where}</span></>,
          text: `${name(arrow.from)} → ${name(arrow.to)} (${arrow.where}): ${verb} ${arrow.keys.map((k) => chipText(k, identities)).join(', ')}. ${describeStoreEvent(arrow.event)}`,
        }];
      }
      case 'response': {
        const applied = arrow.setCookies.filter((c) => c.result !== 'rejected');
        const refused = arrow.setCookies.filter((c) => c.result === 'rejected');
        const response: Row = {
          from: at(arrow.from),
          to: at(arrow.to),
          label: (
            <>
              <strong>{arrow.status}</strong>{' '}
              {applied.map((c, i) => (
                <span key={i} className="seq-setcookie">
                  Set-Cookie: {c.name}={chip(c.value)} … {c.deletes ? <em>deletes it</em> : c.maxAge === null ? <em>no Max-Age</em> : `Max-Age=${c.maxAge}`}
                </span>
              ))}
            </>
          ),
          text: `${name(arrow.from)} answers ${arrow.status}${applied.length ? `, ${applied.map((c) => setCookieText(c, identities)).join(', ')}` : ', no Set-Cookie the browser applied'}`,
        };
        const crossed = refused.map((c): Row => ({
          from: at(arrow.from),
          to: at(arrow.to),
          crossed: true,
          small: true,
          label: <>Set-Cookie {c.name}={chip(c.value)} refused: <code>{c.reason}</code></>,
          text: `${setCookieText(c, identities)} refused by the browser: ${c.reason}. ${c.reason ? REJECT_TEXT[c.reason] : ''}`,
          detail: c.reason ? REJECT_TEXT[c.reason] : undefined,
        }));
        return [response, ...crossed];
      }
      case 'note':
        return [{ from: at(arrow.lane), to: at(arrow.lane), note: true, small: true, label: arrow.text, text: `${name(arrow.lane)}: ${arrow.text}` }];
    }
  }
}

/**
 * The run as a sequence diagram: one lane per actor, one arrow per message,
 * the store's operations as small arrows and held-back cookies crossed out.
 * It follows the timeline: the selected step is highlighted and clicking an
 * arrow selects its step. Only a window of steps around the selection is drawn.
 */
export function SequenceDiagram() {
  const recorded = useRecordedRun();
  const logs = usePlayground((s) => s.logs);
  const cookieName = usePlayground((s) => s.current.world.settings.SESSION_COOKIE_NAME);
  const goTo = usePlayground((s) => s.goTo);
  // The step records read the whole run (the lanes are every actor's): until they are at hand, the run drawn before.
  const records = useMemo(() => recorded?.frames.slice(1).map((f) => f.record!) ?? [], [recorded?.frames]);
  const last = records.length;
  const selected = usePlayground((s) => s.cursor);
  const cursor = Math.min(selected, last);
  const lanes = useMemo(() => sequenceLanes(records), [records]);
  const identities = sessionIdentities(logs, cookieName);
  const { first, end } = visibleWindow(cursor, last, WINDOW);
  const steps: SequenceStep[] = [];
  for (let i = first; i <= end; i++) steps.push(sequenceStep(records[i - 1], i, lanes));

  // Stepping forward by one after a pause draws the new step's arrows in; anything else appears at once:
  // a learner holding → or clicking Next quickly would see each drawing cut short by the next step.
  // (Only once the records are the run's as it is now: the moment before, the last run's are drawn.)
  const move = useSyncExternalStore(usePlayground.subscribe, lastMoveNow);
  const [shown, setShown] = useState({ cursor: selected, entering: null as number | null });
  if (recorded?.current && shown.cursor !== selected) {
    const quick = move.cursor === selected && move.quick;
    setShown({ cursor: selected, entering: selected === shown.cursor + 1 && !quick ? selected : null });
  }
  const entering = shown.cursor === selected ? shown.entering : null;

  const body = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // Keep the selected step in view inside the diagram's own scroll box (never scrolling the page):
  // down to it, and across to its arrows when the lanes are wider than the box (from their left end
  // when they are wider still). Measured at the next frame, the layout it reads is the one the frame
  // makes anyway: read here, in the step's own event, it would lay the page out once per step.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const box = scroller.current;
      const selected = box?.querySelector<HTMLElement>('.seq-selected');
      if (!box || !selected) return;
      const origin = box.getBoundingClientRect();
      const heads = box.querySelector<HTMLElement>('.seq-heads')?.offsetHeight ?? 0;
      const top = selected.getBoundingClientRect().top - origin.top + box.scrollTop - heads;
      const bottom = top + heads + selected.offsetHeight;
      if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight;
      if (top < box.scrollTop) box.scrollTop = top;
      const arrows = [...selected.querySelectorAll('.seq-row')].map((row) => row.getBoundingClientRect());
      if (arrows.length === 0) return;
      const left = Math.min(...arrows.map((a) => a.left)) - origin.left + box.scrollLeft;
      const right = Math.max(...arrows.map((a) => a.right)) - origin.left + box.scrollLeft;
      if (right > box.scrollLeft + box.clientWidth) box.scrollLeft = Math.min(left, right - box.clientWidth);
      if (left < box.scrollLeft) box.scrollLeft = left;
    });
    return () => cancelAnimationFrame(frame);
  }, [cursor, records]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(body.current?.querySelectorAll<HTMLButtonElement>('.seq-item') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[Math.max(0, Math.min(items.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    event.preventDefault();
    for (const item of items) item.tabIndex = item === next ? 0 : -1;
    next.focus();
  };

  const columns = { '--lanes': lanes.length } as CSSProperties;
  const summary = last === 0 ? 'no steps yet' : `steps ${first} to ${end} of ${last}`;
  const focusFrame = steps.some((s) => s.frame === cursor) ? cursor : steps[0]?.frame;
  const text: string[] = [];

  return (
    <figure className="picture seq" aria-labelledby="seq-caption">
      <figcaption id="seq-caption">
        Sequence diagram <span className="seq-muted">({summary}; the window follows the selected step)</span>
      </figcaption>
      <div className="seq-scroll" ref={scroller}>
        <div className="seq-grid" style={columns} role="group" aria-label={`Sequence diagram, ${summary}: up and down arrow keys move between the arrows`} ref={body} onKeyDown={onKeyDown}>
          {lanes.map((lane, i) => (
            <div key={`line-${lane.id}`} aria-hidden="true" className="seq-lifeline" style={{ '--lane': i } as CSSProperties} />
          ))}
          <div className="seq-heads">
            {lanes.map((lane) => <div key={lane.id} className={`seq-lane-head seq-lane-${lane.kind}`}>{lane.label}</div>)}
          </div>
          {last === 0 && <p className="seq-empty">Send a request: its arrows appear here.</p>}
          {steps.map((step) => {
            const rows = rowsOf(step, lanes, identities);
            const selected = step.frame === cursor;
            const title = `Step ${step.frame} · ${step.clock.slice(11, 19)} · ${describeRecord(records[step.frame - 1])}`;
            text.push(title, ...rows.map((r) => `  ${r.text}`));
            return (
              <div key={step.frame} className={`seq-step${selected ? ' seq-selected' : ''}${step.frame === entering ? ' seq-enter' : ''}`} aria-current={selected ? 'step' : undefined}>
                <button
                  type="button"
                  className="seq-item seq-step-title"
                  tabIndex={step.frame === focusFrame ? 0 : -1}
                  onClick={() => goTo(step.frame)}
                >
                  {title}{step.error && <span className="seq-error"> refused: {step.error}</span>}
                </button>
                {rows.map((row, i) => {
                  const from = Math.min(row.from, row.to);
                  const to = Math.max(row.from, row.to);
                  const style = { gridColumn: `${from + 1} / ${to + 2}`, '--span': to - from + 1 } as CSSProperties;
                  const dir = row.note ? 'note' : row.to >= row.from ? 'right' : 'left';
                  return (
                    <button
                      key={i}
                      type="button"
                      className={`seq-item seq-row seq-${dir}${row.crossed ? ' seq-crossed' : ''}${row.small ? ' seq-small' : ''}`}
                      style={style}
                      tabIndex={-1}
                      title={row.detail}
                      onClick={() => goTo(step.frame)}
                    >
                      {/* The sentence is the name; the drawn label (chips, codes) says the same in short. */}
                      <span className="visually-hidden">Step {step.frame}: {row.text}</span>
                      <span className="seq-label" aria-hidden="true">{row.label}</span>
                      {!row.note && <span className="seq-line" aria-hidden="true" />}
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <details className="picture-text">
        <summary>The diagram as text</summary>
        <pre>{text.join('\n')}</pre>
      </details>
    </figure>
  );
}
