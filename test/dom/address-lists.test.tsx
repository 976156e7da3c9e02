import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { NOTHING_ELSE_CHANGED, REVIEW_TITLE } from '../../renderer/src/edit/ReviewDialog';
import { lookupViewOf, type FakeUser } from './fake-bridge';
import { SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue #8 item 1: never lose address lists the agent cannot see. The lookup does not
// return address lists; main fills them in from the record a save in this session
// returned (ReaderView.remembered). A known list is edited and sent whole, with its ids;
// an unknown one may replace everything the reader has, so the agent must confirm it.

const LAKE_ROAD = {
  name: '',
  apartment: '12 Lake Road',
  area: '',
  pincode: '560001',
  landmark: '',
  city: 'Bengaluru',
  state: 'KA',
  country: 'India',
  _id: '681c94453b8e51752d8b5501',
};
const MG_ROAD = {
  name: '',
  apartment: '1 MG Road',
  area: '',
  pincode: '570001',
  landmark: '',
  city: 'Mysuru',
  state: 'KA',
  country: 'India',
  _id: '681c94453b8e51752d8b5502',
};
const SAVED_AT = '2025-06-01T14:02:00.000Z';
const REMEMBERED_LABEL = 'as of 1 Jun 2025, 14:02 UTC, from what ConsCent returned after a save in this session';

const reader: FakeUser = { ...structuredClone(SHIVAM), shippingAddress: [LAKE_ROAD, MG_ROAD], gender: 'FEMALE' };

/** What main's openReader answers after a save in this session (or, `from` 'history', only before it): the lookup plus the remembered fields. */
function lookupWithRemembered(user: FakeUser, from: 'session-save' | 'history' = 'session-save'): ReaderView {
  const view = lookupViewOf(user);
  return {
    ...view,
    countryCode: user.countryCode ?? '',
    phone: user.phone ?? '',
    gender: user.gender ?? '',
    shippingAddress: structuredClone(user.shippingAddress ?? []),
    billingAddress: structuredClone(user.billingAddress ?? []),
    known: [...view.known, 'countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress'],
    remembered: { at: SAVED_AT, from, fields: ['countryCode', 'phone', 'gender', 'shippingAddress', 'billingAddress'] },
  };
}

async function openRemembered(from: 'session-save' | 'history' = 'session-save') {
  const bridge = seededBridge({ users: [reader] });
  bridge.lookupView = (user) => lookupWithRemembered(user, from);
  return openReader(reader.email ?? '', bridge);
}

const review = () => screen.getByRole('dialog', { name: REVIEW_TITLE });
const sendButton = () => within(review()).getByRole('button', { name: 'Send changes' });

describe('a list the console knows from a save in this session', () => {
  it('starts from that list, labels where it came from, and sends the whole list with ids when one entry changes', async () => {
    const { user, bridge } = await openRemembered();
    const city2 = screen.getByRole('textbox', { name: 'Shipping address 2 City' });
    expect(city2).toHaveValue('Mysuru');
    // Both lists were remembered; each says so.
    expect(screen.getAllByText(`This list is ${REMEMBERED_LABEL}; ConsCent's lookup does not return it.`)).toHaveLength(2);
    // The record view labels the remembered values too, instead of "not returned".
    const shipping = screen.getByText('Shipping addresses', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(within(shipping).getAllByRole('listitem')).toHaveLength(2);
    expect(shipping).toHaveTextContent(REMEMBERED_LABEL);

    await user.clear(city2);
    await user.type(city2, 'Mandya');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(review()).getByText(/Nothing else is changed\./)).toBeInTheDocument();
    expect(within(review()).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(within(review()).getByText(new RegExp(`Current value ${REMEMBERED_LABEL}`))).toBeInTheDocument();
    await user.click(sendButton());
    await screen.findByText(/User Details Updated Successfully/);

    expect(bridge.callsTo('updateReader')[0]?.changes).toEqual({ shippingAddress: [LAKE_ROAD, { ...MG_ROAD, city: 'Mandya' }] });
    expect(bridge.user(reader.userId)?.shippingAddress).toEqual([LAKE_ROAD, { ...MG_ROAD, city: 'Mandya' }]);
  });

  it('refuses a saved entry whose parts were all cleared, saying how to remove it instead', async () => {
    const { user, bridge } = await openRemembered();
    for (const part of ['Apartment / house', 'Pincode', 'City', 'State', 'Country']) {
      await user.clear(screen.getByRole('textbox', { name: `Shipping address 1 ${part}` }));
    }
    expect(screen.getByText(/This shipping address 1 is now empty\. Fill it in, or press “Remove shipping address 1”/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Fix these fields before reviewing: Shipping address 1.');
    expect(bridge.callsTo('updateReader')).toHaveLength(0);
  });
});

describe('a list known only from a save before this console started (issue 17)', () => {
  it('carries its age in the form and the review, and Send needs the agent to accept that later addresses will be lost', async () => {
    const { user, bridge } = await openRemembered('history');
    const label = 'as of 1 Jun 2025, 14:02 UTC, from your save on this computer';
    expect(screen.getAllByText(`This list is ${label}; ConsCent's lookup does not return it.`)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 3 City' }), 'Pune');
    const warning =
      "This reader's shipping addresses are known only from your save on this computer at 1 Jun 2025, 14:02 UTC, not from ConsCent now. ConsCent replaces the whole list with the 3 shipping addresses sent here, so shipping addresses added or changed elsewhere since 1 Jun 2025, 14:02 UTC will be lost.";
    expect(screen.getByRole('note')).toHaveTextContent(warning);

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(review()).not.toHaveTextContent(NOTHING_ELSE_CHANGED);
    expect(within(review()).getByText(new RegExp(`Current value ${label}`))).toBeInTheDocument();
    expect(review()).toHaveTextContent(warning);
    expect(sendButton()).toBeDisabled();
    await user.click(sendButton());
    expect(bridge.callsTo('updateReader')).toHaveLength(0);

    await user.click(
      within(review()).getByRole('checkbox', {
        name: 'I understand: shipping addresses added since 1 Jun 2025, 14:02 UTC elsewhere will be lost; the list becomes these 3 shipping addresses.',
      }),
    );
    await user.click(sendButton());
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[0]?.changes.shippingAddress?.map((entry) => entry.city)).toEqual(['Bengaluru', 'Mysuru', 'Pune']);
  });

  it('an unchanged list is not sent and asks for nothing', async () => {
    const { user } = await openRemembered('history');
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Shivam K.');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(review()).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(review()).toHaveTextContent(NOTHING_ELSE_CHANGED);
  });
});

describe('a list whose current content is not known', () => {
  it('warns that unseen addresses may be lost, and Send stays disabled until the agent confirms', async () => {
    const { user, bridge } = await openReader(reader.email ?? '', seededBridge({ users: [reader] }));
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 1 City' }), 'Mysuru');
    const warning =
      'ConsCent may replace every shipping address this reader has with the 1 shipping address sent here; addresses you cannot see here may be lost.';
    expect(screen.getByRole('note')).toHaveTextContent(warning);

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(review()).getByText(new RegExp(warning.replace(/[.;]/g, '.')))).toBeInTheDocument();
    expect(review()).not.toHaveTextContent('Nothing else is changed');
    expect(sendButton()).toBeDisabled();
    await user.click(sendButton());
    expect(bridge.callsTo('updateReader')).toHaveLength(0);

    const confirm = within(review()).getByRole('checkbox', {
      name: 'I understand: every shipping address this reader has may be replaced by this 1 shipping address.',
    });
    await user.click(confirm);
    expect(sendButton()).toBeEnabled();
    await user.click(confirm);
    expect(sendButton()).toBeDisabled();
    await user.click(confirm);
    await user.click(sendButton());
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[0]?.changes).toEqual({
      shippingAddress: [{ name: '', apartment: '', area: '', pincode: '', landmark: '', city: 'Mysuru', state: '', country: '' }],
    });
  });

  it('asks for one confirmation per unknown list', async () => {
    const { user } = await openReader(reader.email ?? '', seededBridge({ users: [reader] }));
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 1 City' }), 'Mysuru');
    await user.click(screen.getByRole('button', { name: 'Add billing address' }));
    await user.type(screen.getByRole('textbox', { name: 'Billing address 1 City' }), 'Agra');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const boxes = within(review()).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    await user.click(boxes[0]!);
    expect(sendButton()).toBeDisabled();
    await user.click(boxes[1]!);
    expect(sendButton()).toBeEnabled();
  });
});

describe('empty entries', () => {
  it('does not send an entry with every part empty, and says so', async () => {
    const { user, bridge } = await openRemembered();
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    // An empty new entry alone changes nothing.
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.type(screen.getByRole('textbox', { name: 'Shipping address 4 City' }), 'Hassan');

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(within(review()).getByText(/Entries with every part empty are not sent\./)).toBeInTheDocument();
    await user.click(sendButton());
    await screen.findByText(/User Details Updated Successfully/);
    const sent = bridge.callsTo('updateReader')[0]?.changes.shippingAddress;
    expect(sent).toHaveLength(3);
    expect(sent?.[2]).toMatchObject({ city: 'Hassan' });
    expect(sent?.[2]).not.toHaveProperty('_id');
  });

  it('reports a bad field of an entry after an empty one at its place in the form', async () => {
    const { user } = await openRemembered();
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    await user.click(screen.getByRole('button', { name: 'Add shipping address' }));
    const pincode4 = screen.getByRole('textbox', { name: 'Shipping address 4 Pincode' });
    await user.type(pincode4, '#1');
    expect(pincode4).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Shipping address 3 Pincode' })).not.toHaveAttribute('aria-invalid');
  });
});
