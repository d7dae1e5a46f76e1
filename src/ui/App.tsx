import { useClock } from '../state/clock';

const CLOCK_STEPS = [
  { label: '+1 minute', seconds: 60 },
  { label: '+1 hour', seconds: 3600 },
  { label: '+1 day', seconds: 86400 },
  { label: '+2 weeks', seconds: 1209600 },
] as const;

function formatClock(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}

export function App() {
  const now = useClock((s) => s.now);
  const advance = useClock((s) => s.advance);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Django Session Playground</h1>
        <div className="clock" role="group" aria-label="Virtual clock">
          <time dateTime={new Date(now).toISOString()} aria-live="polite">{formatClock(now)}</time>
          {CLOCK_STEPS.map((step) => (
            <button key={step.label} type="button" onClick={() => advance(step.seconds)}>
              {step.label}
            </button>
          ))}
        </div>
      </header>
    </div>
  );
}
