import { config } from 'zod';

// The page's CSP forbids eval: zod would otherwise probe for it with Function(''), which Chrome reports.
config({ jitless: true });
