import { memo, useEffect, useMemo, useState } from 'react';
import { usePlayground, type StepLog } from '../state/playground';
import { describeStep } from './stepText';
import { useUi } from './uiState';
import { VirtualList } from './VirtualList';

const PLAY_INTERVAL_MS = 900;

/** Back / Next / Reset / Play, a slider over the steps, and the list of steps. */
export function Timeline() {
  const logs = usePlayground((s) => s.logs);
  const cursor = usePlayground((s) => s.cursor);
  const goTo = usePlayground((s) => s.goTo);
  const playing = useUi((s) => s.playing);
  const togglePlay = useUi((s) => s.togglePlay);
  const stopPlay = useUi((s) => s.stopPlay);
  const last = logs.length;
  const [listOpen, setListOpen] = useState(false);

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
      <details className="timeline-list" onToggle={(e) => setListOpen(e.currentTarget.open)}>
        <summary>All steps</summary>
        {listOpen && <StepList logs={logs} cursor={cursor} />}
      </details>
    </nav>
  );
}

const START = null;
/** A row of the step list (px). */
const STEP_HEIGHT = 26;

/** Start and every step, as buttons; only those in view are rendered. */
const StepList = memo(function StepList({ logs, cursor }: { logs: StepLog[]; cursor: number }) {
  const goTo = usePlayground((s) => s.goTo);
  const items = useMemo(() => [START, ...logs], [logs]);
  return (
    <VirtualList
      scrollerClassName="step-scroller"
      aria-label="Steps"
      items={items}
      // Start is frame 0: each step keeps the number the timeline gives it.
      start={0}
      itemHeight={STEP_HEIGHT}
      selected={cursor}
      renderItem={(log, index) => (
        <button type="button" aria-current={cursor === index ? 'step' : undefined} onClick={() => goTo(index)}>
          {log === START ? 'Start' : describeStep(log)}
        </button>
      )}
    />
  );
});
