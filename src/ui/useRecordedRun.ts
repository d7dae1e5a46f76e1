import { useEffect, useState } from 'react';
import type { RecordedFrame } from '../state/frames';
import { usePlayground } from '../state/playground';

export interface RecordedRun {
  /** Frames 0 … n of the run as records, clocks and releases (see RunFrames.recorded). */
  frames: readonly RecordedFrame[];
  /** They are the run as it is now; false for a moment after it changed (the last run's, until the new one's are at hand). */
  current: boolean;
}

/** Every frame of the run shown, read off its records; null until the first are at hand. */
export function useRecordedRun(): RecordedRun | null {
  const frames = usePlayground((s) => s.frames);
  const logs = usePlayground((s) => s.logs);
  const [recorded, setRecorded] = useState<{ logs: unknown; frames: readonly RecordedFrame[] } | null>(null);
  // A replay records every step as it runs: then the records are taken during this render (React redoes
  // it before committing), and what reads them is drawn with the rest of the page, not a commit later.
  const atHand = recorded?.logs === logs ? null : frames.recordedAtHand(logs.length);
  if (atHand) setRecorded({ logs, frames: atHand });
  useEffect(() => {
    if (frames.recordedAtHand(logs.length)) return;
    let live = true;
    void frames.recorded(logs.length).then((run) => live && setRecorded({ logs, frames: run }));
    return () => {
      live = false;
    };
  }, [frames, logs]);
  // The logs change with every change of the run (a step, a cut, a replay).
  return recorded && { frames: recorded.frames, current: recorded.logs === logs };
}
