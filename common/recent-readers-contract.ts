import { z } from 'zod';
import type { SettingsRecovery } from './connections-contract';

// Recent readers' part of the one bridge table (common/contract.ts joins the slices): the
// last readers opened on a connection, kept by main in the app's data folder (issue #11).

export const MAX_RECENT_READERS = 20;

export const RecentReadersRequest = z.strictObject({
  connectionId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'A connection id is lowercase letters, digits and dashes.'),
});
export type RecentReadersRequest = z.infer<typeof RecentReadersRequest>;

export const RecentReader = z.object({
  userId: z.string().regex(/^[a-f0-9]{24}$/i),
  name: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
  /** ISO time the reader was last opened on this computer. */
  openedAt: z.string().max(40),
});
export type RecentReader = z.infer<typeof RecentReader>;

export type RecentReadersList = {
  /** Newest first, at most MAX_RECENT_READERS. */
  readers: RecentReader[];
  /** Set when the file was damaged at start and moved aside (issue 17.6); the list then started empty. */
  recovered?: SettingsRecovery;
};

export const RECENT_READERS_REQUEST_SCHEMAS = {
  listRecentReaders: RecentReadersRequest,
  /** Forgets this connection's recent readers; answers the (empty) list. */
  clearRecentReaders: RecentReadersRequest,
} as const;

export type RecentReadersResults = {
  listRecentReaders: RecentReadersList;
  clearRecentReaders: RecentReadersList;
};
