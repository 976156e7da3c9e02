import { z } from 'zod';
import type { HistoryEvent } from '../../common/history-schemas';
import { JOURNAL_VERSION } from './journal-lines';

// Lines of the journal that are not a change (issue 18). A `chain` line says that from it
// on every line is signed with this install's key (HMAC-SHA256, key in the OS keychain):
// 'keyed' where an older unsigned history goes on signed, 'new-key' where the key was
// missing from the keychain and a new one signs from here. A `tombstone` records something
// done to the history as a whole — cleared, purged by retention, retention changed, damage
// found at open, set aside because its data key was lost — with who, when, how many entries and the hash the chain stood at. Both
// sit in the chain like any line, so they cannot be removed or forged without the key.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ChainLine = z.object({
  v: z.literal(JOURNAL_VERSION),
  type: z.literal('chain'),
  what: z.enum(['keyed', 'new-key']),
  at: z.iso.datetime(),
  prev: hex64,
  /** The newest change id so far: ids go on after it. */
  lastId: z.number().int().min(0),
});
export type ChainLine = z.infer<typeof ChainLine>;

export const TombstoneLine = z.object({
  v: z.literal(JOURNAL_VERSION),
  type: z.literal('tombstone'),
  what: z.enum(['cleared', 'purged', 'retention-changed', 'damage-found', 'set-aside']),
  at: z.iso.datetime(),
  prev: hex64,
  agent: z.object({ osUser: z.string(), displayName: z.string().optional() }),
  machine: z.string(),
  entries: z.number().int().min(0),
  /** The hash the removed (or damaged) part ended with: what the new chain starts from. */
  lastHash: hex64,
  lastId: z.number().int().min(0),
  retentionDays: z.number().int().positive().optional(),
  previousDays: z.number().int().positive().optional(),
  found: z.array(z.string().max(400)).max(5).optional(),
  /** set-aside: the history before this line was sealed with a key the keychain lost, and was moved to this folder. */
  setAside: z.object({ folder: z.string().max(200), lines: z.number().int().min(0) }).optional(),
});
export type TombstoneLine = z.infer<typeof TombstoneLine>;

export const MarkLine = z.discriminatedUnion('type', [ChainLine, TombstoneLine]);
export type MarkLine = z.infer<typeof MarkLine>;

export type Who = { agent: { osUser: string; displayName?: string }; machine: string };

// Lines are written by JSON.stringify with these keys first, so a prefix tells them apart
// before any parsing (the scan hashes a chain line with the key it starts).
const CHAIN_START = Buffer.from(`{"v":${JOURNAL_VERSION},"type":"chain"`);
const TOMBSTONE_START = Buffer.from(`{"v":${JOURNAL_VERSION},"type":"tombstone"`);

export function isChainBytes(bytes: Buffer): boolean {
  return bytes.subarray(0, CHAIN_START.length).equals(CHAIN_START);
}

export function isMarkBytes(bytes: Buffer): boolean {
  return isChainBytes(bytes) || bytes.subarray(0, TOMBSTONE_START.length).equals(TOMBSTONE_START);
}

/** What the History screen lists for a mark; a 'keyed' line is not an event (the integrity note names it). */
export function eventOf(mark: MarkLine): HistoryEvent | undefined {
  if (mark.type === 'chain') return mark.what === 'new-key' ? { what: 'new-key', at: mark.at, entries: 0 } : undefined;
  return {
    what: mark.what,
    at: mark.at,
    agent: mark.agent,
    machine: mark.machine,
    entries: mark.entries,
    ...(mark.retentionDays ? { retentionDays: mark.retentionDays } : {}),
    ...(mark.previousDays ? { previousDays: mark.previousDays } : {}),
    ...(mark.found ? { found: mark.found } : {}),
    ...(mark.setAside ? { setAside: mark.setAside } : {}),
  };
}
