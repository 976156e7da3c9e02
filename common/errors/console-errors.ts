import { z } from 'zod';

// The bridge errors of the console itself, not of ConsCent or of one feature: the
// background process that did not answer, a refused sender, a save or search that gave
// way, the user-data folder held by another console.

/** A kind that has no reasons still says so, so `error.reason` can be read before the kind is known. */
export const NO_REASON = { reason: z.never().optional() };

export const CONSOLE_ERRORS = [
  /** The call came from something other than the app page in the main window. */
  z.object({ kind: z.literal('rejected-sender'), ...NO_REASON }),
  /** The console's own background process did not answer (set by the renderer's bridge wrapper). */
  z.object({ kind: z.literal('no-answer'), ...NO_REASON }),
  /** A save for this reader is still on its way to ConsCent; nothing was sent. */
  z.object({ kind: z.literal('update-in-flight'), ...NO_REASON }),
  /** A newer search of the same connection replaced this lookup; its request was abandoned. */
  z.object({ kind: z.literal('superseded'), ...NO_REASON }),
  /** Another console is using this user-data folder; nothing was read or written. */
  z.object({
    kind: z.literal('data-folder-in-use'),
    ...NO_REASON,
    path: z.string().optional(),
    /** The console holding the folder, when its lock file says. */
    lockedBy: z.object({ pid: z.number().int(), machine: z.string(), since: z.string() }).optional(),
  }),
] as const;
