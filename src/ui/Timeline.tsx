import { useEffect } from 'react';
import { usePlayground } from '../state/playground';
import { describeStep } from './stepText';
import { useUi } from './uiState';

const PLAY_INTERVAL_MS = 900;

/** Back / Next / Reset / Play, a slider over the steps, and the list of steps. */
export function Timeline() {
  const frames = usePlayground((s) => s.frames);
  const cursor = usePlayground((s) => s.cursor);
  const goTo = usePlayground((s) => s.goTo);
  const playing = useUi((s) => s.playing);
  const togglePlay = useUi((s) => s.togglePlay);
  const stopPlay = useUi((s) => s.stopPlay);
  const last = frames.length - 1;

  useEffect(() => {
    if (!playing) return;
    if (cursor >= last) {
      stopPlay();
      return;
    }
    const timer = setTimeout(() => goTo(cursor + 1), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, cursor, last, goTo, stopPlay]);

  return (
    <nav className="timeline" aria-label="Timeline">
      <div className="timeline-buttons">
        <button type="button" onClick={() => goTo(cursor - 1)} disabled={cursor === 0} aria-keyshortcuts="ArrowLeft">◀ Back</button>
        <button type="button" onClick={() => goTo(cursor + 1)} disabled={cursor === last} aria-keyshortcuts="ArrowRight">Next ▶</button>
        <button type="button" onClick={() => goTo(0)} disabled={cursor === 0} aria-keyshortcuts="Home">Reset</button>
        <button type="button" onClick={togglePlay} disabled={last === 0} aria-pressed={playing} aria-keyshortcuts="p">
          {playing ? 'Pause' : '▷ Play'}
        </button>
      </div>
      <input
        type="range"
        className="timeline-slider"
        min={0}
        max={last}
        value={cursor}
        onChange={(e) => goTo(Number(e.target.value))}
        aria-label="Step"
        aria-valuetext={cursor === 0 ? 'start, before any step' : `step ${cursor} of ${last}`}
        disabled={last === 0}
      />
      <span className="timeline-position" aria-live="polite">
        {cursor === 0 ? `start · ${last} step${last === 1 ? '' : 's'}` : `step ${cursor} of ${last}`}
      </span>
      {cursor < last && (
        <span className="timeline-note">
          A new step taken here replaces the {last - cursor} later step{last - cursor === 1 ? '' : 's'}.
        </span>
      )}
      <details className="timeline-list">
        <summary>All steps</summary>
        <ol>
          <li>
            <button type="button" aria-current={cursor === 0 ? 'step' : undefined} onClick={() => goTo(0)}>Start</button>
          </li>
          {frames.slice(1).map((frame, i) => (
            <li key={i}>
              <button type="button" aria-current={cursor === i + 1 ? 'step' : undefined} onClick={() => goTo(i + 1)}>
                {describeStep(frame.record!)}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
