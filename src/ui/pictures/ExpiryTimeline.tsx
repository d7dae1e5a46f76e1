import { formatIsoUtc } from '../../sim/clock';
import { StoreNotKept } from '../../sim/world';
import { axisPosition, expiryTimeline, type Bar } from '../../state/expiry';
import { sessionIdentities, type Identity } from '../../state/identity';
import { usePlayground } from '../../state/playground';
import { useRecordedRun } from '../useRecordedRun';

const LABEL_WIDTH = 170;
const STOP_WIDTH = 70;
const ROW_HEIGHT = 26;
const AXIS_HEIGHT = 38;
/** The newest bars drawn; older ones are listed in the table only. */
const MAX_BARS = 14;

const KIND_TEXT: Record<Bar['kind'], string> = {
  cookie: 'cookie',
  row: 'db row',
  cache: 'cache entry',
  file: 'session file',
  signature: 'signature',
};

const DEADLINE_TEXT: Record<Bar['kind'], string> = {
  cookie: 'Expires',
  row: 'expire_date',
  cache: 'cache expiry',
  file: '',
  signature: 'signed + SESSION_COOKIE_AGE',
};

function when(ms: number): string {
  return formatIsoUtc(ms).replace('T', ' ').replace('Z', '');
}

function barName(bar: Bar, identities: Map<string, Identity>): string {
  const chip = identities.get(bar.value)?.label ?? bar.value.slice(0, 8);
  const kind = bar.place && bar.place.includes('@') ? `${KIND_TEXT[bar.kind]} ${bar.place.split('@')[1]}` : KIND_TEXT[bar.kind];
  return `${kind} ${chip}${bar.profile ? ` (${bar.profile})` : ''}`;
}

function barSentence(bar: Bar, identities: Map<string, Identity>): string {
  const deadline = bar.deadline === null
    ? bar.kind === 'cookie' ? 'no expiry: it ends with the browser' : 'no deadline'
    : `${DEADLINE_TEXT[bar.kind]} ${when(bar.deadline)}`;
  const gone = bar.end === null ? 'still there at the end of the run' : `gone ${when(bar.end)} (${bar.ending})`;
  return `${barName(bar, identities)}: from ${when(bar.start)}, ${deadline}, ${gone}`;
}

/**
 * The lifetimes of the run's cookies, stored sessions and signatures as bars
 * on one time axis, with their deadlines, browser restarts and clearsessions,
 * and the selected step's clock. The axis spaces the moments that matter
 * evenly (ten seconds and two weeks in one picture), so it is not to scale.
 */
export function ExpiryTimeline() {
  const recorded = useRecordedRun();
  const logs = usePlayground((s) => s.logs);
  const world = usePlayground((s) => s.current.world);
  if (!recorded) return null;
  let timeline: ReturnType<typeof expiryTimeline>;
  try {
    timeline = expiryTimeline(recorded.frames);
  } catch (error) {
    if (!(error instanceof StoreNotKept)) throw error;
    return <p className="picture seq-muted" role="status">No expiry timeline for this run: {error.message}. The Server panel still shows the selected step's store.</p>;
  }
  const identities = sessionIdentities(logs, world.settings.SESSION_COOKIE_NAME);
  const { stops, markers } = timeline;
  const bars = timeline.bars.slice(-MAX_BARS);
  const x = (ms: number) => LABEL_WIDTH + axisPosition(stops, ms) * STOP_WIDTH;
  const width = LABEL_WIDTH + Math.max(1, stops.length - 1) * STOP_WIDTH + 60;
  const height = AXIS_HEIGHT + Math.max(1, bars.length) * ROW_HEIGHT + 22;
  const now = world.now;
  const runEnd = timeline.end;
  const summary = bars.length === 0
    ? 'nothing with a lifetime yet: no session cookie, row or signature'
    : `${bars.length} lifetimes from ${when(timeline.start)} to ${when(runEnd)}; the selected step's clock is ${when(now)}`;

  return (
    <figure className="picture expiry" aria-labelledby="expiry-caption">
      <figcaption id="expiry-caption">
        Expiry timeline <span className="seq-muted">(evenly spaced moments, not to scale; solid: it exists; dashed: its deadline still ahead; hatched: past its deadline but still kept)</span>
      </figcaption>
      <div className="expiry-scroll" tabIndex={0} role="region" aria-label="Expiry timeline (scrolls sideways)">
        <svg width={width} height={height} role="img" aria-label={`Expiry timeline: ${summary}`}>
          <defs>
            <pattern id="expiry-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="expiry-hatch-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="expiry-hatch-line" strokeWidth="3" />
            </pattern>
          </defs>
          {stops.map((stop, i) => {
            const previous = i > 0 ? formatIsoUtc(stops[i - 1]).slice(0, 10) : null;
            const day = formatIsoUtc(stop).slice(0, 10);
            return (
              <g key={stop} className="expiry-tick">
                <line x1={x(stop)} x2={x(stop)} y1={AXIS_HEIGHT - 6} y2={height - 20} />
                {day !== previous && <text x={x(stop)} y={12} textAnchor="middle">{day.slice(5)}</text>}
                <text x={x(stop)} y={26} textAnchor="middle">{formatIsoUtc(stop).slice(11, 19)}</text>
              </g>
            );
          })}
          {bars.map((bar, i) => {
            const y = AXIS_HEIGHT + i * ROW_HEIGHT;
            const identity = identities.get(bar.value);
            const hue = identity ? `hue-${identity.hue}` : 'hue-6';
            const end = bar.end ?? runEnd;
            const expiredAt = bar.deadline !== null && bar.deadline < end ? bar.deadline : null;
            const solidEnd = expiredAt ?? end;
            return (
              <g key={bar.id} className={`expiry-bar ${hue} expiry-${bar.kind}`}>
                <text x={4} y={y + 16} className="expiry-label">{barName(bar, identities)}</text>
                <rect x={x(bar.start)} y={y + 5} width={Math.max(3, x(solidEnd) - x(bar.start))} height={ROW_HEIGHT - 10} rx={3} className="expiry-alive" />
                {expiredAt !== null && (
                  <rect x={x(expiredAt)} y={y + 5} width={Math.max(3, x(end) - x(expiredAt))} height={ROW_HEIGHT - 10} fill="url(#expiry-hatch)" className="expiry-stale" />
                )}
                {bar.end === null && bar.deadline !== null && bar.deadline > end && (
                  <rect x={x(end)} y={y + 6} width={x(bar.deadline) - x(end)} height={ROW_HEIGHT - 12} rx={3} className="expiry-ahead" />
                )}
                {bar.deadline !== null && <path d={`M ${x(bar.deadline)} ${y + 3} l 5 6 l -5 6 l -5 -6 z`} className="expiry-deadline" />}
                {bar.end !== null && <text x={x(bar.end) + 6} y={y + 16} className="expiry-ending">{bar.ending}</text>}
              </g>
            );
          })}
          {markers.map((marker) => (
            <g key={`${marker.frame}`} className="expiry-marker">
              <line x1={x(marker.at)} x2={x(marker.at)} y1={AXIS_HEIGHT - 4} y2={height - 18} />
              <text x={x(marker.at)} y={height - 6} textAnchor="middle">{marker.label}</text>
            </g>
          ))}
          <line className="expiry-now" x1={x(now)} x2={x(now)} y1={AXIS_HEIGHT - 8} y2={height - 18} />
        </svg>
      </div>
      <details className="picture-text">
        <summary>The timeline as a list</summary>
        <ul>
          {timeline.bars.map((bar) => <li key={bar.id}>{barSentence(bar, identities)}</li>)}
          {markers.map((marker) => <li key={`m${marker.frame}`}>{when(marker.at)}: {marker.label} (step {marker.frame})</li>)}
          <li>Selected step&apos;s clock: {when(now)}</li>
        </ul>
      </details>
    </figure>
  );
}
