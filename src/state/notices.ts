import { create } from 'zustand';

/**
 * Messages about what the page could not remember or restore (a run set
 * aside, storage blocked or full). Each has an id, so the same trouble shows
 * once and goes away when it is over.
 */
export interface Notice {
  id: string;
  message: string;
  /** What the learner can do about it, besides dismissing it. */
  action?: { label: string; run(): void };
}

interface NoticesState {
  notices: Notice[];
  show(id: string, message: string, action?: Notice['action']): void;
  dismiss(id: string): void;
}

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  show: (id, message, action) =>
    set((s) => ({ notices: [...s.notices.filter((n) => n.id !== id), { id, message, ...(action && { action }) }] })),
  dismiss: (id) => set((s) => (s.notices.some((n) => n.id === id) ? { notices: s.notices.filter((n) => n.id !== id) } : s)),
}));

export const showNotice = (id: string, message: string, action?: Notice['action']) => useNotices.getState().show(id, message, action);
export const dismissNotice = (id: string) => useNotices.getState().dismiss(id);

/** Why the browser refused a storage call, in words (QuotaExceededError, SecurityError, …). */
export function storageProblem(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return "the browser's storage for this site is full (QuotaExceededError)";
  if (name === 'SecurityError') return 'the browser blocks storage for this site (SecurityError)';
  const message = error instanceof Error ? error.message : String(error);
  return name && name !== 'Error' ? `${message} (${name})` : message;
}
