import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { createHistoryService, type HistoryService } from '../../main/history/history-service';
import { openJournal } from '../../main/history/journal';
import { readOpenLines } from '../helpers/sealed-lines';
import { ORIGIN, STORED_CONNECTION as CONNECTION, pendingInput, record } from './history-fixtures';

// Issue 18 item 4: an outcome line keeps what a later edit or revert starts from, not the
// whole record ConsCent returned; journals written with the whole record still read.

const USER = '681c74b2333e169d16a7e58b';
const LOOKUP: ReaderView = { userId: USER, name: 'Shivam Dubey', email: 'shivam@example.com', source: 'lookup', known: ['name', 'email'] };

/** What ConsCent returns beyond the editable fields (seed page example). */
const EXTRAS = {
  status: 'ACTIVE',
  usedCoupons: [{ code: 'COUPON-SECRET-77' }],
  clientSpecificIds: [{ clientId: 'demo-client', id: 'CRM-4411' }],
  migrated: true,
  isPhoneVerified: true,
  isEmailVerified: false,
  createdAt: '2024-01-02T03:04:05.000Z',
  updatedAt: '2025-11-12T10:00:00.000Z',
};

let dir: string;
let service: HistoryService;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-kept-record-'));
  service = createHistoryService({
    dir,
    preferences: async () => undefined,
    savePreferences: async () => undefined,
    savedConnections: async () => [CONNECTION],
    chooseExportPath: async () => null,
    identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function outcomeLine(): Promise<Record<string, unknown>> {
  const [file] = await readdir(dir);
  const lines = await readOpenLines(dir, join(dir, file!));
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

describe('what an outcome line keeps of the returned record', () => {
  it("the reader's id and the editable fields, the address lists with their _id; nothing else", async () => {
    const returned = record({
      ...EXTRAS,
      dateOfBirth: '1990-05-01T00:00:00.000Z',
      address: { name: 'Home', city: 'Mumbai', country: 'IN' },
      billingAddress: [{ name: 'Office', city: 'Pune', _id: 'cccccccccccccccccccccccc' }],
    });
    const id = await service.begin({ connection: CONNECTION, userId: USER, changes: { phone: '9876501234' }, before: LOOKUP });
    await service.finish(id, { ok: true, message: 'User Details Updated Successfully.', record: returned });

    const line = await outcomeLine();
    expect(Object.keys(line.record as object).sort()).toEqual(
      ['userId', 'name', 'email', 'countryCode', 'phone', 'gender', 'dateOfBirth', 'address', 'shippingAddress', 'billingAddress'].sort(),
    );
    const text = JSON.stringify(line);
    for (const dropped of ['COUPON-SECRET-77', 'CRM-4411', 'isPhoneVerified', 'createdAt', 'updatedAt', 'migrated', '"status"']) {
      expect(text).not.toContain(dropped);
    }
    const remembered = await service.remembered(ORIGIN, USER);
    expect(remembered?.view.shippingAddress?.[0]?._id).toBe('bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(remembered?.view.billingAddress?.[0]?._id).toBe('cccccccccccccccccccccccc');
    expect(remembered?.view.phone).toBe('9876501234');
  });

  it('a journal written with the whole record (earlier consoles) still reads, and its last known values are used', async () => {
    const journal = await openJournal({ dir, retentionDays: 180 });
    const id = await journal.recordPending(pendingInput());
    await journal.complete(id, { outcome: 'saved', message: 'ok', record: record({ ...EXTRAS, phone: '9111111111' }) });
    expect(JSON.stringify(await outcomeLine())).toContain('COUPON-SECRET-77');

    const page = await service.list({}, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries[0]).toMatchObject({ id, status: 'saved', message: 'ok' });
    expect((await service.remembered(ORIGIN, USER))?.view.phone).toBe('9111111111');
  });
});
