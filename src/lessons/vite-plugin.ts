import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { compileLessons } from './compile.ts';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;

/**
 * `import { lessons } from 'virtual:lessons'`: the lessons in lessons/*.md,
 * validated and rendered to HTML at build time, so no Markdown or YAML
 * library ships to the browser. A bad lesson fails the build (and any test
 * that imports the lessons) with messages naming the file and the field.
 */
export function lessonsPlugin(): Plugin {
  let root = process.cwd();
  let command: 'build' | 'serve' = 'serve';
  let dir = '';

  function code(): string {
    // README.md documents the format; every other Markdown file is a lesson.
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => ({ file: relative(root, join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
    const result = compileLessons(files);
    if (!result.ok) throw new Error(`invalid lessons:\n${result.errors.join('\n')}`);
    return `export const lessons = ${JSON.stringify(result.value)};\n`;
  }

  return {
    name: 'playground-lessons',
    configResolved(config) {
      root = config.root;
      command = config.command;
      dir = join(root, 'lessons');
    },
    // The app may not import the lessons yet: a build checks them anyway.
    buildStart() {
      if (command === 'build') code();
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      return id === RESOLVED ? code() : undefined;
    },
    // A lesson added, changed or removed: the next import compiles them again.
    configureServer(server) {
      server.watcher.add(dir);
      server.watcher.on('all', (_event, path) => {
        if (!path.startsWith(dir) || !path.endsWith('.md')) return;
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(RESOLVED);
          if (module) environment.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}
