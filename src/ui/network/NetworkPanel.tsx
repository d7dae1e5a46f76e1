import { stepKindOf } from '../../sim/scenario/steps';
import { memo, useMemo, useState } from 'react';
import { usePlayground, type StepLog } from '../../state/playground';
import { useSelectedStep } from '../hooks';
import { describeStep } from '../stepText';
import { VirtualList } from '../VirtualList';
import { ExchangeView } from './ExchangeView';
import { pathOf } from './httpText';
import { StepSummary } from './StepSummary';
import './network.css';

interface ListedExchange {
  index: number;
  method: string;
  /** Its path is worked out for the rows shown only: a long run lists many thousands. */
  url: string;
  status: number | null;
  profile: string;
  /** The worker that served it, when the run has named workers. */
  worker: string | null;
  error: boolean;
}

/** Every request step so far, as DevTools' request list. */
function listExchanges(logs: StepLog[]): ListedExchange[] {
  return logs.flatMap((log, i) => {
    const request = stepKindOf(log.step).requestOf(log.step);
    if (!request) return [];
    const { method, url, browser } = request;
    return [{
      index: i + 1,
      method: method.toUpperCase(),
      url,
      status: log.status,
      profile: browser ?? 'default',
      worker: log.worker,
      error: log.error !== null,
    }];
  });
}

/** Where the selected step is (or would be) in the list: the request at or before it. */
function positionOf(exchanges: ListedExchange[], cursor: number): number {
  let low = 0;
  let high = exchanges.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (exchanges[middle].index <= cursor) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A row of the request list (px): network.css gives its button this height. */
const EXCHANGE_HEIGHT = 28;

// Memoized on the logs: stepping through the timeline only moves the highlight, in the few rows shown.
const ExchangeList = memo(function ExchangeList({ exchanges, cursor }: { exchanges: ListedExchange[]; cursor: number }) {
  const goTo = usePlayground((s) => s.goTo);
  if (exchanges.length === 0) return <p className="empty">No requests yet: send one from the Browser panel.</p>;
  return (
    <VirtualList
      scrollerClassName="exchange-scroller"
      className="exchange-list"
      aria-label="Requests"
      items={exchanges}
      itemHeight={EXCHANGE_HEIGHT}
      selected={positionOf(exchanges, cursor)}
      renderItem={(x) => (
          <button type="button" aria-current={x.index === cursor ? 'step' : undefined} onClick={() => goTo(x.index)}>
            {/* The spaces keep the button's accessible name readable ("3 POST /login/ 200 default"). */}
            <span className="x-index">{x.index}</span>{' '}
            <span className="x-method">{x.method}</span>{' '}
            <span className="x-path">{URL.canParse(x.url) ? pathOf(x.url) : x.url}</span>{' '}
            <span className={`x-status${x.status !== null && x.status >= 400 ? ' x-status-error' : ''}`}>
              {x.error ? '⚠ error' : x.status}
            </span>{' '}
            <span className="x-profile">
              {x.profile}
              {x.worker !== null && <>{' '}<span className="x-worker"><span className="visually-hidden">worker </span><span aria-hidden="true">@</span>{x.worker}</span></>}
            </span>
          </button>
      )}
    />
  );
});

export function NetworkPanel() {
  const { current, previous, cursor, logs, settings, identities } = useSelectedStep();
  const [raw, setRaw] = useState(false);
  const exchanges = useMemo(() => listExchanges(logs), [logs]);
  const { record, log } = current;
  const wire = { sessionCookieName: settings.SESSION_COOKIE_NAME, identities, raw };

  return (
    <section className="panel panel-network" aria-labelledby="panel-network-title">
      <h2 id="panel-network-title">Network</h2>
      <ExchangeList exchanges={exchanges} cursor={cursor} />
      <div className="selected-step">
        <div className="selected-heading">
          <h3>{log ? `Step ${cursor}: ${describeStep(log)}` : 'Start'}</h3>
          <button type="button" aria-pressed={raw} onClick={() => setRaw((r) => !r)} title="Show exact bytes instead of identity chips">
            Raw text
          </button>
        </div>
        {!record && <p className="muted">Before any step. Send a request from the Browser panel to see it on the wire.</p>}
        {record?.error && <p className="step-error">This step changed nothing: {record.error}</p>}
        {record?.effects.exchange && <ExchangeView exchange={record.effects.exchange} {...wire} />}
        {record && log && !record.error && !stepKindOf(log.step).requestOf(log.step) && <StepSummary frame={current} previous={previous} {...wire} />}
      </div>
    </section>
  );
}
