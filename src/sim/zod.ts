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
