import { create } from 'zustand';

/** UI-only state: which profile is shown, overlays, playback, what the lesson's "n" does. */
interface UiState {
  profile: string;
  helpOpen: boolean;
  playing: boolean;
  /** Runs the open lesson's next step (the "n" shortcut); null when there is none to run now. */
  lessonNext: (() => void) | null;
  /** A lesson step about the session's data: the store shows session_data decoded. */
  decodeSessionData: boolean;
  setDecodeSessionData(decode: boolean): void;
  setProfile(profile: string): void;
  toggleHelp(): void;
  closeHelp(): void;
  togglePlay(): void;
  stopPlay(): void;
  setLessonNext(run: (() => void) | null): void;
}

export const useUi = create<UiState>()((set) => ({
  profile: 'default',
  helpOpen: false,
  playing: false,
  lessonNext: null,
  decodeSessionData: false,
  setDecodeSessionData: (decodeSessionData) => set({ decodeSessionData }),
  setProfile: (profile) => set({ profile }),
  toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
  closeHelp: () => set({ helpOpen: false }),
  togglePlay: () => set((s) => ({ playing: !s.playing })),
  stopPlay: () => set({ playing: false }),
  setLessonNext: (lessonNext) => set({ lessonNext }),
}));
