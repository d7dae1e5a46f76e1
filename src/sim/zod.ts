import { config, z } from 'zod';

// The built page's CSP forbids eval. Zod decides when a schema is defined
// whether to compile parsers with `new Function`, probing for eval first;
// every schema imports z from here, so this runs before any is defined.
config({ jitless: true });

/*
 * Schemas are built when first used (z.lazy): each is dozens of zod objects,
 * and building them all as the modules loaded was most of a cold start's
 * zod time in its profile, though the empty playground parses nothing.
 */
export { z };

/**
 * `z.record(z.string(), value)`, keeping a key named "__proto__". Zod leaves
 * that key out of a record (assigning it to the object it builds would
 * replace that object's prototype), so a setting or a form field of that
 * name would vanish without a word. Here it stays an own property, in its
 * place, checked like the others: what reads the record decides about it.
 */
export function ownRecord<V extends z.ZodType>(value: V) {
  const record = z.record(z.string(), value);
  return z.unknown().transform((input, ctx): Record<string, z.output<V>> => {
    const checked = record.safeParse(input, { reportInput: true });
    if (!checked.success) ctx.issues.push(...(checked.error.issues as z.core.$ZodRawIssue[]));
    const object = input as Record<string, unknown>;
    // Checked even when other keys fail: every problem is reported at once.
    const hasProto = typeof input === 'object' && input !== null && Object.hasOwn(object, '__proto__');
    const proto = hasProto ? value.safeParse(object.__proto__, { reportInput: true }) : null;
    if (proto && !proto.success) {
      for (const issue of proto.error.issues) ctx.issues.push({ ...(issue as z.core.$ZodRawIssue), path: ['__proto__', ...issue.path] });
    }
    if (!checked.success || (proto && !proto.success)) return z.NEVER;
    if (!proto) return checked.data;
    const kept: Record<string, z.output<V>> = {};
    for (const key of Object.keys(object)) {
      Object.defineProperty(kept, key, { value: key === '__proto__' ? proto.data : checked.data[key], enumerable: true, writable: true, configurable: true });
    }
    return kept;
  });
}
