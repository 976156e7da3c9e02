import { z } from 'zod';

// zod compiles fast validators with `new Function` unless told not to, and it decides
// when each schema is built, i.e. when common/ is imported. The CSP forbids eval, so
// this must run before any schema module: the first paint builds none, and
// lazy-screens.tsx loads this file before each screen that does.
z.config({ jitless: true });
