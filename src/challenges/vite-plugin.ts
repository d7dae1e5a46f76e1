import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { compileChallenges } from './compile.ts';

const ID = 'virtual:challenges';
const RESOLVED = '\0' + ID;

/**
 * `import { challenges } from 'virtual:challenges'`: the challenges in
 * challenges/*.yaml, validated and rendered at build time, as the lessons
 * are. A bad challenge fails the build with messages naming the file, the
 * field and the line.
 */
export function challengesPlugin(): Plugin {
  let root = process.cwd();
  let command: 'build' | 'serve' = 'serve';
  let dir = '';

  function code(): string {
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => ({ file: relative(root, join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
    const result = compileChallenges(files);
    if (!result.ok) throw new Error(`invalid challenges:\n${result.errors.join('\n')}`);
    return `export const challenges = ${JSON.stringify(result.value)};\n`;
  }

  return {
    name: 'playground-challenges',
    configResolved(config) {
      root = config.root;
      command = config.command;
      dir = join(root, 'challenges');
    },
    buildStart() {
      if (command === 'build') code();
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      return id === RESOLVED ? code() : undefined;
    },
    configureServer(server) {
      server.watcher.add(dir);
      server.watcher.on('all', (_event, path) => {
        if (!path.startsWith(dir) || !path.endsWith('.yaml')) return;
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(RESOLVED);
          if (module) environment.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}
