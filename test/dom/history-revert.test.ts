import { describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import type { HistoryEntry, RevertPlan } from '../../common/history-schemas';
import { toBaseline } from '../../renderer/src/edit/form-values';
import { revertDrift, revertValues } from '../../renderer/src/history/revert';

// Undo's two pure steps: the form values a revert starts from, and where the reader no
// longer holds what the reverted change set.

const ENTRY: HistoryEntry = {
  id: 7,
  at: '2025-11-12T10:00:00.000Z',
  agent: { osUser: 'maria' },
  machine: 'desk-12',
  connection: { connectionId: 'local', name: 'Local', environment: 'custom', host: '127.0.0.1', baseUrl: 'http://127.0.0.1/api/v1', clientId: 'c' },
  userId: 'a'.repeat(24),
  reader: {},
  changes: [
    { field: 'name', before: 'Old Name', after: 'New Name' },
    { field: 'dateOfBirth', before: '1990-05-01T00:00:00.000Z', after: '1991-05-01T00:00:00.000Z' },
    { field: 'shippingAddress', before: [{ name: 'Home', city: 'Pune', _id: 'b'.repeat(24) }], after: [] },
    { field: 'phone', before: null, after: '9000000001' },
  ],
  status: 'saved',
};
const PLAN: RevertPlan = {
  entry: ENTRY,
  restore: ENTRY.changes.flatMap((c) => (c.before === null ? [] : [{ field: c.field, value: c.before }])),
  cannotRestore: ['phone'],
};
const VIEW: ReaderView = {
  userId: ENTRY.userId,
  name: 'New Name',
  dateOfBirth: '1991-05-01T00:00:00Z',
  shippingAddress: [],
  source: 'lookup',
  known: ['name', 'dateOfBirth', 'shippingAddress'],
};

describe('revert', () => {
  it('starts the form from the previous values, the list entries keeping their ids; unknown ones stay as they are', () => {
    const values = revertValues(toBaseline(VIEW).values, PLAN);
    expect(values.name).toBe('Old Name');
    expect(values.dateOfBirth).toBe('1 May 1990');
    expect(values.shippingAddress).toEqual([
      { name: 'Home', apartment: '', area: '', pincode: '', landmark: '', city: 'Pune', state: '', country: '', _id: 'b'.repeat(24) },
    ]);
    expect(values.phone).toBe('');
  });

  it('reports no drift when the reader still holds what the change set, and names the fields that moved since', () => {
    expect(revertDrift(VIEW, ENTRY)).toEqual({ changed: [], unknown: ['phone'] });
    expect(revertDrift({ ...VIEW, name: 'Someone Else' }, ENTRY).changed).toEqual(['name']);
  });
});
