declare module 'virtual:challenges' {
  /** Every challenge in challenges/, in the order of their numbers (see src/challenges/vite-plugin.ts). */
  export const challenges: import('./types').Challenge[];
}
