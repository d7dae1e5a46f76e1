import { create } from 'zustand';
import { parseIsoUtc } from '../sim/clock';

export const DEFAULT_START = parseIsoUtc('2026-01-01T00:00:00Z');

interface ClockState {
  /** The virtual time shown and used for the next step, ms since the epoch. */
  now: number;
  advance: (seconds: number) => void;
}

export const useClock = create<ClockState>()((set) => ({
  now: DEFAULT_START,
  advance: (seconds) => set((s) => ({ now: s.now + seconds * 1000 })),
}));
