import type { OutcomeLine, PendingLine } from './journal-lines';
import type { MarkLine } from './journal-marks';

// The one hook the journal offers (issue 20): main/audit/ puts every line in its outbox
// through it. `writing` is called (and awaited) for each line just before the line is
// appended, with the chain hash it will have, so the forwarded event is on disk before the
// journal line is: a crash between the two leaves an event for a line the journal never
// got (the witness names it "not recorded"), never a journal line without its event.
// A `writing` that throws refuses the line: nothing is appended (and a change is not sent).

/** Where the journal's chain stands: lines in it, the newest entry id, the last line's hash. */
export type JournalHead = { lines: number; lastEntryId: number; lastHash: string };

export interface JournalObserver {
  /** Once, when the journal has opened (before any purge at open is written). */
  opened?(head: JournalHead): void;
  writing(line: PendingLine | OutcomeLine | MarkLine, hash: string, head: JournalHead): Promise<void>;
}
