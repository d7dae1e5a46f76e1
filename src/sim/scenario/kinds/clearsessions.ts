/** manage.py clearsessions: on every worker in turn, or on one. */
import { z } from '../../zod.ts';
import type { StoreEvent } from '../../django/trace.ts';
import { defineStepKind } from './kind.ts';
import { workerName } from './fields.ts';

export const clearsessions = defineStepKind(() => z.strictObject({ clearsessions: z.union([z.literal(true), workerName]) }), {
  run: async (world, step) => {
    // true: each host's cron job, on every worker in turn.
    const workers = step.clearsessions === true ? world.topology.workers : [world.worker(step.clearsessions, 'clearsessions')];
    return { events: workers.flatMap((worker) => world.site(worker).clearSessions()) };
  },
  worker: (step) => (step.clearsessions === true ? null : { name: step.clearsessions, path: ['clearsessions'] }),
  label: (step) => `manage.py clearsessions${step.clearsessions === true ? '' : ` (worker ${step.clearsessions})`}`,
  summarize: (step, { effects, after }) => {
    const events = (effects.events ?? []).filter((e): e is StoreEvent => e.kind === 'store');
    return [
      {
        kind: 'text',
        text: step.clearsessions === true
          ? `The server ran manage.py clearsessions${after.topology.named ? ' on every worker in turn (each host\'s cron job)' : ''}.`
          : `Worker ${step.clearsessions} ran manage.py clearsessions.`,
      },
      events.length > 0 ? { kind: 'events', events } : { kind: 'text', text: 'Nothing had expired: nothing was deleted.', muted: true },
    ];
  },
  django: () => ['call_command("clearsessions")'],
  curl: () => ['# On the server: python manage.py clearsessions (no HTTP request does this).'],
});
