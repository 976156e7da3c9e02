import { describe, expect } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { createLastReturnedRecords, withRemembered, type RecordOrigin } from '../../main/readers/last-returned-records';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { value } from '../helpers/bridge-result';
import { bridgeTest } from '../helpers/bridge-fixture';

// Issue #8 item 1: the lookup returns no address lists, phone or gender. Main keeps the
// record the last update returned (this session, in memory) and fills those gaps from it,
// so the form starts from the reader's real list instead of an empty one.

/** The bridge tests: a console connected to the simulator (the unit tests ask for nothing, so start nothing). */
const it = bridgeTest({ simulator: { userCount: 10, seed: 5 }, client: { timeoutMs: 1000 }, logger: 'file' }).extend(
  'connectionId',
  ({ sim, bridge }) => bridge.connectTo(sim, { name: 'Local' }),
);

const ORIGIN: RecordOrigin = { connectionId: 'p1', baseUrl: 'http://127.0.0.1:1/api/v1', clientId: 'c1' };
const USER_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const ENTRY = { name: '', apartment: '12 Lake Road', area: '', pincode: '560001', landmark: '', city: 'Bengaluru', state: 'KA', country: 'India' };

const updated = (userId = USER_ID): ReaderView => ({
  userId,
  source: 'update',
  name: 'Old Name',
  countryCode: '+91',
  phone: '9000011111',
  gender: 'FEMALE',
  shippingAddress: [{ ...ENTRY, _id: 'bbbbbbbbbbbbbbbbbbbbbbbb' }],
  billingAddress: [],
  known: ['name', 'countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress'],
});
const lookedUp: ReaderView = { userId: USER_ID, source: 'lookup', name: 'New Name', email: 'r@example.com', known: ['name', 'email'] };
const fixedClock = () => new Date('2025-06-01T14:02:00.000Z');

describe('the memory of what updates returned', () => {
  it('fills only the fields the lookup did not return, says which and since when', () => {
    const memory = createLastReturnedRecords({ now: fixedClock });
    memory.remember(ORIGIN, updated());
    const view = withRemembered(lookedUp, memory.recall(ORIGIN, USER_ID.toUpperCase()));
    // The lookup's own value wins: it is newer than anything remembered.
    expect(view.name).toBe('New Name');
    expect(view.shippingAddress).toEqual([{ ...ENTRY, _id: 'bbbbbbbbbbbbbbbbbbbbbbbb' }]);
    expect(view).toMatchObject({ countryCode: '+91', phone: '9000011111', gender: 'FEMALE', billingAddress: [] });
    expect(view.known).toEqual(['name', 'email', 'countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress']);
    expect(view.remembered).toEqual({
      at: '2025-06-01T14:02:00.000Z',
      from: 'session-save',
      fields: ['countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress'],
    });
  });

  it('leaves a lookup alone when nothing is remembered for that reader and connection', () => {
    const memory = createLastReturnedRecords();
    memory.remember(ORIGIN, updated());
    expect(withRemembered(lookedUp, memory.recall(ORIGIN, 'cccccccccccccccccccccccc'))).toBe(lookedUp);
    // The same connection id pointed at another ConsCent is another set of readers.
    expect(memory.recall({ ...ORIGIN, baseUrl: 'https://api.conscent.in/api/v1' }, USER_ID)).toBeUndefined();
    expect(memory.recall({ ...ORIGIN, clientId: 'c2' }, USER_ID)).toBeUndefined();
  });

  it('forgets the oldest readers beyond its bound, a failed reader, and everything of a deleted connection', () => {
    const memory = createLastReturnedRecords({ max: 2 });
    const ids = ['a', 'b', 'c'].map((c) => c.repeat(24));
    for (const id of ids) memory.remember(ORIGIN, updated(id));
    expect(memory.recall(ORIGIN, ids[0]!)).toBeUndefined();
    expect(memory.recall(ORIGIN, ids[2]!)).toBeDefined();
    memory.forget(ORIGIN, ids[2]!);
    expect(memory.recall(ORIGIN, ids[2]!)).toBeUndefined();
    memory.remember({ ...ORIGIN, connectionId: 'p2' }, updated(ids[0]));
    memory.forgetConnection('p1');
    expect(memory.recall(ORIGIN, ids[1]!)).toBeUndefined();
    expect(memory.recall({ ...ORIGIN, connectionId: 'p2' }, ids[0]!)).toBeDefined();
  });

  it('hands out copies: editing a recalled view does not change what is remembered', () => {
    const memory = createLastReturnedRecords();
    memory.remember(ORIGIN, updated());
    memory.recall(ORIGIN, USER_ID)!.view.shippingAddress!.pop();
    expect(memory.recall(ORIGIN, USER_ID)!.view.shippingAddress).toHaveLength(1);
  });
});

describe('openReader after a save in this session', () => {
  it('returns the address lists, phone and gender the last update returned, with their ids', async ({ bridge, connectionId }) => {
    const before = value(await bridge.handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID }));
    expect(before.known).not.toContain('shippingAddress');
    expect(before.remembered).toBeUndefined();

    const saved = value(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam D.' } }));
    const again = value(await bridge.handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID }));
    expect(again.source).toBe('lookup');
    expect(again.shippingAddress).toEqual(saved.user.shippingAddress);
    expect(again.billingAddress).toEqual(saved.user.billingAddress);
    expect(again.shippingAddress?.[0]?._id).toBe('681c94453b8e51752d8b55d9');
    expect(again.remembered?.fields).toEqual(['countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress']);
    expect(again.known).toEqual(expect.arrayContaining(['name', 'email', ...(again.remembered?.fields ?? [])]));
    expect(Date.parse(again.remembered?.at ?? '')).not.toBeNaN();
  });

  it('forgets a reader whose update failed, and every reader of a deleted connection', async ({ sim, bridge, connectionId }) => {
    value(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam D.' } }));
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 500 }, times: 1 });
    expect((await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'X' } })).ok).toBe(false);
    // The session's memory of that reader is gone; what is left is the history's record of
    // the first save, said to be from the history (with its age), never from this session.
    expect(value(await bridge.handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID })).remembered?.from).toBe('history');

    value(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam D.' } }));
    value(await bridge.handlers.deleteConnection({ id: connectionId }));
    const recreated = value(
      await bridge.handlers.saveConnection({
        id: undefined,
        connection: { name: 'Local', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      }),
    );
    expect(value(await bridge.handlers.openReader({ connectionId: recreated.id, userId: SEED_EXAMPLE_USER_ID })).remembered).toBeUndefined();
  });
});
