import { useMemo } from 'react';
import { describeStoreEvent } from '../../sim/django/trace';
import type { Step } from '../../sim/scenario/schema';
import { diffRows } from '../../state/diff';
import type { Frame } from '../../state/playground';
import { cookieId, jarOf } from '../browser/cookieText';
import { formatClock } from '../ClockControls';
import { KeyChip } from '../KeyChip';
import { formatDuration } from '../stepText';
import { OutcomeList } from './OutcomeList';
import { CookiePair, type WireProps } from './WireValue';

/** What a step without an HTTP exchange did: the clock, a restart, a hand edit, a copy, clearsessions. */
export function StepSummary({ frame, previous, ...wire }: { frame: Frame; previous: Frame | null } & WireProps) {
  const record = frame.record!;
  const step: Step = frame.log!.step;
  const effects = record.effects;

  // Cookies whose time ran out while the clock moved, profile by profile.
  const expired = useMemo(() => {
    if (!('advance_seconds' in step) || !previous) return [];
    return previous.world.browser.names().flatMap((profile) =>
      diffRows(jarOf(previous.world, profile), jarOf(frame.world, profile), cookieId).rows
        .filter((r) => r.mark === 'removed')
        .map((r) => ({ profile, cookie: r.row })),
    );
  }, [step, previous, frame]);

  if ('advance_seconds' in step) {
    return (
      <div className="step-summary">
        <p>The clock moved forward {formatDuration(step.advance_seconds)}; it is now {formatClock(frame.world.now)}.</p>
        {expired.length > 0 ? (
          <>
            <p>These cookies expired and left their jars:</p>
            <ul>
              {expired.map(({ profile, cookie }, i) => (
                <li key={i}><code><CookiePair name={cookie.name} value={cookie.value} {...wire} /></code> <span className="muted">({profile})</span></li>
              ))}
            </ul>
          </>
        ) : <p className="muted">No cookie expired.</p>}
      </div>
    );
  }
  if ('close_browser' in step) {
    const dropped = effects.dropped ?? [];
    return (
      <div className="step-summary">
        <p>The browser of <strong>{step.close_browser}</strong> was restarted.</p>
        {dropped.length > 0 ? (
          <>
            <p>It dropped its session cookies (those without Expires or Max-Age):</p>
            <ul>
              {dropped.map((cookie, i) => (
                <li key={i} className="outcome outcome-deleted"><code><CookiePair name={cookie.name} value={cookie.value} {...wire} /></code></li>
              ))}
            </ul>
          </>
        ) : <p className="muted">It had no session cookies to drop; cookies with an expiry stay.</p>}
      </div>
    );
  }
  if ('set_cookie_by_hand' in step) {
    const { browser, name } = step.set_cookie_by_hand;
    return (
      <div className="step-summary">
        <p>A cookie <code>{name}</code> was written by hand into the jar of <strong>{browser}</strong> (as in DevTools).</p>
        <OutcomeList outcomes={effects.outcomes ?? []} profile={browser} title="In the browser" {...wire} />
      </div>
    );
  }
  if ('copy_cookie' in step) {
    const { from, to, name } = step.copy_cookie;
    const outcomes = effects.outcomes ?? [];
    return (
      <div className="step-summary">
        <p>Every <code>{name}</code> cookie of <strong>{from}</strong> was copied into the jar of <strong>{to}</strong>.</p>
        {outcomes.length > 0
          ? <OutcomeList outcomes={outcomes} profile={to} title="In the browser" {...wire} />
          : <p className="muted">{from} had no cookie named <code>{name}</code>: nothing was copied.</p>}
      </div>
    );
  }
  const events = (effects.events ?? []).filter((e) => e.kind === 'store');
  return (
    <div className="step-summary">
      <p>The server ran <code>manage.py clearsessions</code>.</p>
      {events.length > 0 ? (
        <ul>
          {events.map((event, i) => (
            <li key={i}>
              {describeStoreEvent(event)}{' '}
              {'key' in event && <KeyChip value={event.key} identities={wire.identities} />}
            </li>
          ))}
        </ul>
      ) : <p className="muted">Nothing had expired: nothing was deleted.</p>}
    </div>
  );
}
