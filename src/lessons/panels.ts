/** The three panels a "which panels change?" question names, in screen order. */
export const PANELS = ['browser', 'network', 'server'] as const;
export type Panel = (typeof PANELS)[number];
