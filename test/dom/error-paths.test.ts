import { describe, expect, it } from 'vitest';
import { describeErrorPath, errorPaths, formPathOfServerField } from '../../renderer/src/edit/error-paths';

// The words the agent reads for a field in error, and where main's per-field messages
// land in the form. Table tests of the pure functions behind the "Fix these fields" line.

describe('describeErrorPath', () => {
  it.each([
    ['name', 'Name'],
    ['email', 'Email'],
    ['address', 'Address'],
    ['address.pincode', 'Address Pincode'],
    ['shippingAddress', 'Shipping addresses'],
    ['shippingAddress.0', 'Shipping address 1'],
    ['billingAddress.2.city', 'Billing address 3 City'],
    ['somethingElse', 'somethingElse'],
  ])('%s → %s', (path, words) => {
    expect(describeErrorPath(path)).toBe(words);
  });
});

describe('formPathOfServerField', () => {
  it.each([
    ['changes.name', 'name'],
    ['changes.address.city', 'address.city'],
    ['changes.address.notAPart', 'address'],
    ['changes.shippingAddress', 'shippingAddress'],
    ['changes.shippingAddress.1', 'shippingAddress.1'],
    ['changes.shippingAddress.1.pincode', 'shippingAddress.1.pincode'],
    ['changes.shippingAddress.1._id', 'shippingAddress.1'],
    ['changes.billingAddress.x', 'billingAddress'],
    ['changes.name.extra', 'name'],
    ['userId', null],
    ['connectionId', null],
    ['_', null],
  ])('%s → %s', (key, path) => {
    expect(formPathOfServerField(key)).toBe(path);
  });
});

describe('errorPaths', () => {
  it('lists every message in the tree as a dotted path, and ignores refs and types', () => {
    const errors = {
      name: { message: 'Too long', type: 'too_big', ref: { name: 'name' } },
      address: { pincode: { message: 'Digits only', type: 'custom' } },
      shippingAddress: [undefined, { city: { message: 'Required', type: 'custom' } }],
      phone: { message: '', type: 'custom' },
    };
    expect(errorPaths(errors as never)).toEqual(['name', 'address.pincode', 'shippingAddress.1.city']);
  });
});
