import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import type { HistoryPreferences } from '../../common/history-schemas';
import { CSV_HEADER } from '../../main/history/history-csv';
import { createHistoryService, outcomeOf, type HistoryService } from '../../main/history/history-service';
import type { StoredConnection } from '../../main/settings/settings-schema';
import { ORIGIN, STORED_CONNECTION as CONNECTION, manualClock, record } from './history-fixtures';

// The history as the update path and the bridge use it: what a save records before and
// after, what "last known values" a lookup gets from it, revert plans and the CSV export.

const USER = '681c74b2333e169d16a7e58b';
const LOOKUP: ReaderView = {
  userId: USER,
  name: 'Shivam Dubey',
  email: 'shivam@example.com',
  source: 'lookup',
  known: ['name', 'email', 'dateOfBirth', 'address'],
};

let dir: string;
let exportPath: string | null;
let saved: HistoryPreferences | undefined;
let connections: StoredConnection[];
let service: HistoryService;
const clock = manualClock('2025-11-12T10:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-history-service-'));
  exportPath = join(dir, 'export.csv');
  saved = undefined;
  connections = [CONNECTION];
  clock.set('2025-11-12T10:00:00.000Z');
  service = createHistoryService({
    dir: join(dir, 'history'),
    preferences: async () => saved,
    savePreferences: async (p) => void (saved = p),
    savedConnections: async () => connections,
    chooseExportPath: async () => exportPath,
    identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
    now: clock.now,
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function save(
  changes: Parameters<HistoryService['begin']>[0]['changes'],
  before: ReaderView | undefined = LOOKUP,
  answer: 'saved' | 'timeout' | 'forbidden' = 'saved',
  revertOf?: number,
) {
  const id = await service.begin({ connection: CONNECTION, userId: USER, changes, before, ...(revertOf ? { revertOf } : {}) });
  clock.advance(1000);
  await service.finish(
    id,
    answer === 'saved'
      ? { ok: true, message: 'User Details Updated Successfully.', record: record({ ...changes } as Parameters<typeof record>[0]) }
      : { ok: false, error: { kind: answer } },
  );
  clock.advance(1000);
  return id;
}

describe('what a save records', () => {
  it('values before from what the console last showed; "not known" for fields the lookup did not return', async () => {
    await service.saveSettings({ displayName: 'Maria K.', retentionDays: 180 });
    await save({ name: 'Shivam D.', phone: '9000000001' });
    const [entry] = (await service.list({}, 0, 10)).entries;
    expect(entry).toMatchObject({
      agent: { osUser: 'maria', displayName: 'Maria K.' },
      machine: 'desk-12',
      connection: { connectionId: 'local', host: '127.0.0.1:4010', clientId: 'demo-client', environment: 'custom' },
      reader: { name: 'Shivam Dubey', email: 'shivam@example.com' },
      changes: [
        { field: 'name', before: 'Shivam Dubey', after: 'Shivam D.' },
        { field: 'phone', before: null, after: '9000000001' },
      ],
      status: 'saved',
    });
  });

  it('a timeout, a dropped connection, a 5xx or an unreadable answer is "unknown"; a refusal is "failed"', () => {
    expect(outcomeOf({ kind: 'timeout' })).toBe('unknown');
    expect(outcomeOf({ kind: 'network', reason: 'dropped' })).toBe('unknown');
    expect(outcomeOf({ kind: 'unexpected-response' })).toBe('unknown');
    expect(outcomeOf({ kind: 'network', reason: 'connection-refused' })).toBe('failed');
    expect(outcomeOf({ kind: 'server-error', status: 502 })).toBe('unknown');
    expect(outcomeOf({ kind: 'forbidden' })).toBe('failed');
    expect(outcomeOf({ kind: 'unauthorized' })).toBe('failed');
  });
});

describe('last known values', () => {
  it('the record the newest save returned, dated, over this ConsCent only', async () => {
    await save({ phone: '9000000001' });
    const remembered = await service.remembered(ORIGIN, USER);
    expect(remembered).toMatchObject({ at: '2025-11-12T10:00:01.000Z', from: 'history' });
    expect(remembered!.view.phone).toBe('9000000001');
    expect(remembered!.view.shippingAddress?.[0]?._id).toBe('bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(await service.remembered({ ...ORIGIN, baseUrl: 'https://api.conscent.in/api/v1' }, USER)).toBeUndefined();
    expect(await service.remembered({ ...ORIGIN, connectionId: 'other' }, USER)).toBeUndefined();
  });

  it('fields a later change of unknown outcome touched are not known; a failed change touched nothing', async () => {
    await save({ phone: '9000000001' });
    await save({ gender: 'FEMALE' }, LOOKUP, 'forbidden');
    await save({ phone: '9000000002' }, LOOKUP, 'timeout');
    const remembered = await service.remembered(ORIGIN, USER);
    expect(remembered!.view.known).not.toContain('phone');
    expect(remembered!.view.phone).toBeUndefined();
    expect(remembered!.view.known).toContain('gender');
    expect(remembered!.view.gender).toBe('MALE');
  });
});

describe('revert', () => {
  it('restores the known previous values, lists the unknown ones, and refuses a change that was not saved', async () => {
    const id = await save({ name: 'Shivam D.', phone: '9000000001' });
    const plan = await service.prepareRevert(id);
    expect(plan.restore).toEqual([{ field: 'name', value: 'Shivam Dubey' }]);
    expect(plan.cannotRestore).toEqual(['phone']);
    const failed = await save({ name: 'X' }, LOOKUP, 'forbidden');
    await expect(service.prepareRevert(failed)).rejects.toMatchObject({ facts: { kind: 'history', reason: 'revert-not-saved', entryId: failed } });
    connections = [{ ...CONNECTION, baseUrl: 'https://api.conscent.in/api/v1' }];
    await expect(service.prepareRevert(id)).rejects.toMatchObject({ facts: { reason: 'revert-connection-moved', entryId: id } });
    connections = [];
    await expect(service.prepareRevert(id)).rejects.toMatchObject({ facts: { reason: 'revert-connection-gone' } });
    await expect(service.prepareRevert(999)).rejects.toMatchObject({ facts: { reason: 'history-entry-missing', entryId: 999 } });
  });

  it('the revert is recorded linked to the change it reverts', async () => {
    const id = await save({ name: 'Shivam D.' });
    await service.checkRevertOf(id, 'local', USER);
    await expect(service.checkRevertOf(id, 'local', 'f'.repeat(24))).rejects.toMatchObject({ facts: { reason: 'revert-other-reader' } });
    const revert = await save({ name: 'Shivam Dubey' }, { ...LOOKUP, name: 'Shivam D.' }, 'saved', id);
    const [newest, older] = (await service.list({}, 0, 10)).entries;
    expect(newest).toMatchObject({ id: revert, revertOf: id });
    expect(older).toMatchObject({ id, revertedBy: [revert] });
  });
});

describe('export', () => {
  it('one CSV row per changed field, matching the history, with formula-like cells escaped (file 0600)', async () => {
    await save({ name: '=HYPERLINK("http://evil")', phone: '9000000001' });
    await save({
      countryCode: '+44',
      address: { name: '@home', apartment: '', area: '', pincode: '', landmark: '', city: 'Pune', state: '', country: '' },
    });
    const result = await service.exportCsv({});
    expect(result).toEqual({ saved: true, path: exportPath, entries: 2, rows: 4 });
    expect((await stat(exportPath!)).mode & 0o777).toBe(0o600);
    const rows = parse(await readFile(exportPath!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_HEADER]);
    expect(rows.map((r) => [r.entry, r.field, r.before, r.after, r.outcome])).toEqual([
      ['2', 'countryCode', '(not known)', "'+44", 'saved'],
      ['2', 'address', '(not known)', "'name: @home; city: Pune".slice(1), 'saved'],
      ['1', 'name', 'Shivam Dubey', `'=HYPERLINK("http://evil")`, 'saved'],
      ['1', 'phone', '(not known)', '9000000001', 'saved'],
    ]);
    expect(rows[0]).toMatchObject({
      'agent OS user': 'maria',
      computer: 'desk-12',
      connection: 'Local simulator',
      host: '127.0.0.1:4010',
      'user id': USER,
    });
  });

  it('a cancelled save dialog writes nothing', async () => {
    exportPath = null;
    await save({ phone: '9000000001' });
    expect(await service.exportCsv({})).toEqual({ saved: false });
  });
});

describe('settings', () => {
  it('display name and retention go to the settings; the OS user, computer and folder come from main', async () => {
    expect(await service.settings()).toEqual({
      displayName: '',
      retentionDays: 180,
      osUser: 'maria',
      machine: 'desk-12',
      folder: join(dir, 'history'),
    });
    await service.saveSettings({ displayName: 'Maria K.', retentionDays: 30 });
    expect(saved).toEqual({ displayName: 'Maria K.', retentionDays: 30 });
  });
});
