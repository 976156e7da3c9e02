import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NOT_RETURNED_MARK } from '../../renderer/src/reader/not-returned';
import { lookupViewOf } from './fake-bridge';
import { SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 22 item 1: the reader's head says who this is, shows the first subscriptions with
// status and expiry, and says once what ConsCent's lookup did not return.

const head = () => screen.getByRole('heading', { level: 2, name: 'Shivam Dubey' }).closest('.reader-head') as HTMLElement;

describe('the reader at a glance', () => {
  it('shows the first subscriptions with status and expiry in the head, at most three', async () => {
    const bridge = seededBridge();
    const many = [1, 2, 3, 4].map((n) => ({
      _id: `sub-${n}`,
      subscriptionTitle: `Plan ${n}`,
      status: n === 1 ? 'ACTIVE' : 'EXPIRED',
      expiryDate: n === 2 ? null : `2026-0${n}-08T10:00:00.000Z`,
    }));
    bridge.lookupView = (user) => ({ ...lookupViewOf(user), subscriptions: many });
    await openReader(SHIVAM.userId, bridge);
    const glance = within(head()).getByRole('region', { name: 'Subscriptions' });
    expect(
      within(glance)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Plan 1 ACTIVE expires 8 Jan 2026, 10:00 UTC', 'Plan 2 EXPIRED does not expire', 'Plan 3 EXPIRED expires 8 Mar 2026, 10:00 UTC']);
    expect(within(glance).getByText("and 1 more in the record's subscriptions table")).toBeInTheDocument();
  });

  it('says once what the lookup did not return, and marks the fields without repeating it', async () => {
    await openReader(SHIVAM.userId);
    expect(
      within(head()).getByText(
        "Not returned by ConsCent's lookup: phone number, gender, shipping addresses, billing addresses, verification and when the account was created and updated. Marked “not returned”; in the form they start empty and are sent only if you fill them in.",
      ),
    ).toBeInTheDocument();
    // One sentence on the whole screen; the fields carry the short mark.
    expect(screen.getAllByText(/Not returned by ConsCent|lookup does not return/)).toHaveLength(1);
    const record = within(screen.getByRole('region', { name: 'As ConsCent returned it' }));
    const valueOf = (label: string) => record.getByText(label, { selector: 'dt' }).nextElementSibling;
    for (const label of ['Phone', 'Gender', 'Shipping addresses', 'Billing addresses']) expect(valueOf(label)).toHaveTextContent(NOT_RETURNED_MARK);
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('');
  });

  it('says nothing about missing fields when ConsCent returned them all', async () => {
    const bridge = seededBridge();
    bridge.lookupView = (user) => ({
      ...lookupViewOf(user),
      known: ['name', 'email', 'countryCode', 'phone', 'gender', 'dateOfBirth', 'address', 'shippingAddress', 'billingAddress'],
      isEmailVerified: true,
      isPhoneVerified: true,
      createdAt: '2025-05-08T09:09:08.369Z',
      updatedAt: '2025-05-08T11:50:56.442Z',
    });
    await openReader(SHIVAM.userId, bridge);
    expect(screen.queryByText(/Not returned by ConsCent/)).toBeNull();
    expect(screen.queryByText(NOT_RETURNED_MARK)).toBeNull();
  });
});
