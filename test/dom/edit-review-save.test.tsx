import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { unknownListWarning } from '../../renderer/src/edit/changes';
import { REVIEW_TITLE } from '../../renderer/src/edit/ReviewDialog';
import { FakeBridge } from './fake-bridge';
import { ALL_USERS, PRODUCTION, SANDBOX, SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Edit → review → send: exactly the changed fields, old → new, sent once, pessimistically.

const reviewDialog = () => screen.getByRole('dialog', { name: REVIEW_TITLE });

function reviewRows() {
  const table = within(reviewDialog()).getByRole('table', { name: 'Fields that will be sent' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => ({
      field: within(row).getByRole('rowheader').textContent,
      before: row.querySelector('.change-before')?.textContent,
      after: row.querySelector('.change-after .change-value, .change-after .change-lines')?.textContent,
      text: row.textContent ?? '',
    }));
}

describe('editing and reviewing', () => {
  it('shows exactly the phone and address changes, and sends only those', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByRole('textbox', { name: 'Country code' }), '+91');
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    const pincode = screen.getByRole('textbox', { name: 'Address Pincode' });
    await user.clear(pincode);
    await user.type(pincode, '110001');

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(screen.getByRole('heading', { name: REVIEW_TITLE })).toHaveFocus();
    expect(reviewRows()).toEqual([
      expect.objectContaining({ field: 'Country code', before: 'not known', after: '+91' }),
      expect.objectContaining({ field: 'Phone number', before: 'not known', after: '9000000001' }),
      expect.objectContaining({ field: 'Address', before: 'Pincode: 282008', after: 'Pincode: 110001' }),
    ]);

    await user.click(within(reviewDialog()).getByRole('button', { name: 'Send changes' }));
    const outcome = await screen.findByText(/ConsCent answered: “User Details Updated Successfully\.”/);
    expect(bridge.callsTo('updateReader')).toEqual([
      {
        connectionId: SANDBOX.id,
        userId: SHIVAM.userId,
        changes: { countryCode: '+91', phone: '9000000001', address: { ...SHIVAM.address, pincode: '110001' } },
      },
    ]);
    // Focus lands on the confirmation; the record shown is the one ConsCent returned.
    expect(outcome.closest('.save-outcome')).toHaveFocus();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('As ConsCent returned it after the update.')).toBeInTheDocument();
    const phone = screen.getByText('Phone', { selector: 'dt' }).nextElementSibling;
    expect(phone).toHaveTextContent('+91 9000000001');
    // The form now starts from that record: nothing left to send.
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
  });

  it('edits a phone number alone without touching anything else', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(reviewRows().map((row) => row.field)).toEqual(['Phone number']);
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[0]?.changes).toEqual({ phone: '9000000001' });
    // The update answer has no subscriptions; the ones the lookup showed stay on screen.
    expect(screen.getByRole('table')).toHaveTextContent('Digital Premium');
  });

  it('adds a shipping address to a list the lookup did not return, with its warning, and shows the returned list', async () => {
    const bridge = seededBridge();
    bridge.appendAddressLists = true;
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 1 City' }), 'Pune');
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 1 Pincode' }), '411001');

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const [row] = reviewRows();
    expect(row?.field).toBe('Shipping addresses');
    expect(row?.before).toBe('not known');
    expect(row?.text).toContain('1. 411001, Pune (new)');
    expect(row?.text).toContain(unknownListWarning('shippingAddress', 1));

    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    expect(await screen.findByText(/below are the list as ConsCent stored it/)).toBeInTheDocument();
    // ConsCent appended: the returned list has the old entry and the new one.
    const shipping = screen.getByText('Shipping addresses', { selector: 'dt' }).nextElementSibling;
    expect(within(shipping as HTMLElement).getAllByRole('listitem')).toHaveLength(2);
  });

  it('converts the date of birth to midnight UTC', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    const dob = screen.getByLabelText('Date of birth');
    await user.clear(dob);
    await user.type(dob, '3 Feb 1991');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(reviewDialog()).getByText(/Sent as 1991-02-03T00:00:00.000Z/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[0]?.changes).toEqual({ dateOfBirth: '1991-02-03T00:00:00.000Z' });
  });

  it('shows errors next to the field as the agent types', async () => {
    const { user } = await openReader(SHIVAM.userId);
    const email = screen.getByRole('textbox', { name: 'Email' });
    await user.clear(email);
    await user.type(email, 'not-an-email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Enter a valid email address/);
    await user.type(email, '@example.com');
    expect(email).not.toHaveAttribute('aria-invalid');

    const pincode = screen.getByRole('textbox', { name: 'Address Pincode' });
    await user.type(pincode, '#');
    expect(pincode).toHaveAccessibleDescription(/Pincode may hold letters, digits, spaces and dashes only/);
  });

  it('does not open the review while a field is invalid, and says which', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Fix these fields before reviewing: Name.');
    expect(name).toHaveFocus();
    expect(bridge.callsTo('updateReader')).toHaveLength(0);
  });

  it('says there is nothing to send when nothing changed', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
    // The shortcut says so in words instead of opening an empty review.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText(/Nothing to send: no field differs/)).toBeInTheDocument();
    // Typing the same value back is not a change either.
    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.type(name, ' ');
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
    expect(bridge.callsTo('updateReader')).toHaveLength(0);
  });

  it('opens the review with Ctrl+Enter and goes back with Escape, keeping the edits', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Shivam K. Dubey');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('heading', { name: REVIEW_TITLE })).toHaveFocus();
    expect(reviewRows()).toEqual([expect.objectContaining({ field: 'Name', before: 'Shivam Dubey', after: 'Shivam K. Dubey' })]);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(name).toHaveValue('Shivam K. Dubey');
    // Focus goes back to where it was before the review opened.
    expect(name).toHaveFocus();
    expect(bridge.callsTo('updateReader')).toHaveLength(0);

    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(screen.getByRole('dialog', { name: REVIEW_TITLE })).toBeInTheDocument();
  });

  it('warns in the review when the connection is production', async () => {
    const bridge = new FakeBridge({ connections: [PRODUCTION], users: ALL_USERS });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(reviewDialog()).getByText(/PRODUCTION — changes affect real readers/)).toBeInTheDocument();
  });
});

describe('sending', () => {
  it('locks the form while sending and sends once however often Send is clicked', async () => {
    const bridge = seededBridge();
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));

    const held = bridge.holdNext('updateReader');
    await user.dblClick(within(reviewDialog()).getByRole('button', { name: 'Send changes' }));
    const sendingButton = within(reviewDialog()).getByRole('button', { name: 'Sending…' });
    expect(sendingButton).toBeDisabled();
    await user.click(sendingButton);
    expect(within(reviewDialog()).getByRole('button', { name: 'Back to editing' })).toBeDisabled();
    // Escape cannot cancel a request already on its way.
    await user.keyboard('{Escape}');
    expect(reviewDialog()).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toBeDisabled();

    held.release();
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')).toHaveLength(1);
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toBeEnabled();
  });

  it('keeps what ConsCent returned even when it differs from what was sent', async () => {
    const bridge = seededBridge();
    const { user } = await openReader(SHIVAM.userId, bridge);
    bridge.updateReader = async (request) => {
      bridge.calls.push({ op: 'updateReader', request });
      const stored = bridge.user(SHIVAM.userId);
      if (!stored) throw new Error('fixture missing');
      return {
        ok: true,
        value: {
          message: 'Updated, with a server-side twist.',
          sent: { name: 'Shivam K. Dubey' },
          user: { ...stored, name: 'SHIVAM K. DUBEY', known: ['name', 'email', 'phone'], source: 'update' },
        },
      };
    };
    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Shivam K. Dubey');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/Updated, with a server-side twist\./);
    expect(screen.getByRole('heading', { name: 'SHIVAM K. DUBEY' })).toBeInTheDocument();
    await waitFor(() => expect(name).toHaveValue('SHIVAM K. DUBEY'));
  });
});
