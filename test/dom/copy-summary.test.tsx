import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REVIEW_TITLE } from '../../renderer/src/edit/ReviewDialog';
import { ticketSummary } from '../../renderer/src/reader/ticket-summary';
import { historyEntry, SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 22 item 6: after a save, "Copy summary" puts the change on the clipboard in plain
// text for the reply on the ticket: the reader, each change from what to what, when (the
// agent's time, with the zone) and by whom (as the history entry names the agent).

const SAVED_AT = new Date('2026-12-03T16:12:00.000Z');

beforeEach(() => {
  vi.stubEnv('TZ', 'Asia/Kolkata');
  // Only Date: user-event's timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(SAVED_AT);
});
afterEach(() => {
  vi.useRealTimers();
  vi.stubEnv('TZ', 'UTC');
});

async function saveNameDateAndPhone(bridge = seededBridge(), beforeSend = () => {}) {
  bridge.history.preferences.displayName = 'Maria K.';
  const rendered = await openReader(SHIVAM.userId, bridge);
  // The reader's history has been read once on opening; what comes next is the save's.
  await waitFor(() => expect(bridge.callsTo('listHistory')).toHaveLength(1));
  beforeSend();
  const { user } = rendered;
  const name = screen.getByLabelText('Name');
  await user.clear(name);
  await user.type(name, 'Shivam K. Dubey');
  const dob = screen.getByLabelText('Date of birth');
  await user.clear(dob);
  await user.type(dob, '3 Feb 1991');
  await user.type(screen.getByLabelText('Phone number'), '+91 90000 11111');
  await user.click(screen.getByRole('button', { name: 'Review changes' }));
  await user.click(within(screen.getByRole('dialog', { name: REVIEW_TITLE })).getByRole('button', { name: 'Send changes' }));
  await screen.findByText(/User Details Updated Successfully/);
  return rendered;
}

describe('Copy summary after a save', () => {
  it('copies the reader, each change from what to what, when in the agent’s zone, and who', async () => {
    const { user } = await saveNameDateAndPhone();
    const copy = await screen.findByRole('button', { name: 'Copy summary' });
    await waitFor(() => expect(copy).toBeEnabled());
    await user.click(copy);

    expect(await navigator.clipboard.readText()).toBe(
      [
        'Reader: Shivam Dubey <shivamdubey+kljo@conscent.ai>, user id 681c74b2333e169d16a7e58b',
        'Changed on 3 Dec 2026, 21:42 IST by Maria K. (agent):',
        '- Name: from Shivam Dubey to Shivam K. Dubey',
        '- Country code: from (not known) to +91',
        '- Phone number: from (not known) to 9000011111',
        '- Date of birth: from 13 May 1990 to 3 Feb 1991',
        '',
      ].join('\n'),
    );
    expect(screen.getByText('Summary copied: paste it into the ticket.')).toBeInTheDocument();
  });

  it('lists an address list entry by entry under "from" and "to", and says when the change undoes another', () => {
    const entry = {
      id: 9,
      ...historyEntry({
        agent: { osUser: 'maria' },
        reader: { email: SHIVAM.email },
        changes: [
          {
            field: 'shippingAddress',
            before: [{ apartment: '20/41 Rambagh', city: 'Agra' }],
            after: [
              { apartment: '20/41 Rambagh', city: 'Agra' },
              { apartment: '7 Mall Road', city: 'Delhi' },
            ],
          },
        ],
        revertOf: 4,
      }),
    };
    expect(ticketSummary(entry)).toBe(
      [
        'Reader: <shivamdubey+kljo@conscent.ai>, user id 681c74b2333e169d16a7e58b',
        'Changed on 12 Nov 2025, 15:30 IST by maria:',
        '- Shipping addresses:',
        '  from:',
        '    1. Apartment / house: 20/41 Rambagh, City: Agra',
        '  to:',
        '    1. Apartment / house: 20/41 Rambagh, City: Agra',
        '    2. Apartment / house: 7 Mall Road, City: Delhi',
        "This undoes change 4 of this computer's history.",
        '',
      ].join('\n'),
    );
    // The ticket or reason the agent gave in the review ends the summary.
    expect(ticketSummary({ ...entry, ticket: 'SUP-1234, reader moved' })).toMatch(/\nTicket or reason: SUP-1234, reader moved\n$/);
  });

  it('says there is nothing to copy when the history cannot be read, and offers no stale summary', async () => {
    const bridge = seededBridge();
    await saveNameDateAndPhone(bridge, () => bridge.failNext('listHistory', { kind: 'history', reason: 'history-unwritable' }));
    expect(screen.getByRole('button', { name: 'Copy summary' })).toBeDisabled();
    expect(await screen.findByText(/There is no summary to copy: this computer's change history could not be read/)).toBeInTheDocument();
  });
});
