import { create } from 'zustand';

/** UI-only state: which profile is shown, overlays, playback, a pending send. */
interface UiState {
  profile: string;
  helpOpen: boolean;
  playing: boolean;
  /** Incremented to ask the composer to send (the "s" shortcut). */
  sendRequests: number;
  /** Incremented to ask the lesson player to run its next step (the "n" shortcut). */
  lessonNextRequests: number;
  /** A message about the saved or shared state (e.g. set aside because it was corrupt). */
  notice: string | null;
  /** A lesson step about the session's data: the store shows session_data decoded. */
  decodeSessionData: boolean;
  setDecodeSessionData(decode: boolean): void;
  setNotice(notice: string | null): void;
  setProfile(profile: string): void;
  toggleHelp(): void;
  closeHelp(): void;
  togglePlay(): void;
  stopPlay(): void;
  requestSend(): void;
  requestLessonNext(): void;
}

export const useUi = create<UiState>()((set) => ({
  profile: 'default',
  helpOpen: false,
  playing: false,
  sendRequests: 0,
  lessonNextRequests: 0,
  notice: null,
  decodeSessionData: false,
  setDecodeSessionData: (decodeSessionData) => set({ decodeSessionData }),
  setNotice: (notice) => set({ notice }),
  setProfile: (profile) => set({ profile }),
  toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
  closeHelp: () => set({ helpOpen: false }),
  togglePlay: () => set((s) => ({ playing: !s.playing })),
  stopPlay: () => set({ playing: false }),
  requestSend: () => set((s) => ({ sendRequests: s.sendRequests + 1 })),
  requestLessonNext: () => set((s) => ({ lessonNextRequests: s.lessonNextRequests + 1 })),
}));
