import type { BulkField, BulkProgress, BulkRowResult, DamagedRun } from '../../../common/bulk-schemas';
import { explainErrorText } from '../errors/explain-error';

// The Bulk screen's words: field names, run states, outcomes and times left.

export const FIELD_LABELS: Record<BulkField, string> = {
  name: 'Name',
  email: 'Email',
  countryCode: 'Country code',
  phone: 'Phone',
  gender: 'Gender',
  dateOfBirth: 'Date of birth',
  'address.name': 'Address: name',
  'address.apartment': 'Address: apartment',
  'address.area': 'Address: area',
  'address.pincode': 'Address: pincode',
  'address.landmark': 'Address: landmark',
  'address.city': 'Address: city',
  'address.state': 'Address: state',
  'address.country': 'Address: country',
};

export const STATE_WORDS: Record<BulkProgress['state'], string> = {
  ready: 'Ready',
  running: 'Sending',
  paused: 'Paused: nothing new is sent until you resume',
  'rate-limited': 'Waiting: ConsCent asked the console to slow down',
  cancelling: 'Cancelling: letting the requests on their way finish',
  finished: 'Finished',
  cancelled: 'Cancelled: the rows not sent are listed as “not sent”',
  halted: 'Stopped: the remaining rows would all be refused the same way',
  interrupted: 'Interrupted',
};

export const OUTCOME_WORDS: Record<BulkRowResult['outcome'], string> = {
  saved: 'Saved',
  failed: 'Failed (nothing was applied)',
  unknown: 'Outcome unknown — check this reader',
  'not-sent': 'Not sent',
  'will-change': 'Will change',
  'no-change': 'Changes nothing',
  'unknown-user': 'ConsCent does not know this user id',
  'lookup-failed': 'Lookup failed',
};

/** A run a stopped console left behind whose files are damaged: what became of it and what to do. */
export function damagedRunWords({ runId, fileName, damaged }: DamagedRun): string {
  const run = fileName ? `The bulk run of ${fileName}` : `A bulk run (folder ${runId})`;
  if (damaged.file === 'run.json') {
    return `${run} cannot be resumed: its file run.json is damaged${damaged.movedTo ? ` and was moved aside as ${damaged.movedTo} in the run's folder (bulk/${runId})` : ' and could not be moved aside'}. Check in the change history which of its readers were changed, and send the rest again from the CSV file.`;
  }
  return `${run} was interrupted and cannot be resumed: line ${damaged.line ?? '?'} of its file ${damaged.file} is damaged, so the console cannot tell which rows were already sent (none is sent twice). Check in the change history which of its readers were changed, and send the rest again from the CSV file.`;
}

export function timeLeft(seconds: number | undefined): string {
  if (seconds === undefined) return 'working out the time left…';
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/**
 * The outcomes so far, every row of the file counted: the rows left out as invalid are
 * "not sent" here as they are in the results table.
 */
export function countsText(p: BulkProgress): string {
  const leftOut = p.leftOut > 0 ? `${p.leftOut} left out as invalid` : '';
  if (p.mode === 'dry-run' && p.dry) {
    const dry = `${p.dry['will-change']} will change, ${p.dry['no-change']} change nothing, ${p.dry['unknown-user']} unknown to ConsCent, ${p.dry['lookup-failed']} lookups failed`;
    return leftOut ? `${dry}, ${leftOut}` : dry;
  }
  const notSent = `${p.notSent + p.leftOut} not sent${leftOut ? ` (${leftOut})` : ''}`;
  return `${p.saved} saved, ${p.failed} failed, ${p.unknown} outcome unknown, ${notSent}`;
}

export function resultMessage(row: BulkRowResult): string {
  if (!row.error) return row.message ?? (row.changes?.length ? `Changes: ${row.changes.join(', ')}` : '');
  if (row.error.kind === 'invalid-input' && row.error.fields) {
    return Object.entries(row.error.fields)
      .map(([column, message]) => `${column}: ${message}`)
      .join(' ');
  }
  return explainErrorText(row.error, 'update');
}
