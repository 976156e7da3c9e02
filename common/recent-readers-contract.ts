import { z } from 'zod';
import type { SettingsRecovery } from './connections-contract';
import { LOCAL_SEARCH_MAX, LOCAL_SEARCH_MIN } from './local-search-limits';

// Recent readers' part of the one bridge table (common/contract.ts joins the slices): the
// last readers opened on a connection, kept by main in the app's data folder (issue #11),
// and the search by name over the readers this computer has worked with (issue 22.5):
// ConsCent's API finds a reader only by user id, email or phone number.

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

export const FindLocalReadersRequest = z.strictObject({
  connectionId: RecentReadersRequest.shape.connectionId,
  text: z
    .string()
    .trim()
    .min(LOCAL_SEARCH_MIN, `Type at least ${LOCAL_SEARCH_MIN} characters of a name or email.`)
    .max(LOCAL_SEARCH_MAX, `A name or part of one is at most ${LOCAL_SEARCH_MAX} characters.`),
});
export type FindLocalReadersRequest = z.infer<typeof FindLocalReadersRequest>;

/** Where this computer met the reader: the recent readers list, or a change in the history. */
export type LocalSource = 'recent' | 'history';

export type LocalReaderMatch = {
  userId: string;
  name?: string;
  email?: string;
  /** ISO time this computer last worked on the reader: opened (recent) or changed (history). */
  lastWorkedAt: string;
  foundIn: LocalSource[];
};

export type LocalReaderMatches = {
  /** Newest worked on first, at most MAX_LOCAL_MATCHES. */
  readers: LocalReaderMatch[];
  /** How many matched in all (more than `readers` holds when the cap cut the list). */
  total: number;
  /** A place that could not be searched (a locked keychain, a damaged file): the list may miss readers. */
  unsearched?: LocalSource[];
};

export const RECENT_READERS_REQUEST_SCHEMAS = {
  listRecentReaders: RecentReadersRequest,
  /** Forgets this connection's recent readers; answers the (empty) list. */
  clearRecentReaders: RecentReadersRequest,
  /** Readers this computer has worked with whose name or email holds the text (never ConsCent's search). */
  findLocalReaders: FindLocalReadersRequest,
} as const;

export type RecentReadersResults = {
  listRecentReaders: RecentReadersList;
  clearRecentReaders: RecentReadersList;
  findLocalReaders: LocalReaderMatches;
};
