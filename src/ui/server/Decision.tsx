import type { ServerTrace } from '../../sim/django/site';
import { DECISION_TEXT, describeAuthEvent, describeSessionCall, describeStoreEvent, type TraceEvent } from '../../sim/django/trace';
import type { Identity } from '../../state/identity';
import type { Frame } from '../../state/playground';
import { KeyChip } from '../KeyChip';
import { describeStep } from '../stepText';

type Identities = Map<string, Identity>;

/** What the server did at the selected step: SessionMiddleware's decision and every event, in words. */
export function Decision({ frame, step, identities }: { frame: Frame; step: number; identities: Identities }) {
  const { record, log } = frame;
  if (record === null || log === null) {
    return <p className="decision-none">Start of the run: no request has reached the server yet.</p>;
  }
  if (record.error) {
    return <p className="decision-none">The playground refused step {step} ({describeStep(log)}), so nothing ran: {record.error}</p>;
  }
  const exchange = record.effects.exchange;
  if (exchange) return <RequestDecision trace={exchange.trace} status={exchange.response.status} step={step} summary={describeStep(log)} identities={identities} />;
  if (record.effects.events) return <ClearSessions events={record.effects.events} step={step} identities={identities} />;
  if (record.effects.servers) {
    return (
      <div className="decision-none">
        <p>Step {step} ({describeStep(log)}) sent no request; the servers changed:</p>
        <ul>{record.effects.servers.map((sentence, i) => <li key={i}>{sentence}</li>)}</ul>
      </div>
    );
  }
  return (
    <p className="decision-none">
      Step {step} ({describeStep(log)}) sent no request, so the server did nothing: no code runs on it between requests.
    </p>
  );
}

function Flag({ name, value }: { name: string; value: boolean }) {
  return (
    <li className={value ? 'flag flag-yes' : 'flag flag-no'}>
      {name}: <strong>{value ? 'yes' : 'no'}</strong>
    </li>
  );
}

function RequestDecision({ trace, status, step, summary, identities }: {
  trace: ServerTrace;
  status: number;
  step: number;
  summary: string;
  identities: Identities;
}) {
  const d = trace.session;
  const cookie =
    d.cookie === 'set'
      ? `set${d.maxAge === null ? ' (no Max-Age: it ends when the browser closes)' : ` (Max-Age=${d.maxAge})`}`
      : d.cookie;
  return (
    <div className="decision">
      <h3>SessionMiddleware, step {step}</h3>
      <p className="decision-request">
        {summary}
        {trace.view ? <> · URL pattern <code>{trace.view}</code></> : ' · no URL pattern matched'}
      </p>
      <p>
        Request carried {d.cookieName}: {d.requestKey === null ? <em>none</em> : <KeyChip value={d.requestKey} identities={identities} />}
      </p>
      <ul className="flags" aria-label="Session flags">
        <Flag name="accessed" value={d.accessed} />
        <Flag name="modified" value={d.modified} />
        <Flag name="empty" value={d.empty} />
      </ul>
      <ul className="flags" aria-label="What SessionMiddleware did">
        <Flag name="saved" value={d.saved} />
        <li className="flag">cookie: <strong>{cookie}</strong></li>
        <li className="flag">Vary: <strong>{d.vary ? 'Cookie' : 'not added'}</strong></li>
      </ul>
      <p className="decision-reason">{DECISION_TEXT[d.reason]}</p>
      {d.sessionKey !== null && d.sessionKey !== '' && (
        <p>Session key after the request: <KeyChip value={d.sessionKey} identities={identities} /></p>
      )}
      {trace.viewError && (
        <p className="server-error">The view raised <code>{trace.viewError}</code>, so Django answered {status}.</p>
      )}
      {d.error && (
        <p className="server-error">
          Error while saving: <code>{d.error}</code> → {d.failureStatus ?? status}
        </p>
      )}
      <Events events={trace.events} identities={identities} />
    </div>
  );
}

function ClearSessions({ events, step, identities }: { events: TraceEvent[]; step: number; identities: Identities }) {
  const deleted = events.flatMap((e) => (e.kind === 'store' && e.op === 'deleted' ? [e.key] : []));
  return (
    <div className="decision">
      <h3>manage.py clearsessions, step {step}</h3>
      {deleted.length === 0 ? (
        <p>It deleted nothing.</p>
      ) : (
        <p>
          It deleted {deleted.length} expired session{deleted.length === 1 ? '' : 's'}:{' '}
          {deleted.map((key) => <KeyChip key={key} value={key} identities={identities} />)}
        </p>
      )}
      <Events events={events} identities={identities} />
    </div>
  );
}

function describe(event: TraceEvent): string {
  if (event.kind === 'store') return describeStoreEvent(event);
  if (event.kind === 'auth') return describeAuthEvent(event);
  return describeSessionCall(event);
}

function Events({ events, identities }: { events: TraceEvent[]; identities: Identities }) {
  if (events.length === 0) return null;
  return (
    <>
      <h4>What happened, in order</h4>
      <ol className="events">
        {events.map((event, i) => (
          <li key={i}>
            {event.kind === 'store' && 'key' in event && <><KeyChip value={event.key} identities={identities} />{' '}</>}
            {describe(event)}
          </li>
        ))}
      </ol>
    </>
  );
}
