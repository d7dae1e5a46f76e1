/** A cookie written into a jar by hand, as in DevTools. */
import { z } from '../../zod.ts';
import { pyString } from '../../export/python.ts';
import { shellQuote } from '../../export/shell.ts';
import { BROWSER_ONLY, netscapeLine, shellComment } from '../../export/step-context.ts';
import { defineStepKind } from './kind.ts';
import { profileName } from './fields.ts';

const schema = () => z.strictObject({
  set_cookie_by_hand: z.strictObject({ browser: profileName, name: z.string().min(1), value: z.string() }),
});

export const setCookieByHand = defineStepKind(schema, {
  run: async (world, step) => {
    const { browser, name, value } = step.set_cookie_by_hand;
    return { outcomes: [world.browser.profile(browser).setByHand(name, value, world.now)] };
  },
  profiles: (step) => [step.set_cookie_by_hand.browser],
  actsIn: (step) => step.set_cookie_by_hand.browser,
  cookiesWritten: (step) => [{ name: step.set_cookie_by_hand.name, value: step.set_cookie_by_hand.value }],
  label: (step) => `edit cookie ${step.set_cookie_by_hand.name} (${step.set_cookie_by_hand.browser})`,
  summarize: (step, { effects }) => [
    { kind: 'text', text: `A cookie ${step.set_cookie_by_hand.name} was written by hand into the jar of ${step.set_cookie_by_hand.browser} (as in DevTools).` },
    { kind: 'outcomes', profile: step.set_cookie_by_hand.browser, outcomes: effects.outcomes ?? [] },
  ],
  django: ({ set_cookie_by_hand: { browser, name, value } }) => [
    `# In the browser ${pyString(browser)}, the cookie ${pyString(name)} is set by hand to ${pyString(value)}.`,
    `# ${BROWSER_ONLY}`,
  ],
  curl: ({ set_cookie_by_hand: { browser, name } }, { record, jarFile }) => {
    const cookie = record.entry.jars[browser]?.find((c) => c.name === name && c.path === '/' && c.host_only);
    if (!cookie) return [`# The playground did not store this hand-written cookie: ${record.error ?? 'refused'}.`];
    return [
      `# The cookie ${shellComment(name)} written by hand (curl's jar has no SameSite column: Chrome keeps ${cookie.same_site}).`,
      `set_cookie_line ${jarFile(browser)} ${shellQuote(netscapeLine(cookie))}`,
    ];
  },
});
