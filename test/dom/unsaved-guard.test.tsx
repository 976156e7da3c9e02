import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { ALL_USERS, ASHA, PRODUCTION, RAVI, SANDBOX, SHIVAM } from './fixtures';
import { openReader, renderApp } from './render-app';

// Unsent edits are never lost silently: new lookups, another match, switching connection
// and closing the window all ask first.

const confirmDialog = () => screen.getByRole('alertdialog', { name: 'Discard unsent changes?' });

async function makeDirty(user: Awaited<ReturnType<typeof openReader>>['user']) {
  await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
}

describe('leaving a dirty form', () => {
  it('asks before a new lookup; "Keep editing" keeps the edits', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await makeDirty(user);
    const search = screen.getByLabelText('Find a reader');
    await user.clear(search);
    await user.type(search, `${ASHA.email}{Enter}`);

    expect(confirmDialog()).toBeInTheDocument();
    expect(within(confirmDialog()).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
  });

  it('runs the new lookup after "Discard changes"', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await makeDirty(user);
    const search = screen.getByLabelText('Find a reader');
    await user.clear(search);
    await user.type(search, `${ASHA.email}{Enter}`);
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Asha Verma' })).toBeInTheDocument();
    expect(bridge.callsTo('lookupReader')).toHaveLength(2);
  });

  it('Escape closes the question and keeps the edits', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await makeDirty(user);
    await user.type(screen.getByLabelText('Find a reader'), '{Enter}');
    expect(confirmDialog()).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');
  });

  it('does not ask when nothing would be sent', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    const search = screen.getByLabelText('Find a reader');
    await user.clear(search);
    await user.type(search, `${ASHA.email}{Enter}`);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Asha Verma' });
    expect(bridge.callsTo('lookupReader')).toHaveLength(2);
  });

  it('asks before opening another match', async () => {
    const { user, bridge } = renderApp(new FakeBridge({ connections: [SANDBOX], users: ALL_USERS }));
    await user.type(await screen.findByLabelText('Find a reader'), '+919810012345{Enter}');
    await user.click(await screen.findByRole('button', { name: `Open Asha Verma (${ASHA.userId})` }));
    await screen.findByRole('heading', { name: 'Asha Verma' });
    await makeDirty(user);
    await user.click(screen.getByRole('button', { name: `Open Ravi Verma (${RAVI.userId})` }));
    expect(confirmDialog()).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Ravi Verma' })).toBeInTheDocument();
    expect(bridge.callsTo('openReader').map((call) => call.userId)).toEqual([ASHA.userId, RAVI.userId]);
  });

  it('asks before switching the connection, and keeps edits while only looking at Connections', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: SANDBOX.id, users: ALL_USERS });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await makeDirty(user);
    await user.click(screen.getByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: 'Readers' }));
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');

    await user.click(screen.getByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Use ${PRODUCTION.name}` }));
    expect(confirmDialog()).toBeInTheDocument();
    expect(bridge.callsTo('selectConnection')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(bridge.callsTo('selectConnection')).toEqual([{ id: PRODUCTION.id }]));
    expect(await screen.findByTestId('environment-band')).toHaveTextContent('PRODUCTION');
    // A new connection starts with a clean reader screen.
    expect(screen.queryByRole('heading', { name: 'Edit details' })).not.toBeInTheDocument();
  });

  it('"Discard edits" asks, then puts the form back to what ConsCent returned', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await makeDirty(user);
    await user.click(screen.getByRole('button', { name: 'Discard edits' }));
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('9000000001');

    await user.click(screen.getByRole('button', { name: 'Discard edits' }));
    await user.click(within(confirmDialog()).getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
  });

  it('asks the window to confirm closing only while there are unsent edits', async () => {
    const addListener = vi.spyOn(window, 'addEventListener');
    const { user } = await openReader(SHIVAM.userId);
    const fire = () => {
      // BeforeUnloadEvent has no constructor; this is how a page-side test gets a real one.
      const event = document.createEvent('BeforeUnloadEvent');
      event.initEvent('beforeunload', false, true);
      window.dispatchEvent(event);
      return event;
    };
    expect(fire().defaultPrevented).toBe(false);
    await makeDirty(user);
    expect(fire().defaultPrevented).toBe(true);
    // jsdom treats returnValue as the legacy boolean, so check the string on a stand-in
    // event handed to the registered listener.
    const listener = addListener.mock.calls.filter(([type]) => type === 'beforeunload').at(-1)?.[1];
    const standIn = { preventDefault: vi.fn(), returnValue: '' };
    (listener as unknown as (event: typeof standIn) => void)(standIn);
    expect(standIn.preventDefault).toHaveBeenCalled();
    expect(standIn.returnValue).not.toBe('');

    // After a successful send there is nothing to lose any more.
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(screen.getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(fire().defaultPrevented).toBe(false);
    addListener.mockRestore();
  });
});
