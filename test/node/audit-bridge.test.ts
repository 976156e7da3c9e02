import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkFile, BulkProgress } from '../../common/bulk-schemas';
import type { UpdateReaderResult } from '../../common/readers-contract';
import type { HistoryPage, RevertPlan } from '../../common/history-schemas';
import type { Result } from '../../common/result';
import { createAuditHook, type AuditHook } from '../../main/audit/audit-hook';
import { AuditSettings } from '../../main/audit/audit-settings';
import { SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { eventsOf, oneTo, summary } from '../helpers/audit-collector';
import { startRsyslog, type RunningRsyslog } from '../helpers/rsyslog';
import { consoleKeyring } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';
import { wireTestConsole } from '../helpers/test-console';

// Issue 20 through the bridge as the app wires it (app-services.ts with the audit hook and
// the settings file's `audit` section): two saves and a revert reach rsyslog once each,
// as RFC 5424 with the event as JSON, and match what History lists.

const newDir = tempFolders('conscent-audit-bridge-');
let rsyslog: RunningRsyslog;
let sim: RunningSimulator;
beforeAll(async () => {
  [rsyslog, sim] = await Promise.all([startRsyslog(), startSimulator({ userCount: 5, seed: 3 })]);
}, 30_000);
afterAll(async () => {
  await rsyslog?.dispose();
  await sim?.stop();
});

const ok = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('audit forwarding through the bridge', () => {
  let audit: AuditHook | undefined;
  afterAll(() => audit?.stop());

  it('forwards each save, its outcome and a revert once, matching the History list', async () => {
    const dir = newDir();
    const settings = AuditSettings.parse({ host: '127.0.0.1', port: rsyslog.tcpPort, tls: false });
    audit = createAuditHook({ dir: join(dir, 'audit'), settings: async () => settings, dataKeys: consoleKeyring(dir) });
    const c = wireTestConsole(dir, { audit });
    const connectionId = await c.connectTo(sim);
    const update = (changes: object, revertOf?: number) =>
      c.call<UpdateReaderResult>('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes, ...(revertOf ? { revertOf } : {}) });
    ok(await c.call('lookupReader', { connectionId, query: SEED_EXAMPLE_USER_ID, searchId: 1 }));
    ok(await update({ phone: '9876501234' }));
    ok(await update({ name: 'Shivam D.' }));
    const plan = ok(await c.call<RevertPlan>('prepareRevert', { entryId: 2 }));
    ok(await update(Object.fromEntries(plan.restore.map((r) => [r.field, r.value])), 2));

    const forwarder = await audit.forwarder();
    await forwarder!.drained();
    const { unique, duplicates, seqs } = summary(eventsOf(await rsyslog.received()));
    expect(duplicates).toBe(0);
    expect(seqs).toEqual(oneTo(seqs.length));
    const page = ok(await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } }));
    const changes = unique.filter((d) => d.event.kind === 'change').map((d) => d.event);
    const outcomes = unique.filter((d) => d.event.kind === 'outcome').map((d) => d.event);
    expect(changes.map((e) => [e.journal?.entryId, e.readerId, e.fields, e.revertOf, e.agent?.osUser, e.connection?.name])).toEqual(
      [...page.entries]
        .reverse()
        .map((entry) => [entry.id, entry.userId, entry.changes.map((ch) => ch.field), entry.revertOf, entry.agent.osUser, entry.connection.name]),
    );
    expect(outcomes.map((e) => [e.journal?.entryId, e.outcome])).toEqual([...page.entries].reverse().map((entry) => [entry.id, entry.status]));
    expect((await audit.status())?.state).toBe('delivered');
  });

  it('a bulk run with a ticket column: each row’s own ticket (or the run’s, for an empty cell) is in its history entry and its event', async () => {
    const dir = newDir();
    const settings = AuditSettings.parse({ host: '127.0.0.1', port: rsyslog.tcpPort, tls: false });
    const hook = createAuditHook({ dir: join(dir, 'audit'), settings: async () => settings, dataKeys: consoleKeyring(dir) });
    try {
      const csv = join(dir, 'fixes.csv');
      const ids = sim.listUsers().map((u) => u.userId);
      await writeFile(
        csv,
        ['userId,name,ticket', `${ids[0]},Row One,SUP-1 asked by mail`, `${ids[1]},Row Two,`, `${ids[2]},Row Three,SUP-3`].join('\r\n'),
      );
      const c = wireTestConsole(dir, { audit: hook, chooseCsvFile: async () => csv });
      const connectionId = await c.connectTo(sim);
      const file = ok(await c.call<BulkFile>('bulkChooseFile', {}));
      if (!file.chosen) throw new Error('no file');
      expect(file.suggested.ticket).toBe('ticket');
      ok(await c.call('bulkValidate', { runId: file.runId, connectionId, mapping: file.suggested }));
      let progress = ok(
        await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 1, skipInvalid: false, ticket: 'CHG-9 run' }),
      );
      while (progress.state !== 'finished') progress = ok(await c.call<BulkProgress>('bulkProgress', { runId: file.runId, seen: progress.seq }));
      expect(progress.saved).toBe(3);

      const page = ok(await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } }));
      const byReader = new Map(page.entries.map((entry) => [entry.userId, entry]));
      expect(ids.slice(0, 3).map((id) => byReader.get(id)?.ticket)).toEqual(['SUP-1 asked by mail', 'CHG-9 run', 'SUP-3']);
      await (await hook.forwarder())!.drained();
      const events = eventsOf(await rsyslog.received())
        .map((d) => d.event)
        .filter((e) => e.kind === 'change' && e.bulk?.runId === file.runId);
      expect(events.map((e) => [e.journal?.entryId, e.ticket])).toEqual(
        ids.slice(0, 3).map((id) => [byReader.get(id)?.id, byReader.get(id)?.ticket]),
      );
    } finally {
      await hook.stop();
    }
  });

  it('the team log’s status and a test event through the bridge; nothing configured: says so', async () => {
    const dir = newDir();
    const settings = AuditSettings.parse({ host: '127.0.0.1', port: rsyslog.tcpPort, tls: false });
    const hook = createAuditHook({ dir: join(dir, 'audit'), settings: async () => settings, dataKeys: consoleKeyring(dir) });
    try {
      const c = wireTestConsole(dir, { audit: hook });
      const connectionId = await c.connectTo(sim);
      ok(await c.call<UpdateReaderResult>('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '9876501299' } }));
      await (await hook.forwarder())!.drained();
      expect(ok(await c.call('getTeamLogStatus'))).toMatchObject({
        configured: true,
        collector: `127.0.0.1:${rsyslog.tcpPort}`,
        tls: false,
        status: { state: 'delivered', waiting: 0 },
      });
      const before = eventsOf(await rsyslog.received()).filter((d) => d.event.kind === 'test').length;
      expect(ok(await c.call('sendTeamLogTestEvent', {}))).toMatchObject({ configured: true, delivered: true });
      await expect.poll(async () => eventsOf(await rsyslog.received()).filter((d) => d.event.kind === 'test').length).toBe(before + 1);
    } finally {
      await hook.stop();
    }
    const none = wireTestConsole(newDir());
    expect(ok(await none.call('getTeamLogStatus'))).toEqual({ configured: false });
    expect(ok(await none.call('sendTeamLogTestEvent', {}))).toEqual({ configured: false });
  });
});
