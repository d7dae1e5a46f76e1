import { config, z } from 'zod';

// The built page's CSP forbids eval. Zod decides when a schema is defined
// whether to compile parsers with `new Function`, probing for eval first;
// every schema imports z from here, so this runs before any is defined.
config({ jitless: true });

export { z };
