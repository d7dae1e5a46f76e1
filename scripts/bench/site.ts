import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';

/**
 * `vite build` as the real build runs it: its own process with
 * NODE_ENV=production (a development React otherwise). `--manifest` lists
 * each chunk's static imports, which the browser loads before first paint.
 */
export function viteBuild(outDir: string, args: string[] = []): void {
  const env = { ...process.env, NODE_ENV: 'production', BASE_PATH: '/' };
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'error', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface Size {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

function sizeOf(dir: string, files: string[]): Size {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files, bytes, gzipBytes };
}

type Manifest = Record<string, { file: string; imports?: string[] }>;

/**
 * The JavaScript of a build: `initial` is what index.html loads before first
 * paint (its module scripts and modulepreloads, with their static imports);
 * `total` is every .js file the site serves, service workers included.
 */
export function javascriptSizes(dir: string): { initial: Size; total: Size } {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const tags = html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+)"|<link\b[^>]*\brel="modulepreload"[^>]*\bhref="\/([^"]+)"/g);
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const key of byFile.get(file)?.imports ?? []) visit(manifest[key].file);
  };
  for (const [, script, preload] of tags) visit(script ?? preload);

  const all = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') && !file.startsWith('.vite'))
    .sort();
  return { initial: sizeOf(dir, [...initial]), total: sizeOf(dir, all) };
}

/** Serves a built folder on 127.0.0.1 as a static host would (vite preview: gzip, SPA fallback). */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
