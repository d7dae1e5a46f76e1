import type { ReactNode } from 'react';
import { NOT_SENT_TEXT, readabilityText, REJECT_TEXT, WITHHELD_TEXT } from '../../sim/browser';
import type { Exchange } from '../../sim/world';
import { cookiePairs, formBody, hostOf, requestLine, statusLine } from './httpText';
import { OutcomeList } from './OutcomeList';
import { CookiePair, SetCookieValue, type WireProps } from './WireValue';

function Line({ children }: { children: ReactNode }) {
  return <div className="wire-line">{children}</div>;
}

function Header({ name, children }: { name: string; children: ReactNode }) {
  return <Line><span className="wire-header-name">{name}:</span> {children}</Line>;
}

/** A body longer than this many characters starts folded. */
const LONG_BODY = 400;

function Body({ text }: { text: string }) {
  if (text.length <= LONG_BODY) return <Line>{text}</Line>;
  return (
    <details className="wire-body">
      <summary>Body: {new TextEncoder().encode(text).length} bytes (show)</summary>
      <Line>{text}</Line>
    </details>
  );
}

const BLANK = <div className="wire-line wire-blank" aria-hidden="true">{' '}</div>;

/** One exchange as raw HTTP text, with what the browser left out and what it did with each Set-Cookie. */
export function ExchangeView({ exchange, ...wire }: { exchange: Exchange } & WireProps) {
  const { request, response, sent, info } = exchange;
  const hasForm = Object.keys(request.form).length > 0;
  const hasBody = hasForm || request.method === 'POST';
  const started = info.initiator ? `started by ${info.initiator}` : 'started by the site itself';
  const rejected = exchange.stored.filter((o) => o.result === 'rejected');
  const readability = readabilityText(info, exchange.profile, request.cookie !== null);
  return (
    <div className="exchange">
      {rejected.length > 0 && (
        <div className="exchange-rejected" role="note" aria-label="Rejected Set-Cookie">
          <strong>⚠ The browser rejected {rejected.length === 1 ? 'a Set-Cookie line' : `${rejected.length} Set-Cookie lines`}:</strong>
          <ul>
            {rejected.map((o, i) => (
              <li key={i}>
                <code><SetCookieValue line={o.line} {...wire} /></code>
                {o.reason && <span className="reason"><span className="reason-code">{o.reason}</span> {REJECT_TEXT[o.reason]}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="exchange-context">
        Profile <strong>{exchange.profile}</strong> · {info.kind === 'fetch' ? `fetch() from a script, credentials: '${info.credentials ?? 'include'}'` : 'top-level navigation'} · {started}
      </p>
      {sent.withheld && <p className="not-sent"><span className="reason-code">{sent.withheld}</span> {WITHHELD_TEXT[sent.withheld]}</p>}
      <h4 className="wire-title">Request</h4>
      <div className="wire" role="group" aria-label="Request">
        <Line>{requestLine(request.method, request.url)}</Line>
        <Header name="Host">{hostOf(request.url)}</Header>
        {request.cookie !== null && (
          <Header name="Cookie">
            {wire.raw ? request.cookie : cookiePairs(request.cookie).map((pair, i) => (
              <span key={i}>{i > 0 && '; '}<CookiePair {...pair} {...wire} /></span>
            ))}
          </Header>
        )}
        {hasBody && <Header name="Content-Type">application/x-www-form-urlencoded</Header>}
        {hasBody && BLANK}
        {hasForm && <Line>{formBody(request.form)}</Line>}
      </div>
      {sent.notSent.length > 0 && (
        <div className="not-sent">
          <h5>Not sent</h5>
          <ul>
            {sent.notSent.map(({ cookie, reason }, i) => (
              <li key={i}>
                <code><CookiePair name={cookie.name} value={cookie.value} {...wire} /></code>
                <span className="reason"><span className="reason-code">{reason}</span> {NOT_SENT_TEXT[reason]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h4 className="wire-title">Response</h4>
      {readability && <p className="exchange-readability">{readability}</p>}
      <div className="wire" role="group" aria-label="Response">
        <Line>{statusLine(response.status)}</Line>
        {response.headers.map(([name, value], i) => (
          <Header key={i} name={name}>
            {name.toLowerCase() === 'set-cookie' ? <SetCookieValue line={value} {...wire} /> : value}
          </Header>
        ))}
        {BLANK}
        {response.body !== '' && <Body text={response.body} />}
      </div>
      <OutcomeList outcomes={exchange.stored} profile={exchange.profile} title="Set-Cookie in the browser" {...wire} />
    </div>
  );
}
