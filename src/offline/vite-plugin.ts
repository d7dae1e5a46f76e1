import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { HEADERS_FILE } from '../csp/vite-plugin.ts';

/**
 * Emits dist/sw.js: the offline worker template with the build's files to
 * precache (every emitted file, plus the start page), so the playground works
 * offline after one visit.
 */
export function offlineWorker(): Plugin {
  let base = '/';
  let publicDir = '';
  return {
    name: 'playground-offline-worker',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      // _headers is for the host; it may not serve it (and a missing file would fail the precache).
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== HEADERS_FILE);
      const copied = publicDir ? readdirSync(publicDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
      const publicFiles = copied.map((e) => `${e.parentPath}/${e.name}`.slice(publicDir.length + 1));
      const precache = [base, ...[...files.filter((name) => name !== 'index.html'), ...publicFiles].map((name) => base + name)];
      const id = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('__BUILD_ID__', id).replace('__PRECACHE__', JSON.stringify(precache)),
      });
    },
  };
}
