import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REVIEW_TITLE, TICKET_LABEL } from '../../renderer/src/edit/ReviewDialog';
import { ASHA, SHIVAM } from './fixtures';
import { openHistory, openReader, renderApp, seededBridge } from './render-app';

// Issue 20.1: the review asks for a ticket or reason (optional); it goes with the change
// to main, is kept in History, and survives going back to editing.

describe('ticket or reason on a change', () => {
  it('is typed in the review, kept through "Back to editing", sent with the change, and cleared after the save', async () => {
    const bridge = seededBridge();
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    await user.type(within(review).getByRole('textbox', { name: TICKET_LABEL }), 'SUP-1234 reader asked by mail');
    await user.click(within(review).getByRole('button', { name: 'Back to editing' }));

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const again = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    expect(within(again).getByRole('textbox', { name: TICKET_LABEL })).toHaveValue('SUP-1234 reader asked by mail');
    await user.click(within(again).getByRole('button', { name: 'Send changes' }));
    await screen.findAllByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader').at(-1)).toMatchObject({ ticket: 'SUP-1234 reader asked by mail' });

    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '2');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const next = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    expect(within(next).getByRole('textbox', { name: TICKET_LABEL })).toHaveValue('');
  });

  it('left empty, nothing is sent for it', async () => {
    const bridge = seededBridge();
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    await user.type(within(review).getByRole('textbox', { name: TICKET_LABEL }), '   ');
    await user.click(within(review).getByRole('button', { name: 'Send changes' }));
    await screen.findAllByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader').at(-1)).not.toHaveProperty('ticket');
  });

  it('is shown on the change in History', async () => {
    const bridge = seededBridge();
    bridge.history.add({ ...historyEntryWithTicket() });
    await openHistory(bridge);
    expect(await screen.findByText('Ticket or reason: SUP-77 duplicate account merged')).toBeInTheDocument();
  });
});

describe('a link that carries ticket=', () => {
  it('pre-fills the review of the reader it opens; the agent may change it before sending', async () => {
    const { user, bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'userId', value: SHIVAM.userId, ticket: 'SUP-4411 refund asked' } }));
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    const field = within(review).getByRole('textbox', { name: TICKET_LABEL });
    expect(field).toHaveValue('SUP-4411 refund asked');
    await user.type(field, ' by phone');
    await user.click(within(review).getByRole('button', { name: 'Send changes' }));
    await screen.findAllByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader').at(-1)).toMatchObject({ ticket: 'SUP-4411 refund asked by phone' });
  });

  it('does not follow the agent to a reader they search for by hand', async () => {
    const { user, bridge } = renderApp();
    const search = await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'userId', value: SHIVAM.userId, ticket: 'SUP-4411' } }));
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    await user.clear(search);
    await user.type(search, `${ASHA.userId}{Enter}`);
    await screen.findByRole('heading', { name: ASHA.name ?? '' });
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    expect(within(review).getByRole('textbox', { name: TICKET_LABEL })).toHaveValue('');
  });

  it('refused by main for its ticket: says what is wrong and looks nothing up', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'link-refused', reason: 'bad-ticket' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A link could not be opened: its ticket= part is not a ticket or reason the console can keep: it must be one line of plain text under 200 characters, given once. Nothing was looked up or changed.',
    );
    expect(bridge.callsTo('lookupReader')).toEqual([]);
  });
});

function historyEntryWithTicket() {
  return {
    at: '2025-12-08T10:00:00.000Z',
    agent: { osUser: 'agent' },
    machine: 'desk-1',
    connection: {
      connectionId: 'c1',
      name: 'Sim',
      environment: 'custom' as const,
      host: '127.0.0.1:4010',
      baseUrl: 'http://127.0.0.1:4010/api/v1',
      clientId: 'demo-client',
    },
    userId: SHIVAM.userId,
    reader: { name: 'Shivam Dubey' },
    changes: [{ field: 'phone' as const, before: null, after: '9000000001' }],
    status: 'saved' as const,
    ticket: 'SUP-77 duplicate account merged',
  };
}
