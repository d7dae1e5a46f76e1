import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The built page's Content Security Policy: scripts and styles only from the
 * site itself (no eval), and of inline scripts only those the built page
 * itself carries, by their hash; requests only to the site and to the
 * simulated shop.example (answered by the service worker). Build only:
 * Vite's dev server injects inline scripts for hot reloading.
 */
export function contentSecurityPolicyFor(inlineScripts: readonly string[]): string {
  const hashes = inlineScripts.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self' https://shop.example https://*.shop.example http://shop.example http://*.shop.example",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** The text of each inline script in a page (a <script> without src). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
}

/**
 * The file a static host that honours `_headers` (Netlify, Cloudflare Pages) reads: the policy for every
 * path of the site, with what a meta tag cannot carry: no page may frame this one.
 */
export function headersFile(base: string, policy: string): string {
  return `${base}*\n  Content-Security-Policy: ${policy}; frame-ancestors 'none'\n`;
}

export const HEADERS_FILE = '_headers';

/** The policy as a meta tag in index.html, and as a header in dist/_headers for hosts that allow headers. */
export function contentSecurityPolicy(): Plugin {
  let base = '/';
  let policy = contentSecurityPolicyFor([]);
  return {
    name: 'playground-content-security-policy',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    // Last, so that the page's inline scripts are final when they are hashed.
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        policy = contentSecurityPolicyFor(inlineScripts(html));
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }];
      },
    },
    // After Vite's own generateBundle, which writes index.html (and runs the hook above).
    generateBundle: {
      order: 'post',
      handler() {
        this.emitFile({ type: 'asset', fileName: HEADERS_FILE, source: headersFile(base, policy) });
      },
    },
  };
}
