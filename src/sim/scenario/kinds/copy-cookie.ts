/** Every cookie of a name copied from one profile's jar into another's (a stolen cookie, replayed). */
import { z } from '../../zod.ts';
import { pyString } from '../../export/python.ts';
import { shellQuote } from '../../export/shell.ts';
import { BROWSER_ONLY, shellComment } from '../../export/step-context.ts';
import { defineStepKind } from './kind.ts';
import { profileName } from './fields.ts';

const schema = () => z.strictObject({
  copy_cookie: z.strictObject({ from: profileName, to: profileName, name: z.string().min(1) }),
});

export const copyCookie = defineStepKind(schema, {
  run: async (world, step) => {
    const { from, to, name } = step.copy_cookie;
    const source = world.browser.profile(from);
    return { outcomes: world.browser.profile(to).copyFrom(source, name, world.now) };
  },
  profiles: (step) => [step.copy_cookie.from, step.copy_cookie.to],
  actsIn: (step) => step.copy_cookie.to,
  label: (step) => `copy ${step.copy_cookie.name}: ${step.copy_cookie.from} → ${step.copy_cookie.to}`,
  summarize: (step, { effects }) => {
    const { from, to, name } = step.copy_cookie;
    const outcomes = effects.outcomes ?? [];
    return [
      { kind: 'text', text: `Every ${name} cookie of ${from} was copied into the jar of ${to}.` },
      outcomes.length > 0
        ? { kind: 'outcomes', profile: to, outcomes }
        : { kind: 'text', text: `${from} had no cookie named ${name}: nothing was copied.`, muted: true },
    ];
  },
  django: ({ copy_cookie: { from, to, name } }) => [
    `# Every cookie ${pyString(name)} is copied from the browser ${pyString(from)} to ${pyString(to)}.`,
    `# ${BROWSER_ONLY}`,
  ],
  curl: ({ copy_cookie: { from, to, name } }, { jarFile }) => [
    `# Every cookie ${shellComment(name)} of ${shellComment(from)}'s jar is copied into ${shellComment(to)}'s.`,
    `copy_cookies ${jarFile(from)} ${jarFile(to)} ${shellQuote(name)}`,
  ],
});
