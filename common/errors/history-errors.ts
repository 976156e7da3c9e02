import { z } from 'zod';

// The bridge error of the local change history (main/history/): one member, its reasons
// and facts.

/** For `history` errors: what the change history could not do. */
export const HISTORY_REASONS = [
  /** The journal could not be opened or written; for a save, nothing was sent. */
  'history-unwritable',
  'history-entry-missing',
  /** Only a saved change can be reverted. */
  'revert-not-saved',
  'revert-unconfirmed',
  'revert-other-reader',
  /** The change's connection was deleted, or now points at another ConsCent. */
  'revert-connection-gone',
  'revert-connection-moved',
] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

export const HISTORY_ERRORS = [
  z.object({
    kind: z.literal('history'),
    reason: z.enum(HISTORY_REASONS).optional(),
    /** The change the agent acted on. */
    entryId: z.number().int().positive().optional(),
    /** The history's folder. */
    path: z.string().optional(),
    /** The file system's error code (e.g. `ENOSPC`). */
    code: z.string().optional(),
  }),
] as const;
