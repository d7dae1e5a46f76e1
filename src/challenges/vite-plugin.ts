import type { Plugin } from 'vite';
import { contentFolderPlugin } from '../lessons/content-plugin.ts';
import { compileChallenges } from './compile.ts';

/** `import { challenges } from 'virtual:challenges'`: challenges/*.yaml, validated at build time as the lessons are. */
export function challengesPlugin(): Plugin {
  return contentFolderPlugin({ folder: 'challenges', exported: 'challenges', accepts: (name) => name.endsWith('.yaml'), compile: compileChallenges });
}
