import type { HistoryEntry, HistoryProblem } from '../../common/history-schemas';
import { join } from 'node:path';
import type { LineCodec } from '../at-rest/sealed-text';
import { readLinesAt } from './journal-files';
import { statusOf, type IndexEntry, type JournalIndex } from './journal-index';
import { OutcomeLine, PendingLine } from './journal-lines';
import { withoutRecord } from './journal-scan';

// Reads whole entries back from disk for the few index entries a page (or an export batch)
// needs, validating each line in full now that it is about to be shown.

/** `recordLost`: the outcome line was cut short (or damaged) inside ConsCent's record; `outcome` is its readable part. */
export type LoadedEntry = { index: IndexEntry; pending: PendingLine; outcome?: OutcomeLine; recordLost?: true };

export async function loadEntries(
  dir: string,
  index: JournalIndex,
  wanted: readonly IndexEntry[],
  report: (problem: HistoryProblem) => void,
  codec: LineCodec,
): Promise<LoadedEntry[]> {
  // One open per file, whatever the number of entries in it.
  const byFile = new Map<number, { entry: IndexEntry; which: 'pending' | 'outcome' }[]>();
  const want = (file: number, entry: IndexEntry, which: 'pending' | 'outcome') => {
    const list = byFile.get(file) ?? [];
    list.push({ entry, which });
    byFile.set(file, list);
  };
  for (const entry of wanted) {
    want(entry.file, entry, 'pending');
    if (entry.outFile !== -1) want(entry.outFile, entry, 'outcome');
  }
  const texts = new Map<IndexEntry, { pending?: string; outcome?: string }>();
  for (const [file, list] of byFile) {
    const places = list.map(({ entry, which }) =>
      which === 'pending' ? { offset: entry.offset, length: entry.length } : { offset: entry.outOffset, length: entry.outLength },
    );
    const lines = await readLinesAt(join(dir, index.files[file]!), places, codec);
    list.forEach(({ entry, which }, i) => {
      const slot = texts.get(entry) ?? {};
      slot[which] = lines[i];
      texts.set(entry, slot);
    });
  }
  const loaded: LoadedEntry[] = [];
  for (const entry of wanted) {
    const text = texts.get(entry) ?? {};
    const pending = PendingLine.safeParse(parseJson(text.pending));
    if (!pending.success) {
      report({
        file: index.files[entry.file] ?? '?',
        line: 0,
        entryId: entry.id,
        problem: 'This entry changed on disk since the console opened the history and can no longer be read.',
      });
      continue;
    }
    loaded.push({ index: entry, pending: pending.data, ...(text.outcome === undefined ? {} : readOutcome(text.outcome)) });
  }
  return loaded;
}

const OutcomeFacts = OutcomeLine.omit({ record: true });

/** The outcome line in full, or what can be read of it before a record that is cut short. */
function readOutcome(text: string): { outcome?: OutcomeLine; recordLost?: true } {
  const whole = OutcomeLine.safeParse(parseJson(text));
  if (whole.success) return { outcome: whole.data };
  let facts: unknown;
  try {
    facts = withoutRecord(text);
  } catch {
    return {};
  }
  const readable = OutcomeFacts.safeParse(facts);
  return readable.success ? { outcome: readable.data, recordLost: true } : {};
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An entry as the bridge sends it: never the full record ConsCent returned (only the journal keeps that). */
export function entryView(loaded: LoadedEntry, index: JournalIndex, inFlight: ReadonlySet<number>): HistoryEntry {
  const { pending, outcome } = loaded;
  const status = statusOf(loaded.index, inFlight);
  const view: HistoryEntry = {
    id: pending.id,
    at: pending.at,
    agent: pending.agent,
    machine: pending.machine,
    connection: pending.connection,
    userId: pending.userId,
    reader: pending.reader,
    changes: pending.changes,
    status,
  };
  if (outcome) {
    view.completedAt = outcome.at;
    if (outcome.errorKind) view.errorKind = outcome.errorKind;
    if (outcome.reason) view.reason = outcome.reason;
    if (outcome.message) view.message = outcome.message;
    if (outcome.notSent) view.notSent = true;
  } else if (status === 'unknown') view.interrupted = true;
  if (pending.revertOf) view.revertOf = pending.revertOf;
  if (pending.ticket) view.ticket = pending.ticket;
  const revertedBy = index.revertedBy.get(pending.id);
  if (revertedBy) view.revertedBy = [...revertedBy];
  return view;
}
