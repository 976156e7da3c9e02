import type { PendingInput } from '../../main/history/journal';
import type { UserData } from '../../main/conscent/conscent-answers';
import type { StoredConnection } from '../../main/settings/settings-schema';

// Entries for the history tests: a connection, an agent and one changed field unless told.

export const CONNECTION = {
  connectionId: 'local',
  name: 'Local simulator',
  environment: 'custom' as const,
  host: '127.0.0.1:4010',
  baseUrl: 'http://127.0.0.1:4010/api/v1',
  clientId: 'demo-client',
};

/** The same connection as the settings file keeps it (what the history service is given). */
export const STORED_CONNECTION: StoredConnection = {
  id: CONNECTION.connectionId,
  name: CONNECTION.name,
  environment: CONNECTION.environment,
  baseUrl: CONNECTION.baseUrl,
  clientId: CONNECTION.clientId,
};

/** Where a lookup's record came from, as the reader service tells the history. */
export const ORIGIN = { connectionId: STORED_CONNECTION.id, baseUrl: STORED_CONNECTION.baseUrl, clientId: STORED_CONNECTION.clientId };

export function pendingInput(over: Partial<PendingInput> = {}): PendingInput {
  return {
    agent: { osUser: 'maria', displayName: 'Maria K.' },
    machine: 'desk-12',
    connection: CONNECTION,
    userId: '681c74b2333e169d16a7e58b',
    reader: { name: 'Shivam Dubey', email: 'shivam@example.com' },
    changes: [{ field: 'phone', before: null, after: '9876501234' }],
    ...over,
  };
}

export function record(over: Partial<UserData> = {}): UserData {
  return {
    userId: '681c74b2333e169d16a7e58b',
    name: 'Shivam Dubey',
    email: 'shivam@example.com',
    countryCode: '+91',
    phone: '9876501234',
    gender: 'MALE',
    shippingAddress: [
      {
        name: 'Home',
        apartment: '1',
        area: 'A',
        pincode: '400001',
        landmark: '',
        city: 'Mumbai',
        state: 'MH',
        country: 'IN',
        _id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      },
    ],
    billingAddress: [],
    ...over,
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: string): { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => void (current = new Date(iso)),
    advance: (ms) => void (current = new Date(current.getTime() + ms)),
  };
}
