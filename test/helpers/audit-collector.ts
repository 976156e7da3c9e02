import { AuditEvent } from '../../main/audit/audit-event';
import { parseSyslogMessage, type ParsedSyslog } from '../../main/audit/syslog-message';
import type { ReceivedMessage } from './rsyslog';

// What the audit tests read back from rsyslog's file: each message parsed as RFC 5424 and
// its JSON payload checked against the event schema, with the repeats counted.

export type Delivered = { syslog: ParsedSyslog; event: AuditEvent; received: ReceivedMessage };

export function eventsOf(received: readonly ReceivedMessage[]): Delivered[] {
  return received.map((message) => {
    const syslog = parseSyslogMessage(message.raw);
    if (!syslog) throw new Error(`not an RFC 5424 message: ${message.raw.slice(0, 200)}`);
    return { syslog, event: AuditEvent.parse(JSON.parse(syslog.message)), received: message };
  });
}

/** Each event once (its first arrival), how many arrived more than once, and whether first arrivals are in seq order. */
export function summary(delivered: readonly Delivered[]): { unique: Delivered[]; duplicates: number; inOrder: boolean; seqs: number[] } {
  const seen = new Set<string>();
  const unique: Delivered[] = [];
  let duplicates = 0;
  for (const d of delivered) {
    if (seen.has(d.event.eventId)) duplicates += 1;
    else {
      seen.add(d.event.eventId);
      unique.push(d);
    }
  }
  const seqs = unique.map((d) => d.event.seq);
  return { unique, duplicates, inOrder: seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0)), seqs };
}

/** 1..n, the seqs a console that gave n events must have delivered (no gap: nothing lost). */
export const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
