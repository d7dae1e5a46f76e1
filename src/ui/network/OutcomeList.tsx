import { REJECT_TEXT, type SetCookieOutcome } from '../../sim/browser';
import { CookiePair, SetCookieValue, type WireProps } from './WireValue';

/** What the jar did with each Set-Cookie line (or hand-written cookie): stored, replaced, deleted, or rejected with its reason. */
export function OutcomeList({ outcomes, profile, title, ...wire }: { outcomes: SetCookieOutcome[]; profile: string; title: string } & WireProps) {
  if (outcomes.length === 0) return null;
  return (
    <div className="outcomes">
      <h5>{title} <span className="muted">({profile})</span></h5>
      <ul>
        {outcomes.map((outcome, i) => (
          <li key={i} className={`outcome outcome-${outcome.result}`}>
            {outcome.result === 'rejected' ? (
              <>
                <span className="outcome-result">rejected</span>{' '}
                <s><code><SetCookieValue line={outcome.line} {...wire} /></code></s>
                {outcome.reason && (
                  <span className="reason"><span className="reason-code">{outcome.reason}</span> {REJECT_TEXT[outcome.reason]}{outcome.detail && ` Here ${outcome.detail}.`}</span>
                )}
              </>
            ) : (
              <>
                <span className="outcome-result">{outcome.result}</span>{' '}
                {outcome.cookie
                  ? <code><CookiePair name={outcome.cookie.name} value={outcome.cookie.value} {...wire} /></code>
                  : <span className="muted">nothing to delete: no such cookie in the jar</span>}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
