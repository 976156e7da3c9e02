import { z } from 'zod';

// What main and its keytar helper process (main/keytar-helper.ts) say to each other: one
// request per keytar call, one answer per request. Both sides check what they receive.

export const KeytarRequest = z.object({
  id: z.number().int().nonnegative(),
  operation: z.enum(['getPassword', 'setPassword', 'deletePassword', 'findCredentials']),
  args: z.array(z.string()).max(3),
});
export type KeytarRequest = z.infer<typeof KeytarRequest>;

export const KeytarAnswer = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(true), value: z.unknown() }),
  // libsecret's message only: main classifies it like any other keytar failure.
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(false), message: z.string().max(2000) }),
]);
export type KeytarAnswer = z.infer<typeof KeytarAnswer>;
