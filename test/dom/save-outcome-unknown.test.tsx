import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BridgeError } from '../../common/result';
import { FAILED_LAST_SEND, UNCONFIRMED_LAST_SEND } from '../../renderer/src/edit/FormActionBar';
import { REFRESH_READER, REVIEW_TITLE, UNCONFIRMED_TITLE } from '../../renderer/src/edit/ReviewDialog';
import type { FakeBridge } from './fake-bridge';
import { SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 17 item 4: after the request went out, anything but a well-formed success or a 4xx
// refusal is "outcome unknown" — in the review, in the form after going back, and in the
// reader's history line — and Refresh (reading the reader again) is offered.

const UNKNOWN: [string, BridgeError][] = [
  ['a 502 from a gateway', { kind: 'server-error', status: 502, host: 'api.example.test' }],
  ['truncated JSON', { kind: 'unexpected-response', reason: 'not-json', host: 'api.example.test' }],
  ['an answer of the wrong shape', { kind: 'unexpected-response', reason: 'wrong-shape', host: 'api.example.test' }],
  ['an over-size answer', { kind: 'unexpected-response', reason: 'too-large', host: 'api.example.test' }],
  ['a dropped connection', { kind: 'network', reason: 'dropped', host: 'api.example.test' }],
  ['a timeout', { kind: 'timeout', host: 'api.example.test', timeoutSeconds: 15 }],
];

const dialog = () => screen.getByRole('dialog', { name: REVIEW_TITLE });

async function sendFailing(error: BridgeError, bridge: FakeBridge = seededBridge()) {
  bridge.failNext('updateReader', error);
  const opened = await openReader(SHIVAM.userId, bridge);
  const name = screen.getByRole('textbox', { name: 'Name' });
  await opened.user.clear(name);
  await opened.user.type(name, 'Shivam K. Dubey');
  await opened.user.click(screen.getByRole('button', { name: 'Review changes' }));
  await opened.user.click(within(dialog()).getByRole('button', { name: 'Send changes' }));
  await within(dialog()).findByRole('alert');
  return opened;
}

/** What main records for a send whose outcome it does not know. */
function recordUnknown(bridge: FakeBridge, error: BridgeError) {
  const saved = bridge.history.entries.length;
  bridge.history.add({
    at: '2025-11-12T10:00:00.000Z',
    agent: { osUser: 'agent' },
    machine: 'desk-1',
    connection: { connectionId: 'sandbox', name: 'Sandbox', environment: 'sandbox', host: 'h', baseUrl: 'https://h', clientId: 'c' },
    userId: SHIVAM.userId,
    reader: { name: SHIVAM.name ?? '' },
    changes: [{ field: 'name', before: SHIVAM.name ?? '', after: 'Shivam K. Dubey' }],
    status: 'unknown',
    errorKind: error.kind,
  });
  expect(bridge.history.entries).toHaveLength(saved + 1);
}

describe('a send whose outcome is unknown', () => {
  it.each(UNKNOWN)('%s: the review says ConsCent did not confirm it and offers Refresh; back in the form, too', async (_, error) => {
    const { user, bridge } = await sendFailing(error);
    const alert = within(dialog()).getByRole('alert');
    expect(alert).toHaveTextContent(UNCONFIRMED_TITLE);
    expect(alert).not.toHaveTextContent(/not saved/);
    expect(within(dialog()).getByRole('button', { name: REFRESH_READER })).toBeEnabled();

    await user.click(within(dialog()).getByRole('button', { name: 'Back to editing' }));
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(UNCONFIRMED_LAST_SEND);
    expect(notice).not.toHaveTextContent(/was not saved|Review the changes to try again/);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Shivam K. Dubey');

    // Refresh reads the reader again from ConsCent, once the agent lets the edits go.
    const opens = bridge.callsTo('openReader').length + bridge.callsTo('lookupReader').length;
    await user.click(within(notice).getByRole('button', { name: REFRESH_READER }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Discard unsent changes?' })).getByRole('button', { name: 'Discard changes' }));
    await screen.findByRole('textbox', { name: 'Name' });
    expect(bridge.callsTo('openReader').length + bridge.callsTo('lookupReader').length).toBe(opens + 1);
  });

  it('Refresh in the review closes it and reads the reader again', async () => {
    const { user, bridge } = await sendFailing(UNKNOWN[0]![1]);
    const opens = bridge.callsTo('openReader').length;
    await user.click(within(dialog()).getByRole('button', { name: REFRESH_READER }));
    expect(screen.queryByRole('dialog', { name: REVIEW_TITLE })).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('alertdialog', { name: 'Discard unsent changes?' })).getByRole('button', { name: 'Discard changes' }));
    await screen.findByRole('textbox', { name: 'Name' });
    expect(bridge.callsTo('openReader')).toHaveLength(opens + 1);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue(SHIVAM.name);
  });

  it('the reader panel shows the unknown outcome instead of "No change … has been saved"', async () => {
    const bridge = seededBridge();
    const error = UNKNOWN[0]![1];
    const noChange = 'No change to this reader has been saved from this computer.';
    bridge.failNext('updateReader', error);
    const { user } = await openReader(SHIVAM.userId, bridge);
    expect(await screen.findByText(noChange)).toBeInTheDocument();
    recordUnknown(bridge, error);
    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Shivam K. Dubey');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(within(dialog()).getByRole('button', { name: 'Send changes' }));
    await within(dialog()).findByRole('alert');
    expect(await screen.findByText(/Outcome unknown — ConsCent did not confirm it/)).toBeInTheDocument();
    expect(screen.queryByText(noChange)).not.toBeInTheDocument();
  });
});

describe('a 4xx refusal', () => {
  it('is "not saved", with no Refresh, and the form says to review and try again', async () => {
    const { user } = await sendFailing({ kind: 'forbidden', status: 403 });
    expect(within(dialog()).getByRole('alert')).toHaveTextContent('The changes were not saved.');
    expect(within(dialog()).queryByRole('button', { name: REFRESH_READER })).not.toBeInTheDocument();
    await user.click(within(dialog()).getByRole('button', { name: 'Back to editing' }));
    expect(screen.getByRole('alert')).toHaveTextContent(FAILED_LAST_SEND);
  });
});
