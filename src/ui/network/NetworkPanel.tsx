import { stepKindOf } from '../../sim/scenario/steps';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Frame } from '../../state/playground';
import { usePlayground } from '../../state/playground';
import { useSelectedStep } from '../hooks';
import { describeStep } from '../stepText';
import { ExchangeView } from './ExchangeView';
import { pathOf } from './httpText';
import { StepSummary } from './StepSummary';
import './network.css';

interface ListedExchange {
  index: number;
  method: string;
  path: string;
  status: number | null;
  profile: string;
  /** The worker that served it, when the run has named workers. */
  worker: string | null;
  error: boolean;
}

/** Every request step so far, as DevTools' request list. */
function listExchanges(frames: Frame[]): ListedExchange[] {
  return frames.flatMap((frame, index) => {
    const record = frame.record;
    const request = record && stepKindOf(record.entry.step).requestOf(record.entry.step);
    if (!record || !request) return [];
    const { method, url, browser } = request;
    return [{
      index,
      method: method.toUpperCase(),
      path: URL.canParse(url) ? pathOf(url) : url,
      status: record.entry.response?.status ?? null,
      profile: browser ?? 'default',
      worker: record.entry.request?.worker ?? null,
      error: record.error !== null,
    }];
  });
}

// Memoized on the frames: stepping through the timeline only moves the highlight.
const ExchangeList = memo(function ExchangeList({ exchanges, cursor }: { exchanges: ListedExchange[]; cursor: number }) {
  const goTo = usePlayground((s) => s.goTo);
  const list = useRef<HTMLOListElement>(null);
  // The selected request stays in view inside the list (only the list scrolls, never the page).
  useEffect(() => {
    const box = list.current;
    const item = box?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!box || !item) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + item.offsetHeight - box.clientHeight;
  }, [cursor, exchanges]);
  if (exchanges.length === 0) return <p className="empty">No requests yet: send one from the Browser panel.</p>;
  return (
    <ol className="exchange-list" aria-label="Requests" ref={list}>
      {exchanges.map((x) => (
        <li key={x.index}>
          <button type="button" aria-current={x.index === cursor ? 'step' : undefined} onClick={() => goTo(x.index)}>
            {/* The spaces keep the button's accessible name readable ("3 POST /login/ 200 default"). */}
            <span className="x-index">{x.index}</span>{' '}
            <span className="x-method">{x.method}</span>{' '}
            <span className="x-path">{x.path}</span>{' '}
            <span className={`x-status${x.status !== null && x.status >= 400 ? ' x-status-error' : ''}`}>
              {x.error ? '⚠ error' : x.status}
            </span>{' '}
            <span className="x-profile">
              {x.profile}
              {x.worker !== null && <>{' '}<span className="x-worker"><span className="visually-hidden">worker </span><span aria-hidden="true">@</span>{x.worker}</span></>}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
});

export function NetworkPanel() {
  const { current, previous, cursor, frames, settings, identities } = useSelectedStep();
  const [raw, setRaw] = useState(false);
  const exchanges = useMemo(() => listExchanges(frames), [frames]);
  const record = current.record;
  const wire = { sessionCookieName: settings.SESSION_COOKIE_NAME, identities, raw };

  return (
    <section className="panel panel-network" aria-labelledby="panel-network-title">
      <h2 id="panel-network-title">Network</h2>
      <ExchangeList exchanges={exchanges} cursor={cursor} />
      <div className="selected-step">
        <div className="selected-heading">
          <h3>{record ? `Step ${cursor}: ${describeStep(record)}` : 'Start'}</h3>
          <button type="button" aria-pressed={raw} onClick={() => setRaw((r) => !r)} title="Show exact bytes instead of identity chips">
            Raw text
          </button>
        </div>
        {!record && <p className="muted">Before any step. Send a request from the Browser panel to see it on the wire.</p>}
        {record?.error && <p className="step-error">This step changed nothing: {record.error}</p>}
        {record?.effects.exchange && <ExchangeView exchange={record.effects.exchange} {...wire} />}
        {record && !record.error && !stepKindOf(record.entry.step).requestOf(record.entry.step) && <StepSummary frame={current} previous={previous} {...wire} />}
      </div>
    </section>
  );
}
