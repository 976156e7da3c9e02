import { z } from 'zod';
import { HistoryConnection, HistoryChange } from '../../common/history-schemas';
import { ErrorKind } from '../../common/result';
import { EDITABLE_FIELDS } from '../../common/user-schemas';
import type { OutcomeLine, PendingLine } from '../history/journal-lines';
import type { MarkLine } from '../history/journal-marks';

// One audit event (issue 20): what the console forwards to the organisation's syslog for
// each history line, for each Clear history / retention purge / retention change, and
// periodically for the journal's head. The event is the JSON message of one syslog
// message (syslog-message.ts). Nothing secret goes in: no API key or secret, no
// Authorization, no data key; a connection is named by its name, environment and host.
//
// `eventId` is `<install id>-<seq>`: the install id is made once per data folder (outbox.ts)
// and `seq` counts this console's events from 1, with no gaps, in the order the journal
// wrote them. A repeat (docs/history.md "When an event arrives twice") always has the
// same id, so a pipeline can drop it; a gap in `seq` at the collector is a lost event.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const AUDIT_KINDS = [
  'change', // a change about to be sent (the journal's "pending" line)
  'outcome', // ConsCent's answer, or its absence, for a change
  'history-cleared',
  'retention-purge',
  'retention-changed',
  'damage-found',
  'history-set-aside',
  'chain-keyed',
  'chain-new-key',
  'head',
  'dropped', // events the outbox had no room for (whenFull 'keep-saving')
  'test', // "Send a test event"
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const Agent = z.object({ osUser: z.string(), displayName: z.string().optional() });

export const AuditEvent = z.strictObject({
  eventId: z.string().max(80),
  seq: z.number().int().positive(),
  kind: z.enum(AUDIT_KINDS),
  /** When it happened (the journal line's time), ISO. */
  at: z.iso.datetime(),
  machine: z.string(),
  agent: Agent.optional(),
  /** The journal line the event stands for: its chain hash (HMAC, the witness compares it) and the one before. */
  journal: z
    .object({
      line: z.enum(['pending', 'outcome', 'tombstone', 'chain']),
      entryId: z.number().int().positive().optional(),
      hash: hex64,
      prev: hex64,
    })
    .optional(),
  connection: HistoryConnection.pick({ name: true, environment: true, host: true }).optional(),
  readerId: z.string().optional(),
  fields: z.array(z.enum(EDITABLE_FIELDS)).optional(),
  /** Only when the `audit.values` setting is 'values'. */
  changes: z.array(HistoryChange).optional(),
  revertOf: z.number().int().positive().optional(),
  bulk: z.object({ runId: z.string(), row: z.number().int().positive() }).optional(),
  outcome: z.enum(['saved', 'failed', 'unknown', 'not-sent']).optional(),
  errorKind: ErrorKind.optional(),
  /** The ticket or reason the agent gave (issue 20.1), when the change carries one. */
  ticket: z.string().max(500).optional(),
  /** History cleared, purged, retention changed, damage found, set aside. */
  mark: z
    .object({
      entries: z.number().int().min(0),
      lastEntryId: z.number().int().min(0),
      lastHash: hex64.optional(),
      retentionDays: z.number().int().positive().optional(),
      previousDays: z.number().int().positive().optional(),
    })
    .optional(),
  /** The journal as it stands: lines in its chain, newest entry id, the last line's hash. */
  head: z.object({ lines: z.number().int().min(0), lastEntryId: z.number().int().min(0), lastHash: hex64 }).optional(),
  dropped: z.object({ count: z.number().int().positive(), since: z.iso.datetime(), until: z.iso.datetime() }).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
/** An event before the outbox numbers it. */
export type AuditEventBody = Omit<AuditEvent, 'eventId' | 'seq'>;

export type JournalLineOf = PendingLine | OutcomeLine | MarkLine;

const MARK_KINDS: Record<Extract<MarkLine, { type: 'tombstone' }>['what'], AuditKind> = {
  cleared: 'history-cleared',
  purged: 'retention-purge',
  'retention-changed': 'retention-changed',
  'damage-found': 'damage-found',
  'set-aside': 'history-set-aside',
};

/** The event for one journal line (its chain hash given by the journal). */
export function eventOfLine(line: JournalLineOf, hash: string, context: { machine: string; values: 'names' | 'values' }): AuditEventBody {
  const journal = { line: line.type, hash, prev: line.prev, ...('id' in line ? { entryId: line.id } : {}) };
  const base = { at: line.at, journal };
  switch (line.type) {
    case 'pending': {
      const { name, environment, host } = line.connection;
      return {
        ...base,
        kind: 'change',
        machine: line.machine,
        agent: line.agent,
        connection: { name, environment, host },
        readerId: line.userId,
        fields: line.changes.map((change) => change.field),
        ...(context.values === 'values' ? { changes: line.changes } : {}),
        ...(line.revertOf ? { revertOf: line.revertOf } : {}),
        ...(line.bulk ? { bulk: line.bulk } : {}),
        ...(line.ticket ? { ticket: line.ticket } : {}),
      };
    }
    case 'outcome':
      return {
        ...base,
        kind: 'outcome',
        machine: context.machine,
        outcome: line.notSent ? 'not-sent' : line.outcome,
        ...(line.errorKind ? { errorKind: line.errorKind } : {}),
      };
    case 'chain':
      return {
        ...base,
        kind: line.what === 'keyed' ? 'chain-keyed' : 'chain-new-key',
        machine: context.machine,
        mark: { entries: 0, lastEntryId: line.lastId },
      };
    case 'tombstone':
      return {
        ...base,
        kind: MARK_KINDS[line.what],
        machine: line.machine,
        agent: line.agent,
        mark: {
          entries: line.entries,
          lastEntryId: line.lastId,
          lastHash: line.lastHash,
          ...(line.retentionDays ? { retentionDays: line.retentionDays } : {}),
          ...(line.previousDays ? { previousDays: line.previousDays } : {}),
        },
      };
  }
}

/** The syslog MSGID and severity of each kind: a cleared history or lost events stand out. */
export function severityOf(kind: AuditKind): 'notice' | 'warning' | 'info' {
  if (kind === 'history-cleared' || kind === 'retention-purge' || kind === 'damage-found' || kind === 'history-set-aside' || kind === 'dropped') {
    return 'warning';
  }
  return kind === 'head' || kind === 'test' ? 'info' : 'notice';
}
