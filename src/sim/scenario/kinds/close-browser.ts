/** A browser profile restarts and drops its session cookies. */
import { z } from '../../zod.ts';
import { pyString } from '../../export/python.ts';
import { BROWSER_ONLY, shellComment } from '../../export/step-context.ts';
import { defineStepKind } from './kind.ts';
import { profileName } from './fields.ts';

export const closeBrowser = defineStepKind(() => z.strictObject({ close_browser: profileName }), {
  run: async (world, step) => ({ dropped: world.browser.profile(step.close_browser).close() }),
  profiles: (step) => [step.close_browser],
  actsIn: (step) => step.close_browser,
  label: (step) => `restart browser (${step.close_browser})`,
  summarize: (step, { effects }) => {
    const dropped = effects.dropped ?? [];
    return [
      { kind: 'text', text: `The browser of ${step.close_browser} was restarted.` },
      dropped.length > 0
        ? { kind: 'cookies', intro: 'It dropped its session cookies (those without Expires or Max-Age):', cookies: dropped.map((cookie) => ({ profile: step.close_browser, cookie })), removed: true }
        : { kind: 'text', text: 'It had no session cookies to drop; cookies with an expiry stay.', muted: true },
    ];
  },
  django: ({ close_browser: profile }) => [
    `# The browser ${pyString(profile)} restarts and drops its session cookies (those without Expires/Max-Age).`,
    `# ${BROWSER_ONLY}`,
  ],
  curl: ({ close_browser: profile }, { jarFile }) => [
    `# The browser ${shellComment(profile)} restarts: its session cookies (expiry 0 in the jar) are gone.`,
    `drop_session_cookies ${jarFile(profile)}`,
  ],
});
