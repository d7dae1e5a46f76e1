import { usePlayground } from '../state/playground';
import { useSelectedStep } from './hooks';
import { formatClockText } from '../sim/clock';

const STEPS = [
  { label: '+1 minute', seconds: 60, key: 'm' },
  { label: '+1 hour', seconds: 3600, key: 'h' },
  { label: '+1 day', seconds: 86400, key: 'd' },
  { label: '+2 weeks', seconds: 1209600, key: 'w' },
] as const;


/** The virtual clock of the selected step; advancing it is a step of its own. */
export function ClockControls() {
  const { current } = useSelectedStep();
  const addStep = usePlayground((s) => s.addStep);
  const now = current.world.now;
  return (
    <div className="clock" role="group" aria-label="Virtual clock">
      <time dateTime={new Date(now).toISOString()}>{formatClockText(now)}</time>
      {STEPS.map((step) => (
        <button key={step.label} type="button" aria-keyshortcuts={step.key} onClick={() => void addStep({ advance_seconds: step.seconds })}>
          {step.label}
        </button>
      ))}
    </div>
  );
}
