import { join } from 'node:path';
import { openAuditForwarder } from '../../main/audit/audit-forwarder';
import { AuditSettings } from '../../main/audit/audit-settings';
import { openJournal } from '../../main/history/journal';
import { pendingInput } from '../node/history-fixtures';
import { consoleKeyring } from './sealed-lines';

// Run by audit-crash.test.ts in its own process, SIGKILLed by the test at a random moment
// or by kill-points.ts just before a journal line is written (after its event is in the
// outbox). `save`: records changes one after another until killed. `drain`: records
// nothing, waits until the outbox is empty, says so and exits.
async function main(): Promise<void> {
  const [dir = '', port = '', mode = 'save'] = process.argv.slice(2);
  const dataKeys = consoleKeyring(dir);
  const forwarder = await openAuditForwarder({
    dir: join(dir, 'audit'),
    settings: AuditSettings.parse({ host: '127.0.0.1', port: Number(port), tls: false }),
    dataKeys,
    machine: 'desk-12',
    confirmMs: 200,
    backoffMs: { first: 50, max: 200 },
  });
  const journal = await openJournal({ dir: join(dir, 'history'), retentionDays: 180, dataKeys, observer: forwarder });
  process.stdout.write('ready\n');
  if (mode === 'drain') {
    await forwarder.drained(30_000);
    process.stdout.write('drained\n');
    await forwarder.stop();
    return;
  }
  for (let i = 0; ; i += 1) {
    const id = await journal.recordPending(pendingInput({ userId: `reader-${process.pid}-${i}` }));
    await journal.complete(id, { outcome: 'saved', message: 'ok' });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
