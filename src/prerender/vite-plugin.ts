import { createServer, type Plugin, type ResolvedConfig, type ViteDevServer } from 'vite';
import { challengesPlugin } from '../challenges/vite-plugin.ts';
import { lessonsPlugin } from '../lessons/vite-plugin.ts';

/** Where index.html's #root takes the markup. */
const PLACEHOLDER = '<!--prerendered-lessons-index-->';
const RENDER_MODULE = '/src/ui/prerender.tsx';

async function render(server: ViteDevServer): Promise<string> {
  const { renderLessonsIndexPage } = (await server.ssrLoadModule(RENDER_MODULE)) as typeof import('../ui/prerender.tsx');
  return renderLessonsIndexPage();
}

/** A build has no server to load the render module with: one of its own, with the plugins of the content the page shows. */
async function renderWithOwnServer(config: ResolvedConfig): Promise<string> {
  const server = await createServer({
    configFile: false,
    root: config.root,
    base: config.base,
    mode: config.mode,
    customLogger: config.logger,
    plugins: [lessonsPlugin(), challengesPlugin()],
    server: { middlewareMode: true, ws: false, watch: null },
    appType: 'custom',
    // Only Node loads modules here: nothing to pre-bundle for a browser.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await render(server);
  } finally {
    await server.close();
  }
}

/**
 * index.html with the app's root route, the lessons index, in #root: rendered
 * from the app's own components and lesson content (src/ui/prerender.tsx), so
 * the landing page paints from HTML and CSS before any script arrives, and
 * never differs from what React renders there (src/main.tsx hydrates it).
 * The dev server renders it too, so that a mismatch shows in development.
 */
export function prerenderedLessonsIndex(): Plugin {
  let config: ResolvedConfig;
  let building: Promise<string> | undefined;
  return {
    name: 'playground-prerender',
    configResolved(resolved) {
      config = resolved;
    },
    // Alongside the bundling, not after it; a failure fails the build where the markup is awaited.
    buildStart() {
      if (config.command !== 'build') return;
      building = renderWithOwnServer(config);
      building.catch(() => undefined);
    },
    async transformIndexHtml(html, ctx) {
      // Other pages (Vitest's) have no place for it.
      if (!html.includes(PLACEHOLDER)) return html;
      const markup = ctx.server ? await render(ctx.server) : await building!;
      return html.replace(PLACEHOLDER, () => markup); // a function: `$&` in the markup stays as it is
    },
  };
}
