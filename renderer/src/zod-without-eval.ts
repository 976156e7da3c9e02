import { z } from 'zod';

// zod compiles fast validators with `new Function` unless told not to, and it decides
// when each schema is built, i.e. when common/ is imported. The CSP forbids eval, so
// this must run before any schema module: main.tsx imports this file first.
z.config({ jitless: true });
