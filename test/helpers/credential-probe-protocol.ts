import { z } from 'zod';
import { Credentials } from '../../common/connections-contract';

// What a test asks credential-probe.ts to do (JSON on stdin) and what it answers (JSON
// on stdout). Shared so both ends validate the same shapes.

export const ProbeOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('get'), connectionId: z.string() }),
  z.object({ op: z.literal('set'), connectionId: z.string(), credentials: Credentials }),
  z.object({ op: z.literal('delete'), connectionId: z.string() }),
  z.object({ op: z.literal('list') }),
]);
export type ProbeOp = z.infer<typeof ProbeOp>;

export const ProbeOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    name: z.string(),
    reason: z.string().optional(),
    message: z.string(),
    detail: z.string().optional(),
    /** JSON.stringify of the error, i.e. what would reach a log or the renderer. */
    serialized: z.string(),
  }),
]);
export type ProbeOutcome = z.infer<typeof ProbeOutcome>;

export const ProbeOutcomes = z.array(ProbeOutcome);
