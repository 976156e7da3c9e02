import type { HistoryEntry } from '../../common/history-schemas';
import type { FakeConnection, FakeUser } from './fake-bridge';

// Test data: the reader of ConsCent's update-user example (docs/conscent-api.md) and a few
// more, plus one connection per environment tone.

export const SANDBOX: FakeConnection = {
  id: 'sandbox',
  name: 'Publisher sandbox',
  environment: 'sandbox',
  baseUrl: 'https://sandbox-api.conscent.in/api/v1',
  clientId: 'client-sandbox-1',
  credentials: { apiKey: 'SANDBOX-KEY-1', apiSecret: 'sandbox-secret-1' },
};

export const PRODUCTION: FakeConnection = {
  id: 'production',
  name: 'Publisher live',
  environment: 'production',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'client-live-1',
  credentials: { apiKey: 'LIVE-KEY-1', apiSecret: 'live-secret-1' },
};

export const DEMO: FakeConnection = {
  id: 'demo',
  name: 'Demo (local simulator)',
  environment: 'custom',
  baseUrl: 'http://127.0.0.1:4010/api/v1',
  clientId: 'demo-client',
  credentials: { apiKey: 'DEMO-KEY', apiSecret: 'demo-secret' },
};

/** The reader of the seed page's 200 example. */
export const SHIVAM: FakeUser = {
  status: 'ACTIVE',
  userId: '681c74b2333e169d16a7e58b',
  name: 'Shivam Dubey',
  email: 'shivamdubey+kljo@conscent.ai',
  countryCode: '+91',
  phone: '9867979689',
  gender: 'MALE',
  dateOfBirth: '1990-05-13T00:00:00.000Z',
  address: { name: '', apartment: '20/41 Rambagh', area: '', pincode: '282008', landmark: '', city: 'Agra', state: 'UP', country: 'INDIA' },
  isPhoneVerified: true,
  isEmailVerified: false,
  shippingAddress: [
    {
      name: '',
      apartment: '20/41 Rambagh',
      area: '',
      pincode: '2820006',
      landmark: '',
      city: 'Agra',
      state: 'UP',
      country: 'USA',
      _id: '681c94453b8e51752d8b55d9',
    },
  ],
  billingAddress: [],
  createdAt: '2025-05-08T09:09:08.369Z',
  updatedAt: '2025-05-08T11:50:56.442Z',
  subscriptions: [
    {
      _id: '681c9aa0686c9aa662232d01',
      subscriptionTitle: 'Digital Premium',
      status: 'ACTIVE',
      purchasedOn: '2025-05-08T10:00:00.000Z',
      expiryDate: '2026-05-08T10:00:00.000Z',
    },
  ],
};

/** Two readers sharing a phone number (e.g. one household), to get several matches. */
export const ASHA: FakeUser = {
  userId: '681c74b2333e169d16a7e501',
  name: 'Asha Verma',
  email: 'asha@example.com',
  countryCode: '+91',
  phone: '9810012345',
  address: { name: '', apartment: '', area: '', pincode: '', landmark: '', city: 'Delhi', state: 'DL', country: 'INDIA' },
  subscriptions: [],
};

export const RAVI: FakeUser = {
  userId: '681c74b2333e169d16a7e502',
  name: 'Ravi Verma',
  email: 'ravi@example.com',
  countryCode: '+91',
  phone: '9810012345',
  subscriptions: [
    {
      _id: '681c9aa0686c9aa662232d02',
      subscriptionTitle: 'Print + Digital',
      status: 'EXPIRED',
      purchasedOn: '2024-01-01T00:00:00.000Z',
      expiryDate: '2025-01-01T00:00:00.000Z',
    },
    { _id: '681c9aa0686c9aa662232d03', subscriptionTitle: 'Ad-free', status: 'ACTIVE', purchasedOn: '2025-02-01T00:00:00.000Z', expiryDate: null },
  ],
};

export const ALL_USERS: FakeUser[] = [SHIVAM, ASHA, RAVI];

/** A change as main lists it: saved, by Maria on desk-12, over the sandbox connection, to Shivam. */
export function historyEntry(over: Partial<HistoryEntry> = {}): Omit<HistoryEntry, 'id'> {
  return {
    at: '2025-11-12T10:00:00.000Z',
    agent: { osUser: 'maria', displayName: 'Maria K.' },
    machine: 'desk-12',
    connection: {
      connectionId: SANDBOX.id,
      name: SANDBOX.name,
      environment: 'sandbox',
      host: 'sandbox-api.conscent.in',
      baseUrl: SANDBOX.baseUrl,
      clientId: SANDBOX.clientId,
    },
    userId: SHIVAM.userId,
    reader: { name: 'Shivam Dubey', email: SHIVAM.email },
    changes: [
      { field: 'name', before: 'Shivam Dubey', after: 'Shivam D.' },
      { field: 'phone', before: null, after: '9000000001' },
    ],
    status: 'saved',
    message: 'User Details Updated Successfully.',
    ...over,
  };
}
