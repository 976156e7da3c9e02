import { openJournal } from '../../main/history/journal';
import { pendingInput } from '../node/history-fixtures';
import { fixedDataKeyring } from './sealed-lines';

// Run by history-journal.test.ts in its own process: records a pending entry, says so on
// stdout, and waits to be killed before it can record the outcome (a crash or power cut
// between the two writes).
async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: journal-crash-child <dir>');
  const journal = await openJournal({ dir, retentionDays: 180, dataKeys: fixedDataKeyring() });
  const id = await journal.recordPending(pendingInput({ userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }));
  process.stdout.write(`pending ${id}\n`);
  // Never completes: the parent kills this process now.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
