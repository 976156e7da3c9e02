import { z } from 'zod';
import { ObjectId } from './user-schemas';

// Console windows' part of the one bridge table (issue 22.4): the reader screen's "Open in
// new window". An agent working two tickets side by side gets a second console window,
// opened on this reader the way a conscent-console:// link opens one (common/deep-link.ts).

/** More windows than an agent can keep apart only costs memory; the ninth is refused, as data. */
export const MAX_CONSOLE_WINDOWS = 8;

export const OpenReaderWindowRequest = z.strictObject({
  userId: ObjectId,
  /** The connection by name, as a link names it (the new window matches it the same way). */
  connection: z.string().trim().min(1, 'Name the connection.').max(80, 'A connection name is at most 80 characters.'),
});
export type OpenReaderWindowRequest = z.infer<typeof OpenReaderWindowRequest>;

/**
 * `opened`: a new window is opening on the reader. Refused: `too-many-windows` when
 * MAX_CONSOLE_WINDOWS are open (`limit` says how many), `no-windows` where this console
 * cannot open windows at all (a test's bridge without Electron).
 */
export type OpenReaderWindowResult =
  { opened: true } | { opened: false; reason: 'too-many-windows'; limit: number } | { opened: false; reason: 'no-windows' };

export const WINDOWS_REQUEST_SCHEMAS = {
  openReaderWindow: OpenReaderWindowRequest,
} as const;

export type WindowsResults = {
  openReaderWindow: OpenReaderWindowResult;
};
