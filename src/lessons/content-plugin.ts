import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import type { CompileResult } from './compile.ts';

/**
 * A folder of content files (lessons, challenges) as a virtual module,
 * `import { <exported> } from 'virtual:<exported>'`, compiled and validated
 * at build time, so no Markdown or YAML library ships to the browser. A bad
 * file fails the build (and any test that imports the module) with messages
 * naming the file, the field and the line. Editing a file in dev reloads.
 */
export function contentFolderPlugin<T>(options: {
  /** The folder under the project root, and the name the module exports. */
  folder: string;
  exported: string;
  /** Which of the folder's files are content. */
  accepts(name: string): boolean;
  compile(files: { file: string; text: string }[]): CompileResult<T>;
}): Plugin {
  const id = `virtual:${options.exported}`;
  const resolved = '\0' + id;
  let root = process.cwd();
  let command: 'build' | 'serve' = 'serve';
  let dir = '';

  function code(): string {
    const files = readdirSync(dir)
      .filter(options.accepts)
      .map((name) => ({ file: relative(root, join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
    const result = options.compile(files);
    if (!result.ok) throw new Error(`invalid ${options.exported}:\n${result.errors.join('\n')}`);
    return `export const ${options.exported} = ${JSON.stringify(result.value)};\n`;
  }

  return {
    name: `playground-${options.exported}`,
    configResolved(config) {
      root = config.root;
      command = config.command;
      dir = join(root, options.folder);
    },
    // The app may not import the module yet: a build checks the files anyway.
    buildStart() {
      if (command === 'build') code();
    },
    resolveId(requested) {
      return requested === id ? resolved : undefined;
    },
    load(requested) {
      return requested === resolved ? code() : undefined;
    },
    // A file added, changed or removed: the next import compiles them again.
    configureServer(server) {
      server.watcher.add(dir);
      server.watcher.on('all', (_event, path) => {
        if (!path.startsWith(dir) || !options.accepts(path.slice(path.lastIndexOf('/') + 1))) return;
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(resolved);
          if (module) environment.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}
