declare module 'virtual:lessons' {
  /** Every lesson in lessons/, in the order of their numbers (see src/lessons/vite-plugin.ts). */
  export const lessons: import('./types').Lesson[];
}
