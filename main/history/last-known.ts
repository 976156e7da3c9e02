import type { RecordOrigin, RememberedRecord } from '../readers/last-returned-records';
import { viewFromUserData } from '../conscent/reader-view';
import { STATUS, fieldsOf } from './journal-index';
import type { Journal } from './journal';

// "Last known values": the record ConsCent returned after the newest saved change to this
// reader over this ConsCent. A later change whose outcome is unknown (or still being
// sent) may have altered some fields: those are left out, as not known. A failed change
// altered nothing.

/** A remembered record whose source is the history (see ReaderView.remembered.from). */
export type HistoryRecord = RememberedRecord & { from: 'history' };

export async function lastKnownRecord(journal: Journal, origin: RecordOrigin, userId: string): Promise<HistoryRecord | undefined> {
  let unsure = 0;
  for (const entry of journal.readerEntries(userId)) {
    const connection = journal.connectionOf(entry);
    if (
      !connection ||
      connection.connectionId !== origin.connectionId ||
      connection.baseUrl !== origin.baseUrl ||
      connection.clientId !== origin.clientId
    ) {
      continue;
    }
    if (entry.status === STATUS.failed) continue;
    if (entry.status !== STATUS.saved) {
      unsure |= entry.fields;
      continue;
    }
    const [loaded] = await journal.load([entry]);
    if (loaded?.recordLost) {
      // What this change returned is lost: the fields it set are not known, and an older
      // record must not stand in for them.
      unsure |= entry.fields;
      continue;
    }
    const record = loaded?.outcome?.record;
    if (!loaded?.outcome || !record) continue;
    const view = viewFromUserData(record);
    const dropped = new Set(fieldsOf(unsure));
    view.known = view.known.filter((field) => !dropped.has(field));
    for (const field of dropped) delete view[field];
    return { view, at: loaded.outcome.at, from: 'history' };
  }
  return undefined;
}
