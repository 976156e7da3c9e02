import { z } from 'zod';
import { ENVIRONMENTS } from './environments';
import type { ErrorKind, NetworkReason } from './result';
import { EDITABLE_FIELDS, ObjectId, type EditableField } from './user-schemas';

// The change history as the bridge carries it (issue #10): the filter and page a list or
// export asks for, and the entries, revert plans and settings main answers with. The
// journal's own line format on disk is main's business (main/history/journal-lines.ts).

/** Entries per page: the most any history operation returns at once. */
export const MAX_HISTORY_PAGE = 100;
export const DEFAULT_RETENTION_DAYS = 180;
export const MAX_RETENTION_DAYS = 3650;

export const HistoryEntryId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const HISTORY_OUTCOMES = ['saved', 'failed', 'unknown'] as const;
export const HistoryOutcome = z.enum(HISTORY_OUTCOMES);
export type HistoryOutcome = z.infer<typeof HistoryOutcome>;

const isoInstant = z.iso.datetime({ offset: true, message: 'A date in the history filter is an ISO-8601 date-time.' });

export const HistoryFilter = z
  .strictObject({
    /** Part of a user id, email or name, any case. */
    reader: z.string().trim().max(254, 'That search is too long.').optional(),
    /** Exactly this reader (the reader screen's summary). */
    userId: ObjectId.optional(),
    connectionId: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'A connection id is lowercase letters, digits and dashes.')
      .optional(),
    /** Inclusive bounds on the time of the change. */
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    outcome: HistoryOutcome.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: 'The start of the date range is after its end.',
    path: ['to'],
  });
export type HistoryFilter = z.infer<typeof HistoryFilter>;

export const HistoryPageRequest = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE, `A page holds at most ${MAX_HISTORY_PAGE} entries.`),
});

export const ListHistoryRequest = z.strictObject({ filter: HistoryFilter, page: HistoryPageRequest });
export type ListHistoryRequest = z.input<typeof ListHistoryRequest>;

export const ExportHistoryRequest = z.strictObject({ filter: HistoryFilter });
export type ExportHistoryRequest = z.input<typeof ExportHistoryRequest>;

export const PrepareRevertRequest = z.strictObject({ entryId: HistoryEntryId });
export type PrepareRevertRequest = z.infer<typeof PrepareRevertRequest>;

export const GetHistorySettingsRequest = z.strictObject({});

export const HistoryPreferences = z.strictObject({
  /** How the agent is named in entries, beside the OS user name; '' for none. */
  displayName: z.string().trim().max(80, 'The display name must be at most 80 characters.'),
  retentionDays: z
    .number()
    .int('Keep entries for a whole number of days.')
    .min(1, 'Keep entries for at least 1 day.')
    .max(MAX_RETENTION_DAYS, `Keep entries for at most ${MAX_RETENTION_DAYS} days.`),
});
export type HistoryPreferences = z.infer<typeof HistoryPreferences>;

export const ClearHistoryRequest = z.strictObject({ confirm: z.literal(true, 'Confirm that the whole history is to be cleared.') });
export type ClearHistoryRequest = z.infer<typeof ClearHistoryRequest>;

/** A field's value as recorded: text, an address, or an address list. */
export type HistoryValue = string | Record<string, string> | Record<string, string>[];
export const HistoryValue: z.ZodType<HistoryValue> = z.union([
  z.string(),
  z.record(z.string(), z.string()),
  z.array(z.record(z.string(), z.string())),
]);

export const HistoryChange = z.object({
  field: z.enum(EDITABLE_FIELDS),
  /** null: the console did not know the value before the change. */
  before: HistoryValue.nullable(),
  after: HistoryValue,
});
export type HistoryChange = z.infer<typeof HistoryChange> & { field: EditableField };

export const HistoryConnection = z.object({
  connectionId: z.string(),
  name: z.string(),
  environment: z.enum(ENVIRONMENTS),
  host: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
});
export type HistoryConnection = z.infer<typeof HistoryConnection>;

// eslint-disable-next-line no-control-regex -- the control characters are what it refuses
const PLAIN_ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

/** "Ticket or reason" on a change (issue 20): a ticket id, link or a few words; one line. */
export const TicketOrReason = z
  .string()
  .trim()
  .max(200, 'Keep the ticket or reason under 200 characters.')
  .regex(/^[^\r\n]*$/, 'The ticket or reason is one line.')
  // It reaches History, CSV exports and the team's log from links and CSV files the agent
  // did not write: control characters and text-direction overrides could make it read as
  // something else there, so they are refused wherever it comes from.
  .regex(PLAIN_ONE_LINE, 'Use plain text for the ticket or reason: no control or text-direction characters.');

export type HistoryEntry = {
  id: number;
  at: string;
  agent: { osUser: string; displayName?: string };
  machine: string;
  connection: HistoryConnection;
  userId: string;
  /** The reader's name and email as the console knew them then. */
  reader: { name?: string; email?: string };
  changes: HistoryChange[];
  /**
   * sending: this console is waiting for ConsCent now. unknown: ConsCent's answer never
   * arrived (timeout, dropped connection) or was never recorded (the console stopped).
   */
  status: HistoryOutcome | 'sending';
  completedAt?: string;
  errorKind?: ErrorKind;
  reason?: NetworkReason;
  /** ConsCent's message for a saved change. */
  message?: string;
  /** The console stopped before ConsCent's answer was recorded. */
  interrupted?: boolean;
  /** status "failed" because the request was never sent (a bulk run stopped just before sending it). */
  notSent?: true;
  revertOf?: number;
  /** The ticket or reason the agent gave for the change (issue 20), as typed. */
  ticket?: string;
  revertedBy?: number[];
  /** Signed with a key the keychain no longer holds: it cannot be verified (issue 18). */
  unverifiable?: true;
};

/** What is wrong with a line of the history files; the rest stays usable. */
export type HistoryProblem = { file: string; line: number; entryId?: number; problem: string };

export type HistoryPage = {
  entries: HistoryEntry[];
  /** Entries matching the filter (not only this page). */
  total: number;
  offset: number;
  /** Every entry in the history, whatever the filter. */
  all: number;
  /** The first problems found when the history was opened, and how many there are in all. */
  problems: HistoryProblem[];
  problemCount: number;
  /** Connections seen in the history, for the filter: id and latest name. */
  connections: { connectionId: string; name: string }[];
  /** Clears, purges, retention changes, damage found: newest first (issue 18). */
  events?: HistoryEvent[];
  integrity?: HistoryIntegrity;
};

export type ExportHistoryResult = { saved: false } | { saved: true; path: string; entries: number; rows: number };

export type RevertPlan = {
  entry: HistoryEntry;
  /** The previous value of each field whose previous value is known. */
  restore: { field: EditableField; value: HistoryValue }[];
  /** Fields changed by the entry whose previous value ConsCent never returned. */
  cannotRestore: EditableField[];
  /** The values come from a history with damage in it: never used without saying so. */
  fromDamagedHistory?: true;
};

export type HistorySettings = HistoryPreferences & {
  osUser: string;
  machine: string;
  /** Where the history files are. */
  folder: string;
};

/**
 * Something done to the history as a whole (issue 18), read from a signed line of the
 * journal: it was cleared, entries were purged by the retention setting, the retention
 * changed, the console found it cut at open, or the key that signs it was missing.
 */
export type HistoryEvent = {
  what: 'cleared' | 'purged' | 'retention-changed' | 'damage-found' | 'new-key' | 'set-aside';
  at: string;
  agent?: { osUser: string; displayName?: string };
  machine?: string;
  /** Changes removed (cleared, purged), or in the history then (retention changed). */
  entries: number;
  retentionDays?: number;
  previousDays?: number;
  /** damage-found: what was found, as reported then. */
  found?: string[];
  /** set-aside: the earlier history, sealed with a key the keychain no longer has, was moved to this folder (inside the history folder). */
  setAside?: { folder: string; lines: number };
};

/** How far the history can be trusted (docs/history.md, "The chain check"). */
export type HistoryIntegrity = {
  /** Changes checked only with the older, unkeyed rule: recorded before the history was signed. */
  unsignedEntries: number;
  /** Where the signed part starts, when an older unsigned part precedes it. */
  signedFrom?: { file: string; line: number };
  /** Changes signed with a key the keychain no longer holds: they cannot be verified. */
  unverifiableEntries: number;
  /** The history holds damage: what it pre-fills is marked "from a damaged history". */
  damaged: boolean;
};
