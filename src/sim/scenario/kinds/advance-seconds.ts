/** The virtual clock moves forward; cookies whose time ran out leave their jars. */
import { z } from '../../zod.ts';
import { formatClockText } from '../../clock.ts';
import { defineStepKind } from './kind.ts';
import { formatDuration } from './duration.ts';

export const advanceSeconds = defineStepKind(() => z.strictObject({ advance_seconds: z.number().min(0) }), {
  run: async (world, step) => {
    world.clock.advance(step.advance_seconds);
    for (const name of world.browser.names()) world.browser.profile(name).purge(world.now);
    return {};
  },
  advances: (step) => step.advance_seconds,
  label: (step) => `clock +${formatDuration(step.advance_seconds)}`,
  summarize: (step, { before, after }) => {
    // Cookies alive before the clock moved whose time ran out during the move.
    const expired = before
      ? before.browser.names().flatMap((profile) =>
        before.browser.profile(profile).list(before.now)
          .filter((cookie) => cookie.expires !== null && cookie.expires <= after.now)
          .map((cookie) => ({ profile, cookie })))
      : [];
    return [
      { kind: 'text', text: `The clock moved forward ${formatDuration(step.advance_seconds)}; it is now ${formatClockText(after.now)}.` },
      expired.length > 0
        ? { kind: 'cookies', intro: 'These cookies expired and left their jars:', cookies: expired, removed: true }
        : { kind: 'text', text: 'No cookie expired.', muted: true },
    ];
  },
  django: ({ advance_seconds: seconds }) => [`self.advance(${seconds})`],
  curl: ({ advance_seconds: seconds }) => [
    `# The playground's clock moves ${seconds} s. A live server's clock does not: WAIT=1 waits it out.`,
    `if [ "\${WAIT:-}" = 1 ]; then sleep ${seconds}; fi`,
  ],
});
