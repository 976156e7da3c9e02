import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { openAuditForwarder, type AuditForwarder } from '../../main/audit/audit-forwarder';
import { AuditSettings } from '../../main/audit/audit-settings';
import { createHistoryService, type HistoryService } from '../../main/history/history-service';
import { describeWitness, entriesInExport, eventsInCollectorFile, witness } from '../../scripts/audit-witness-check';
import { startRsyslog, type RunningRsyslog } from '../helpers/rsyslog';
import { fixedDataKeyring } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';
import { STORED_CONNECTION, manualClock, record } from './history-fixtures';

// Issue 20 item 4: scripts/audit-witness.ts reads what rsyslog received and the History
// screen's CSV export of the same console, and finds an entry removed, added or changed in
// the export, and names the ones Clear history removed (the stream records the clear).

const newDir = tempFolders('conscent-witness-');
let rsyslog: RunningRsyslog;
let dir: string;
let forwarder: AuditForwarder;
let service: HistoryService;
const clock = manualClock('2026-12-01T09:00:00.000Z');
const BEFORE: ReaderView = { userId: 'u', name: 'Shivam Dubey', email: 'shivam@example.com', source: 'lookup', known: ['name', 'email', 'phone'] };

beforeAll(async () => {
  rsyslog = await startRsyslog();
  dir = newDir();
  const dataKeys = fixedDataKeyring();
  forwarder = await openAuditForwarder({
    dir: join(dir, 'audit'),
    settings: AuditSettings.parse({ host: '127.0.0.1', port: rsyslog.tcpPort, tls: false, values: 'values' }),
    dataKeys,
    machine: 'desk-12',
    confirmMs: 200,
  });
  service = createHistoryService({
    dir: join(dir, 'history'),
    preferences: async () => undefined,
    savePreferences: async () => undefined,
    savedConnections: async () => [STORED_CONNECTION],
    chooseExportPath: async () => join(dir, 'export.csv'),
    identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
    confirmClear: async () => true,
    now: clock.now,
    dataKeys,
    observer: forwarder,
  });
}, 30_000);
afterAll(async () => {
  await forwarder?.stop();
  await rsyslog?.dispose();
});

async function save(i: number): Promise<void> {
  const id = await service.begin({
    connection: STORED_CONNECTION,
    userId: `reader-${i}`,
    changes: { phone: `90000000${i}`, name: `Name ${i}` },
    before: BEFORE,
  });
  clock.advance(1000);
  await service.finish(id, i === 3 ? { ok: false, error: { kind: 'timeout' } } : { ok: true, message: 'ok', record: record() });
  clock.advance(1000);
}

async function exported(): Promise<string> {
  await service.exportCsv({});
  return readFile(join(dir, 'export.csv'), 'utf8');
}

/** What rsyslog received, one message a line. */
let collectorText = '';
function check(csv: string) {
  return witness(eventsInCollectorFile(collectorText).events, entriesInExport(csv));
}

describe('audit witness', () => {
  it('finds the export and the forwarded stream in agreement, then names what was removed, added and changed', async () => {
    for (let i = 1; i <= 2; i += 1) await save(i);
    await service.clear();
    for (let i = 1; i <= 4; i += 1) await save(10 + i);
    await forwarder.drained();
    collectorText = (await rsyslog.received()).map((m) => m.raw).join('\n');
    const csv = await exported();

    const clean = check(csv);
    expect(clean).toMatchObject({ machine: 'desk-12', compared: 4, missing: [], extra: [], altered: [], cleared: [1, 2], notRecorded: [] });
    expect(clean.head).toBeDefined();

    const rows = parse(csv, { columns: false }) as string[][];
    const [header, ...body] = rows as [string[], ...string[][]];
    const col = (name: string) => header.indexOf(name);
    const tampered = body
      .filter((row) => row[col('entry')] !== '4') // entry 4 removed locally
      .map((row) => (row[col('entry')] === '5' && row[col('field')] === 'phone' ? row.map((c, i) => (i === col('after') ? '9999999999' : c)) : row))
      .concat([body[0]!.map((c, i) => (i === col('entry') ? '77' : c))]); // an entry never forwarded
    const report = check(stringify([header, ...tampered]));
    expect(report.missing).toEqual([{ entry: 4, what: expect.stringContaining('not in the export') }]);
    expect(report.extra).toEqual([{ entry: 77, what: 'in the export, never forwarded' }]);
    expect(report.altered).toEqual([{ entry: 5, what: 'phone after: forwarded "9000000013", export "9999999999"' }]);
    expect(describeWitness(report)).toContain('Removed by Clear history (the stream records it): 1, 2');

    // The command itself, on the two files: exit 0 when they agree, 1 when they do not.
    const collectorFile = join(dir, 'collector.log');
    await writeFile(collectorFile, `${collectorText}\n`);
    await writeFile(join(dir, 'tampered.csv'), stringify([header, ...tampered]));
    const run = (csvFile: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../scripts/audit-witness.ts'), collectorFile, csvFile], {
        encoding: 'utf8',
      });
    const ok = run(join(dir, 'export.csv'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Computer desk-12: 4 entries in both');
    const bad = run(join(dir, 'tampered.csv'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('entry 5: phone after');
  }, 60_000);
});
