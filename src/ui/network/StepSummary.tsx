import { describeStoreEvent } from '../../sim/django/trace';
import { stepKindOf } from '../../sim/scenario/steps';
import type { Frame } from '../../state/playground';
import { KeyChip } from '../KeyChip';
import { OutcomeList } from './OutcomeList';
import { CookiePair, type WireProps } from './WireValue';

/** What a step without an HTTP exchange did, as its step kind tells it. */
export function StepSummary({ frame, previous, ...wire }: { frame: Frame; previous: Frame | null } & WireProps) {
  const record = frame.record!;
  const step = frame.log!.step;
  const parts = stepKindOf(step).summarize(step, { effects: record.effects, before: previous?.world ?? null, after: frame.world });
  return (
    <div className="step-summary">
      {parts.map((part, i) => {
        switch (part.kind) {
          case 'text':
            return <p key={i} className={part.muted ? 'muted' : undefined}>{part.text}</p>;
          case 'cookies':
            return (
              <div key={i}>
                <p>{part.intro}</p>
                <ul>
                  {part.cookies.map(({ profile, cookie }, j) => (
                    <li key={j} className={part.removed ? 'outcome outcome-deleted' : undefined}>
                      <code><CookiePair name={cookie.name} value={cookie.value} {...wire} /></code> <span className="muted">({profile})</span>
                    </li>
                  ))}
                </ul>
              </div>
            );
          case 'outcomes':
            return <OutcomeList key={i} outcomes={part.outcomes} profile={part.profile} title="In the browser" {...wire} />;
          case 'events':
            return (
              <ul key={i}>
                {part.events.map((event, j) => (
                  <li key={j}>
                    {describeStoreEvent(event)}{' '}
                    {'key' in event && <KeyChip value={event.key} identities={wire.identities} />}
                  </li>
                ))}
              </ul>
            );
        }
      })}
    </div>
  );
}
