import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditForwarder } from '../../main/audit/audit-forwarder';
import { AuditSettings } from '../../main/audit/audit-settings';
import { openJournal } from '../../main/history/journal';
import { closedPort } from '../helpers/closed-port';
import { fixedDataKeyring } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';
import { pendingInput } from './history-fixtures';

// Issue 20 item 3: a collector away long enough fills the outbox. By default the agent's
// saves go on (the event is dropped, counted, and the status says full); with
// "refuse-saves" the journal refuses the line, so the change is never sent.

const newDir = tempFolders('conscent-audit-full-');
const keys = fixedDataKeyring();

async function fullConsole(whenFull: 'keep-saving' | 'refuse-saves') {
  const dir = newDir();
  const forwarder = await openAuditForwarder({
    dir: join(dir, 'audit'),
    settings: AuditSettings.parse({ host: '127.0.0.1', port: await closedPort(), tls: false, outboxSize: 100, whenFull }),
    dataKeys: keys,
    backoffMs: { first: 50, max: 100 },
  });
  const journal = await openJournal({ dir: join(dir, 'history'), retentionDays: 180, dataKeys: keys, observer: forwarder });
  // The head at open and 49 changes × 2 lines: 99 events; the 50th change's pending line fills it.
  for (let i = 0; i < 49; i += 1) await journal.complete(await journal.recordPending(pendingInput()), { outcome: 'saved' });
  await expect.poll(() => forwarder.status().waiting).toBe(99);
  expect(forwarder.status()).toMatchObject({ filling: true, full: false });
  return { forwarder, journal };
}

describe('a full audit outbox', () => {
  it('keeps saving by default: the change is recorded, its events dropped and counted', async () => {
    const { forwarder, journal } = await fullConsole('keep-saving');
    const id = await journal.recordPending(pendingInput());
    await journal.complete(id, { outcome: 'saved' });
    expect(id).toBe(50);
    expect((await journal.list({}, 0, 100)).total).toBe(50);
    expect(forwarder.status()).toMatchObject({ state: 'unreachable', full: true, waiting: 100, dropped: 1 });
    await forwarder.stop();
  });

  it('refuses the change when the setting says so: nothing is written, so nothing is sent', async () => {
    const { forwarder, journal } = await fullConsole('refuse-saves');
    await journal.recordPending(pendingInput()); // the 100th event
    await expect(journal.recordPending(pendingInput())).rejects.toThrow('the audit outbox is full');
    expect((await journal.list({}, 0, 100)).total).toBe(50);
    expect(forwarder.status()).toMatchObject({ full: true, dropped: 0 });
    await forwarder.stop();
  });
});
