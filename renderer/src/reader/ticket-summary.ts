import type { HistoryEntry } from '../../../common/history-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { localTime } from '../format/times';
import { agentText, valueLines } from '../history/history-text';

// The plain text "Copy summary" puts on the clipboard after a save, for the agent's reply
// on the ticket (issue 22 item 6). It is made from the change's history entry, the same
// record the History screen shows: who saved it and when are what this computer recorded,
// and before/after are the values that entry holds. Plain text, no markup: it is pasted
// into whatever ticket tool the team uses.

/**
 * What the agent says a change was for. No change carries one yet: when the save (and
 * its history entry) gains a ticket reference or a reason, pass it here and the summary
 * names it.
 */
export type ChangeReason = { ticket?: string; reason?: string };

function readerLine(entry: HistoryEntry): string {
  const { name, email } = entry.reader;
  const who = [name, email ? `<${email}>` : ''].filter(Boolean).join(' ');
  return `Reader: ${who ? `${who}, ` : ''}user id ${entry.userId}`;
}

function changeLines({ field, before, after }: HistoryEntry['changes'][number]): string {
  const label = FIELD_LABELS[field];
  const from = valueLines(field, before);
  const to = valueLines(field, after);
  if (from.length === 1 && to.length === 1) return `- ${label}: from ${from[0]} to ${to[0]}`;
  // An address list reads entry by entry, one per line, under "from" and "to".
  const block = (lines: string[]) => lines.map((line) => `    ${line}`).join('\n');
  return `- ${label}:\n  from:\n${block(from)}\n  to:\n${block(to)}`;
}

export function ticketSummary(entry: HistoryEntry, why: ChangeReason = {}): string {
  const when = localTime(entry.completedAt ?? entry.at) ?? entry.at;
  const lines = [readerLine(entry), `Changed on ${when} by ${agentText(entry)}:`, ...entry.changes.map(changeLines)];
  if (entry.revertOf) lines.push(`This undoes change ${entry.revertOf} of this computer's history.`);
  // The change's own ticket or reason (the review's one field) unless the caller names one.
  const ticket = why.ticket ?? entry.ticket;
  if (ticket) lines.push(`Ticket or reason: ${ticket}`);
  if (why.reason) lines.push(`Reason: ${why.reason}`);
  return `${lines.join('\n')}\n`;
}
