import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openHistory, openReader, seededBridge } from './render-app';
import { SANDBOX, SHIVAM, historyEntry } from './fixtures';

// Issue #10 in the renderer: the History tab (filters, pages, export, problems, settings,
// clearing), the reader screen's summary, and undo through the usual review.

const entry = historyEntry;

describe('History screen', () => {
  it('lists changes newest first with who, where, and each field before and after', async () => {
    const bridge = seededBridge();
    bridge.history.add(entry({ at: '2025-11-10T09:00:00.000Z', status: 'failed', errorKind: 'server-error' }));
    bridge.history.add(entry());
    await openHistory(bridge);
    const items = await screen.findAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual(['Change 2: Shivam Dubey', 'Change 1: Shivam Dubey']);
    const newest = items[0]!;
    expect(newest).toHaveTextContent('Saved');
    expect(newest).toHaveTextContent('Maria K. (maria) on desk-12');
    expect(within(newest).getByRole('row', { name: /Phone number/ })).toHaveTextContent('(not known)9000000001');
    expect(items[1]).toHaveTextContent('Not saved (server error)');
    expect(within(items[1]!).queryByRole('button', { name: 'Revert this change' })).toBeNull();
  });

  it('filters by reader, range and outcome, and pages without ever asking for more than a page', async () => {
    const bridge = seededBridge();
    for (let i = 0; i < 30; i += 1) bridge.history.add(entry({ at: `2025-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z` }));
    const { user } = await openHistory(bridge);
    await screen.findByText('Showing 1–25 of 30 changes.');
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('Showing 26–30 of 30 changes.');
    expect(bridge.callsTo('listHistory').every((call) => call.page.limit <= 100)).toBe(true);

    await user.type(screen.getByLabelText('Reader'), 'shivamdubey');
    await user.type(screen.getByLabelText('From'), '2025-11-20');
    await user.type(screen.getByLabelText('To'), '2025-11-05');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText(/The “From” day is after the “To” day/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('To'));
    await user.selectOptions(screen.getByLabelText('Outcome'), 'saved');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(bridge.callsTo('listHistory').at(-1)).toEqual({
        filter: { reader: 'shivamdubey', from: '2025-11-20T00:00:00.000Z', outcome: 'saved' },
        page: { offset: 0, limit: 25 },
      }),
    );
  });

  it('exports the filtered history through main and says where it went, or that it was cancelled', async () => {
    const bridge = seededBridge();
    bridge.history.add(entry());
    bridge.history.exportAnswer = { saved: true, path: '/home/agent/history.csv', entries: 1, rows: 2 };
    const { user } = await openHistory(bridge);
    await user.click(await screen.findByRole('button', { name: 'Export to CSV…' }));
    await screen.findByText('Exported 1 change (2 rows, one per field) to /home/agent/history.csv.');
    expect(bridge.callsTo('exportHistory')).toEqual([{ filter: {} }]);
    bridge.history.exportAnswer = { saved: false };
    await user.click(screen.getByRole('button', { name: 'Export to CSV…' }));
    await screen.findByText('Export cancelled: nothing was saved.');
  });

  it('shows damage found in the files, and keeps showing the rest', async () => {
    const bridge = seededBridge();
    bridge.history.add(entry());
    bridge.history.problems = [{ file: '2025-11.jsonl', line: 3, entryId: 2, problem: 'The chain is broken here.' }];
    await openHistory(bridge);
    expect(await screen.findByText('2025-11.jsonl, line 3 (change 2): The chain is broken here.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Change 1: Shivam Dubey' })).toBeInTheDocument();
  });

  it('sets the display name and retention; clearing is confirmed by main, not by the page', async () => {
    const bridge = seededBridge();
    bridge.history.add(entry());
    const { user } = await openHistory(bridge);
    const name = await screen.findByLabelText('Your name in the history');
    await user.type(name, 'Maria K.');
    await user.clear(screen.getByLabelText('Keep changes for (days)'));
    await user.type(screen.getByLabelText('Keep changes for (days)'), '0');
    expect(screen.getByText('Enter a whole number of days from 1 to 3650.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Keep changes for (days)'), '{Backspace}90');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/History settings saved/);
    expect(bridge.history.preferences).toEqual({ displayName: 'Maria K.', retentionDays: 90 });

    // Main draws the confirmation (issue 18): the page draws none, and "Keep it" there keeps it.
    bridge.history.clearConfirmed = false;
    await user.click(screen.getByRole('button', { name: 'Clear history…' }));
    await screen.findByText('Nothing was cleared: the history is kept.');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    bridge.history.clearConfirmed = true;
    await user.click(screen.getByRole('button', { name: 'Clear history…' }));
    await screen.findByText(/History cleared: 1 change removed; a signed record of the clearing stays in the history/);
    await screen.findByText('No change has been saved from this computer yet.');
  });
});

describe('on the reader screen', () => {
  it('a save shows "Changed once from this computer" with the last change, and links to the full list', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await screen.findByText('No change to this reader has been saved from this computer.');
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Shivam D.');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText('Changed once from this computer.');
    expect(screen.getByText(/Last: Name changed on .* by agent: Saved/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'See all changes to this reader' }));
    await screen.findByRole('heading', { name: 'Change history' });
    expect(bridge.callsTo('listHistory').at(-1)?.filter).toEqual({ userId: SHIVAM.userId, connectionId: SANDBOX.id });
  });

  it('values remembered from the history are labelled with their date and "your save"', async () => {
    const bridge = seededBridge();
    bridge.rememberFromHistory = { at: '2025-11-12T10:00:00.000Z', fields: ['phone', 'countryCode'] };
    await openReader(SHIVAM.userId, bridge);
    expect(screen.getAllByText(/as of 12 Nov 2025, 10:00 UTC, from your save on this computer/).length).toBeGreaterThan(0);
  });
});

describe('undo', () => {
  it('Revert this change opens the reader with the previous values, names what cannot be restored, and sends through the review, linked', async () => {
    const bridge = seededBridge();
    bridge.user(SHIVAM.userId)!.name = 'Shivam D.';
    bridge.history.add(entry());
    const { user } = await openHistory(bridge);
    await user.click(await screen.findByRole('button', { name: 'Revert this change' }));
    await screen.findByRole('heading', { name: 'Reverting change 1' });
    expect(screen.getByText(/Cannot be restored: phone number/)).toBeInTheDocument();
    expect(screen.queryByText(/no longer holds/)).toBeNull();
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Shivam Dubey'));
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText('Changed 2 times from this computer.');
    expect(bridge.callsTo('updateReader').at(-1)).toEqual({
      connectionId: SANDBOX.id,
      userId: SHIVAM.userId,
      changes: { name: 'Shivam Dubey' },
      revertOf: 1,
    });
    expect(screen.queryByRole('heading', { name: 'Reverting change 1' })).toBeNull();
  });

  it('says so when the reader no longer holds what the change set', async () => {
    const bridge = seededBridge();
    bridge.user(SHIVAM.userId)!.name = 'Someone changed it again';
    bridge.history.add(entry());
    const { user } = await openHistory(bridge);
    await user.click(await screen.findByRole('button', { name: 'Revert this change' }));
    expect(await screen.findByText(/This reader no longer holds what change 1 set for their name/)).toBeInTheDocument();
  });
});

describe('a change ConsCent never confirmed (issue 17 item 4)', () => {
  it('offers no Revert but "Look the reader up now", which opens the reader as ConsCent has it now', async () => {
    const bridge = seededBridge();
    bridge.history.add(entry({ status: 'unknown', errorKind: 'server-error', message: undefined }));
    const { user } = await openHistory(bridge);
    const [item] = await screen.findAllByRole('listitem');
    expect(within(item!).queryByRole('button', { name: 'Revert this change' })).toBeNull();
    await user.click(within(item!).getByRole('button', { name: 'Look the reader up now' }));
    await waitFor(() =>
      expect(bridge.callsTo('lookupReader')).toEqual([expect.objectContaining({ connectionId: SANDBOX.id, query: SHIVAM.userId })]),
    );
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue(SHIVAM.name));
    expect(screen.queryByRole('heading', { name: 'Change history' })).toBeNull();
  });
});
