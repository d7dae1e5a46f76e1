import type { Plugin } from 'vite';

/**
 * The built page's Content Security Policy: scripts and styles only from the
 * site itself (no inline script, no eval), requests only to the site and to
 * the simulated shop.example (answered by the service worker). Build only:
 * Vite's dev server injects inline scripts for hot reloading.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
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

/** The same policy as an HTTP header, with what a meta tag cannot carry: no page may frame this one. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** The file a static host that honours `_headers` (Netlify, Cloudflare Pages) reads: every path of the site. */
export function headersFile(base: string): string {
  return `${base}*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY_HEADER}\n`;
}

export const HEADERS_FILE = '_headers';

/** The policy as a meta tag in index.html, and as a header in dist/_headers for hosts that allow headers. */
export function contentSecurityPolicy(): Plugin {
  let base = '/';
  return {
    name: 'playground-content-security-policy',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: HEADERS_FILE, source: headersFile(base) });
    },
  };
}
