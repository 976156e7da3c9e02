import { describe, expect, it } from 'vitest';
import { viewFromDetails, viewFromUserData } from '../../main/conscent/reader-view';
import type { UserAndSubscriptionDetails, UserData } from '../../main/conscent/conscent-answers';

// What the console shows is built from what ConsCent returned: a field is "known" only
// when the API returned it, so the screen never presents a guess as a stored value.

const USER_ID = '681c74b2333e169d16a7e58b';

function details(userdetails: Partial<UserAndSubscriptionDetails['userdetails']>): UserAndSubscriptionDetails {
  return { userdetails, userSubscriptions: [] } as unknown as UserAndSubscriptionDetails;
}

describe('viewFromDetails (the lookup)', () => {
  it.each([
    ['nothing returned', {}, []],
    ['name only', { name: 'Asha' }, ['name']],
    ['an empty name is still a returned name', { name: '' }, ['name']],
    ['email and date of birth', { email: 'a@b.in', dateOfBirth: '1990-01-01T00:00:00.000Z' }, ['email', 'dateOfBirth']],
    ['an empty date of birth is not a date', { dateOfBirth: '' }, []],
    ['an address', { address: { city: 'Pune' } }, ['address']],
  ] as const)('%s → known %j', (_case, userdetails, known) => {
    const view = viewFromDetails(USER_ID, details(userdetails as Partial<UserAndSubscriptionDetails['userdetails']>));
    expect(view.known).toEqual(known);
    expect(view.source).toBe('lookup');
    expect(view.userId).toBe(USER_ID);
  });

  it('never claims to know phone, gender or the address lists, which the lookup does not return', () => {
    const view = viewFromDetails(USER_ID, details({ name: 'A', email: 'a@b.in', address: { city: 'Pune' } }));
    for (const field of ['phone', 'countryCode', 'gender', 'shippingAddress', 'billingAddress'] as const) {
      expect(view.known).not.toContain(field);
      expect(view[field]).toBeUndefined();
    }
  });

  it('fills every part of a returned address, empty where ConsCent left one out', () => {
    const view = viewFromDetails(USER_ID, details({ address: { city: 'Pune', pincode: '411001' } }));
    expect(view.address).toEqual({ name: '', apartment: '', area: '', pincode: '411001', landmark: '', city: 'Pune', state: '', country: '' });
  });
});

describe('viewFromUserData (the update answer: the whole record)', () => {
  const base = { userId: USER_ID } as UserData;

  it.each([
    ['a bare record', {}, []],
    ['phone and country code', { phone: '9000011111', countryCode: '+91' }, ['countryCode', 'phone']],
    ['gender', { gender: 'FEMALE' }, ['gender']],
    ['a null date of birth is not known', { dateOfBirth: null }, []],
    ['empty address lists are known to be empty', { shippingAddress: [], billingAddress: [] }, ['shippingAddress', 'billingAddress']],
  ] as const)('%s → known %j', (_case, extra, known) => {
    const view = viewFromUserData({ ...base, ...(extra as Partial<UserData>) });
    expect(view.known).toEqual(known);
    expect(view.source).toBe('update');
  });

  it('keeps the _id of each list entry and fills its missing parts', () => {
    const view = viewFromUserData({ ...base, shippingAddress: [{ city: 'Agra', _id: 'a1' }, { city: 'Pune' }] } as UserData);
    expect(view.shippingAddress?.[0]).toMatchObject({ city: 'Agra', _id: 'a1', apartment: '' });
    expect(view.shippingAddress?.[1]).not.toHaveProperty('_id');
  });

  it('carries status, verification flags and timestamps when ConsCent sends them', () => {
    const view = viewFromUserData({
      ...base,
      status: 'ACTIVE',
      isEmailVerified: true,
      isPhoneVerified: false,
      createdAt: 'c',
      updatedAt: 'u',
    } as UserData);
    expect(view).toMatchObject({ status: 'ACTIVE', isEmailVerified: true, isPhoneVerified: false, createdAt: 'c', updatedAt: 'u' });
  });
});
