/** What happens to the servers: a deploy of new settings, a worker's restart, the cache server's restart. */
import { z } from '../../zod.ts';
import { pyLiteral } from '../../export/python.ts';
import { WAIT_FOR_ENTER } from '../../export/step-context.ts';
import { defineStepKind, type SummaryContext, type SummaryPart } from './kind.ts';
import { settingsOverrides, workerName } from './fields.ts';

/** The sentences a server step left in its effects. */
const serverSentences = (_step: unknown, { effects }: SummaryContext): SummaryPart[] => (effects.servers ?? []).map((text) => ({ kind: 'text', text }));

export const deploy = defineStepKind(() => z.strictObject({ deploy: z.strictObject({ settings: settingsOverrides }) }), {
  run: async (world, step) => ({ servers: world.deploy(step.deploy.settings) }),
  release: (step) => step.deploy.settings,
  withRelease: (_step, settings) => ({ deploy: { settings } }),
  label: (step) => {
    const names = Object.keys(step.deploy.settings);
    return `deploy${names.length ? `: ${names.join(', ')}` : ' (default settings)'}`;
  },
  summarize: serverSentences,
  // A release: the contract's table plus these overrides from here on, every worker restarted.
  django: ({ deploy }) => [`self.release(${pyLiteral(deploy.settings)})`],
  curl: ({ deploy }) => [
    `# A new release: restart the site with the demo settings plus ${JSON.stringify(deploy.settings)}.`,
    '# (No HTTP request does this: restart the server, then press Enter.)',
    WAIT_FOR_ENTER,
  ],
});

export const restartServer = defineStepKind(() => z.strictObject({ restart_server: z.union([z.literal('all'), workerName]) }), {
  run: async (world, step) => ({
    servers: world.restart(step.restart_server === 'all' ? world.topology.workers : [world.worker(step.restart_server, 'restart_server')]),
  }),
  worker: (step) => (step.restart_server === 'all' ? null : { name: step.restart_server, path: ['restart_server'] }),
  label: (step) => (step.restart_server === 'all' ? 'restart every worker' : `restart worker ${step.restart_server}`),
  summarize: serverSentences,
  django: () => ['self.restart_server()'],
  curl: ({ restart_server: which }) => [
    `# Restart ${which === 'all' ? 'the server' : `the worker ${JSON.stringify(which)}`} (its memory, and so a local-memory cache, is lost), then press Enter.`,
    WAIT_FOR_ENTER,
  ],
});

export const restartCache = defineStepKind(() => z.strictObject({ restart_cache: z.literal(true) }), {
  run: async (world) => ({ servers: world.restartCache() }),
  serverProblems: (_step, servers) => (servers?.cache === 'shared' ? [] : [{
    path: ['restart_cache'],
    message: 'needs servers with "cache": "shared" (a per-worker cache restarts with its worker: use restart_server)',
  }]),
  label: () => 'restart the cache server',
  summarize: serverSentences,
  django: () => ['caches["default"].clear()  # the shared cache server restarts empty'],
  curl: () => ['# Restart the cache server (it loses every entry), then press Enter.', WAIT_FOR_ENTER],
});
