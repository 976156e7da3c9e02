import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_KINDS, type BridgeError, type ErrorKind, type ErrorOf } from '../../common/result';
import { explainError } from '../../renderer/src/errors/explain-error';
import { saveOutcomeOf } from '../../common/save-outcome';
import { REVIEW_TITLE, UNCONFIRMED_TITLE } from '../../renderer/src/edit/ReviewDialog';
import { SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Every way an update can fail: explained in words, all edits kept, retry in one action.

/** What happened, as the agent reads it for each kind (with the facts below). */
const EXPECTED: Record<ErrorKind, RegExp> = {
  'invalid-input': /ConsCent refused the changes as invalid \(ConsCent said: "main says no"\)\./,
  unauthorized: /ConsCent rejected the API key or secret of this connection\./,
  forbidden: /refused this action for this connection's API key \(ConsCent said: "main says no"\)/,
  'not-found': /ConsCent has no reader with user id 0123456789abcdef01234567 on this connection, so nothing was changed\./,
  'rate-limited': /ConsCent is receiving too many requests from this connection\./,
  'server-error': /ConsCent had a problem on its side \(HTTP 503\)\./,
  network: /The request to api\.example\.test failed \(EWHATEVER\)/,
  timeout: /ConsCent \(api\.example\.test\) did not answer within 15 s\./,
  'unexpected-response': /ConsCent \(api\.example\.test\) answered with something that is not JSON\./,
  keychain: /The keychain is locked\./,
  settings: /could not be saved to \/tmp\/settings\.json \(ENOSPC\)/,
  'not-configured': /No API key and secret are stored for this connection/,
  'rejected-sender': /did not come from its own window/,
  'no-answer': /The console's background process did not answer\./,
  'update-in-flight': /already being sent to ConsCent\./,
  superseded: /A newer search replaced this one/,
  bulk: /bulk run could not do this/,
  history: /change history in \/tmp\/history could not be written \(ENOSPC\), so nothing was sent to ConsCent/,
  'data-folder-in-use':
    /Another ConsCent Console is already using this computer's data folder \/tmp\/user-data \(console process 4242 on the computer “desk-12”, started 12 Nov 2025, 10:00 UTC\)/,
  policy: /Set by your organisation: changes on Production connections are turned off\./,
};

/** What to do, said once after it. */
const TODO: Record<ErrorKind, RegExp> = {
  'invalid-input': /^Go back to editing and correct the value ConsCent names/,
  unauthorized: /^Check them in Connections/,
  forbidden: /^Ask ConsCent \(or your ConsCent account admin\)/,
  'not-found': /^Check the user id, and which connection is active/,
  'rate-limited': /^Wait 30 s, then try again\.$/,
  'server-error': /^Refresh the reader to see what ConsCent has now/,
  network: /^Check the connection's base URL in Connections and this computer's network, then try again\.$/,
  timeout: /^Refresh the reader to see what ConsCent has now/,
  'unexpected-response': /^Refresh the reader to see what ConsCent has now/,
  keychain: /^Unlock it/,
  settings: /^Check that the folder is writable and the disk is not full/,
  'not-configured': /^Enter them in Connections\.$/,
  'rejected-sender': /^Restart the console\.$/,
  'no-answer': /^Refresh the reader/,
  'update-in-flight': /^Wait for it to finish/,
  superseded: /^Check the newer search, or search again\.$/,
  bulk: /^Try again; if it keeps happening/,
  history: /^Check that the disk is not full and the folder is writable, then try again\.$/,
  'data-folder-in-use': /^Close the other console .*delete the file console\.lock/,
  policy: /^Ask your IT team if you need it\.$/,
};

const FACTS: { [K in ErrorKind]?: Omit<ErrorOf<K>, 'kind'> } = {
  'invalid-input': { reason: 'refused-by-conscent', status: 400, apiMessage: 'main says no' },
  forbidden: { status: 403, apiMessage: 'main says no' },
  'not-found': { reason: 'no-such-reader', userId: '0123456789abcdef01234567', status: 404 },
  'rate-limited': { status: 429, retryAfterSeconds: 30 },
  'server-error': { status: 503 },
  network: { host: 'api.example.test', code: 'EWHATEVER' },
  timeout: { host: 'api.example.test', timeoutSeconds: 15 },
  'unexpected-response': { reason: 'not-json', host: 'api.example.test' },
  keychain: { reason: 'locked' },
  settings: { reason: 'settings-unwritable', path: '/tmp/settings.json', code: 'ENOSPC' },
  'not-configured': { reason: 'no-credentials' },
  history: { reason: 'history-unwritable', path: '/tmp/history', code: 'ENOSPC' },
  'data-folder-in-use': { path: '/tmp/user-data', lockedBy: { pid: 4242, machine: 'desk-12', since: '2025-11-12T10:00:00.000Z' } },
  policy: { reason: 'forbidden', key: 'allowProductionWrites' },
};

function errorOf(kind: ErrorKind): BridgeError {
  return { kind, ...FACTS[kind] } as BridgeError;
}

async function editAndReview(user: Awaited<ReturnType<typeof openReader>>['user']) {
  await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
  const name = screen.getByRole('textbox', { name: 'Name' });
  await user.clear(name);
  await user.type(name, 'Shivam K. Dubey');
  await user.click(screen.getByRole('button', { name: 'Review changes' }));
}

const dialog = () => screen.getByRole('dialog', { name: REVIEW_TITLE });

afterEach(() => {
  vi.useRealTimers();
});

describe('explainError', () => {
  it.each(ERROR_KINDS)('has plain words for %s', (kind) => {
    const explained = explainError(errorOf(kind), 'update');
    expect(explained.what).toMatch(EXPECTED[kind]);
    expect(explained.todo).toMatch(TODO[kind]);
  });

  it('asks to wait without a number when ConsCent gave none', () => {
    expect(explainError({ kind: 'rate-limited' }, 'update').todo).toBe('Wait a moment, then try again.');
  });
});

describe('a failed update', () => {
  const retryable = ERROR_KINDS.filter(
    (kind) => kind !== 'invalid-input' && kind !== 'rate-limited' && kind !== 'update-in-flight' && kind !== 'superseded',
  );

  it.each(retryable)('%s: is explained, keeps every edit, and "Try again" sends the same changes', async (kind) => {
    const bridge = seededBridge();
    bridge.failNext('updateReader', errorOf(kind));
    const { user } = await openReader(SHIVAM.userId, bridge);
    await editAndReview(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Send changes' }));

    const alert = await within(dialog()).findByRole('alert');
    // A timeout, a 5xx or an unreadable answer may follow an applied change: the console must not claim nothing was saved.
    expect(alert).toHaveTextContent(saveOutcomeOf(errorOf(kind)) === 'unknown' ? UNCONFIRMED_TITLE : 'The changes were not saved.');
    expect(alert).toHaveTextContent(EXPECTED[kind]);
    // What to do, said once.
    const { todo } = explainError(errorOf(kind), 'update');
    expect(todo).toMatch(TODO[kind]);
    expect(alert.textContent?.split(todo)).toHaveLength(2);
    expect(alert).toHaveTextContent('Your edits are kept.');

    await user.click(within(dialog()).getByRole('button', { name: 'Try again' }));
    await screen.findByText(/User Details Updated Successfully/);
    const calls = bridge.callsTo('updateReader');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[1]?.changes).toEqual({ name: 'Shivam K. Dubey', phone: '9000000001' });
  });

  it('update-in-flight: says a save is on its way, offers no "Try again", and does not ask to fix fields', async () => {
    const bridge = seededBridge();
    bridge.failNext('updateReader', { kind: 'update-in-flight' });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await editAndReview(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Send changes' }));

    const alert = await within(dialog()).findByRole('alert');
    expect(alert).toHaveTextContent('These changes were not sent.');
    expect(alert).toHaveTextContent('A save for this reader is already being sent to ConsCent. Wait for it to finish');
    expect(alert).not.toHaveTextContent(/fix|fields marked/i);
    expect(alert).toHaveTextContent('Your edits are kept.');
    expect(within(dialog()).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(within(dialog()).queryByRole('button', { name: 'Send changes' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back to editing' })).toBeEnabled();
  });

  it('keeps the edits in the form after going back from a failure', async () => {
    const bridge = seededBridge();
    bridge.failNext('updateReader', errorOf('forbidden'));
    const { user } = await openReader(SHIVAM.userId, bridge);
    await editAndReview(user);
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await within(dialog()).findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Back to editing' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Shivam K. Dubey');
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');
    expect(screen.getByRole('alert')).toHaveTextContent('The last attempt to send was not saved; your edits are kept.');
    // Reviewing again and sending works.
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
  });

  it('rate-limited: says when to retry and holds "Try again" until then', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bridge = seededBridge();
    bridge.failNext('updateReader', { kind: 'rate-limited', status: 429, retryAfterSeconds: 3 });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await editAndReview(user);
    await user.click(screen.getByRole('button', { name: 'Send changes' }));

    expect(await within(dialog()).findByRole('alert')).toHaveTextContent('Wait 3 s, then try again.');
    const retry = within(dialog()).getByRole('button', { name: 'Try again' });
    expect(retry).toBeDisabled();
    expect(within(dialog()).getByText('You can try again in 3 s.')).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3100);
    });
    expect(retry).toBeEnabled();
    await user.click(retry);
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')).toHaveLength(2);
  });

  it('invalid-input: puts the messages on the fields, keeps the edits and focuses the first bad field', async () => {
    const bridge = seededBridge();
    bridge.failNext('updateReader', {
      kind: 'invalid-input',
      fields: { 'changes.phone': 'ConsCent says this phone number is already used by another reader.' },
    });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await editAndReview(user);
    await user.click(screen.getByRole('button', { name: 'Send changes' }));

    const alert = await within(dialog()).findByRole('alert');
    expect(alert).toHaveTextContent('Some values were refused');
    expect(alert).toHaveTextContent('go back to fix them');
    // Retrying the same refused values makes no sense: only going back is offered.
    expect(within(dialog()).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await user.click(within(dialog()).getByRole('button', { name: 'Back to editing' }));

    const phone = screen.getByRole('textbox', { name: 'Phone number' });
    expect(phone).toHaveValue('9000000001');
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription(/already used by another reader/);
    await vi.waitFor(() => expect(phone).toHaveFocus());

    // Fixing the field clears the server's message, and the fix can be sent.
    await user.clear(phone);
    await user.type(phone, '9000000002');
    expect(phone).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[1]?.changes).toEqual({ name: 'Shivam K. Dubey', phone: '9000000002' });
  });

  it('a rejected bridge promise is reported, not thrown', async () => {
    const bridge = seededBridge();
    const { user } = await openReader(SHIVAM.userId, bridge);
    bridge.updateReader = () => Promise.reject(new Error('Error invoking remote method'));
    await editAndReview(user);
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    const alert = await within(dialog()).findByRole('alert');
    expect(alert).toHaveTextContent(UNCONFIRMED_TITLE);
    expect(alert).toHaveTextContent("The console's background process did not answer.");
    expect(alert).toHaveTextContent('Refresh the reader to see what ConsCent has now before sending the change again.');
    expect(screen.getByRole('textbox', { name: 'Name', hidden: true })).toHaveValue('Shivam K. Dubey');
  });
});
