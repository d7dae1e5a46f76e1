import type { Plugin } from 'vite';
import { compileLessons } from './compile.ts';
import { contentFolderPlugin } from './content-plugin.ts';

/** `import { lessons } from 'virtual:lessons'`: lessons/*.md (README.md documents the format), rendered to HTML at build time. */
export function lessonsPlugin(): Plugin {
  return contentFolderPlugin({
    folder: 'lessons',
    exported: 'lessons',
    accepts: (name) => name.endsWith('.md') && name !== 'README.md',
    compile: compileLessons,
  });
}
