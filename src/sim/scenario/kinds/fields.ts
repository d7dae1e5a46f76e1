/** Field schemas more than one step kind (or the scenario) uses. */
import { ownRecord, z } from '../../zod.ts';
import { resolveSettings } from '../../django/settings.ts';

export const profileName = z.lazy(() => z.string().min(1));

/** Worker names: letters, digits, - and _ (the contract's section 2). */
export const workerName = z.lazy(() => z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a worker name (letters, digits, - and _)'));

/** Setting overrides, checked as the engine checks them, each problem at its setting's name. */
export const settingsOverrides = z.lazy(() =>
  ownRecord(z.unknown()).check((ctx) => {
    const resolved = resolveSettings(ctx.value);
    if (resolved.ok) return;
    for (const error of resolved.errors) ctx.issues.push({ code: 'custom', path: [error.setting], message: error.message, input: ctx.value });
  }),
);
