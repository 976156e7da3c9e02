import type { BulkProgress } from '../../common/bulk-schemas';

// A bulk run that ends while the console is in the background says so with a system
// notification (issue 22.7): runs of thousands of rows take minutes, and the agent works
// in other windows meanwhile. Main draws it (as it draws its menus and dialogs), so its
// few words are here; the Bulk screen says the rest when the agent comes back.

export type RunEnded = Pick<BulkProgress, 'state' | 'mode' | 'saved' | 'failed' | 'unknown' | 'notSent'> & { fileName: string };

export function bulkNotification(run: RunEnded): { title: string; body: string } {
  const dry = run.mode === 'dry-run';
  const title =
    run.state === 'finished'
      ? dry
        ? 'Dry run finished'
        : 'Bulk run finished'
      : run.state === 'cancelled'
        ? 'Bulk run cancelled'
        : 'Bulk run stopped';
  const parts = dry
    ? []
    : [
        `${run.saved} saved`,
        ...(run.failed > 0 ? [`${run.failed} failed`] : []),
        ...(run.unknown > 0 ? [`${run.unknown} outcome unknown`] : []),
        ...(run.notSent > 0 ? [`${run.notSent} not sent`] : []),
      ];
  const counts = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return { title, body: `${run.fileName}${counts}. Open the console to see the results.` };
}
