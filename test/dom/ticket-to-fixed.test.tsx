import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ASHA, PRODUCTION, SANDBOX, SHIVAM } from './fixtures';
import { openReader, renderApp, seededBridge } from './render-app';

// Issue 11, in the page: links from tickets, smart paste, recent readers, refresh, copy,
// the connection switcher, the shortcuts and their help dialog.

const searchBox = () => screen.getByLabelText('Find a reader');

describe('a conscent-console:// link', () => {
  it('looks the reader up on the active connection: the box shows the value, the reader opens', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'email', value: SHIVAM.email ?? '' } }));
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    expect(searchBox()).toHaveValue(SHIVAM.email);
    expect(bridge.callsTo('lookupReader')).toMatchObject([{ connectionId: SANDBOX.id, query: SHIVAM.email }]);
    expect(bridge.callsTo('updateReader')).toEqual([]);
  });

  it('asks first when there are unsent edits, and looks nothing up on "Keep editing"', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'userId', value: ASHA.userId } }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
    expect(screen.getByLabelText('Phone number')).toHaveValue('9876543210');
  });

  // To a Production connection it asks first: test/dom/link-guards.test.tsx.
  it('switches to the connection it names, and says so on screen', async () => {
    const bridge = seededBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: PRODUCTION.id });
    renderApp(bridge);
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'userId', value: SHIVAM.userId, connection: 'publisher SANDBOX' } }));
    await screen.findByText('Switched to the connection “Publisher sandbox” (Sandbox) because the link asked for it.');
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    expect(bridge.callsTo('selectConnection')).toEqual([{ id: SANDBOX.id }]);
    expect(bridge.callsTo('lookupReader')).toMatchObject([{ connectionId: SANDBOX.id, query: SHIVAM.userId }]);
  });

  it('naming a connection that does not exist: says so, switches nothing, looks nothing up', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'open-link', link: { kind: 'userId', value: SHIVAM.userId, connection: 'Elsewhere' } }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A link asked for the connection “Elsewhere”, which does not exist on this computer. Nothing was looked up.',
    );
    expect(bridge.callsTo('selectConnection')).toEqual([]);
    expect(bridge.callsTo('lookupReader')).toEqual([]);
  });

  it('a link main refused is said, with why, and nothing happens', async () => {
    const { bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    act(() => bridge.emitAppEvent({ kind: 'link-refused', reason: 'unknown-parameter', parameter: 'name' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A link could not be opened: it carries something a link cannot do here; links only look a reader up. (“name”) Nothing was looked up or changed.',
    );
    expect(bridge.callsTo('lookupReader')).toEqual([]);
  });
});

describe('smart paste', () => {
  it('finds the email in a pasted ticket line, says so, and searches for the email alone', async () => {
    const { user, bridge } = renderApp();
    await screen.findByLabelText('Find a reader');
    await user.click(searchBox());
    await user.paste(`Hi, this is Shivam (${SHIVAM.email}), please update my phone`);
    expect(searchBox()).toHaveAccessibleDescription(`Understood as email ${SHIVAM.email}, found in the pasted text. Press Enter to search for it.`);
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    expect(bridge.callsTo('lookupReader')).toMatchObject([{ query: SHIVAM.email }]);
  });
});

describe('keyboard', () => {
  it('the search box has focus when the console opens', async () => {
    renderApp();
    await waitFor(() => expect(searchBox()).toHaveFocus());
  });

  it('Ctrl+K and Ctrl+F go back to the search box from the form, and from another screen', async () => {
    const { user } = await openReader(SHIVAM.userId);
    expect(screen.getByLabelText('Name')).toHaveFocus();
    await user.keyboard('{Control>}k{/Control}');
    expect(searchBox()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'History' }));
    await user.keyboard('{Control>}f{/Control}');
    await waitFor(() => expect(searchBox()).toHaveFocus());
  });

  it('Ctrl+Enter reviews, Ctrl+Enter in the review sends', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('dialog', { name: 'Review changes before sending' });
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(bridge.callsTo('updateReader')).toMatchObject([{ userId: SHIVAM.userId, changes: { phone: '9876543210' } }]);
  });

  it('the menu commands reach the page: Review Changes and Refresh Reader', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    act(() => bridge.emitAppEvent({ kind: 'command', command: 'review' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes before sending' });
    await user.click(within(review).getByRole('button', { name: 'Back to editing' }));
    await user.click(screen.getByRole('button', { name: 'Discard edits' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    act(() => bridge.emitAppEvent({ kind: 'command', command: 'refresh-reader' }));
    await waitFor(() => expect(bridge.callsTo('openReader')).toHaveLength(2));
  });

  it('"?" opens the shortcuts, Escape closes them and gives focus back', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.click(screen.getByRole('heading', { name: 'Shivam Dubey' }));
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('row', { name: /Go to the search box/ })).toHaveTextContent('Ctrl+K or Ctrl+F');
    expect(within(dialog).getByRole('row', { name: /Send the changes/ })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('"?" typed in a field is just a character', async () => {
    const { user } = renderApp();
    await screen.findByLabelText('Find a reader');
    await user.type(searchBox(), 'what?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('recent readers', () => {
  it('lists the readers opened, ↓ from the search box reaches them, Enter opens one, Clear forgets them', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard(`${ASHA.userId}{Enter}`);
    await screen.findByRole('heading', { name: 'Asha Verma' });
    const recent = await screen.findByRole('region', { name: 'Recent' });
    await waitFor(() =>
      expect(
        within(recent)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual(['Asha Verma', 'Shivam Dubey', 'Clear']),
    );

    await user.keyboard('{Control>}k{/Control}{ArrowDown}');
    expect(within(recent).getByRole('button', { name: 'Asha Verma' })).toHaveFocus();
    await user.keyboard('{ArrowRight}{Enter}');
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    expect(bridge.callsTo('openReader').at(-1)).toEqual({ connectionId: SANDBOX.id, userId: SHIVAM.userId });

    await user.click(within(recent).getByRole('button', { name: 'Clear recent readers' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Asha Verma' })).not.toBeInTheDocument());
    expect(bridge.callsTo('clearRecentReaders')).toEqual([{ connectionId: SANDBOX.id }]);
  });
});

describe('the opened reader', () => {
  it('copies a link to this reader that opens it again by user id on this connection', async () => {
    const { user } = await openReader(SHIVAM.userId);
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link to this reader' }));
    expect(writeText).toHaveBeenCalledWith(`conscent-console://reader?userId=${SHIVAM.userId}&connection=Publisher+sandbox`);
    await screen.findByText('Copied the link to this reader.');
    await user.click(screen.getByRole('button', { name: 'Copy email' }));
    expect(writeText).toHaveBeenLastCalledWith(SHIVAM.email);
  });

  it('highlights changed sections in words and counts them in the action bar', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    expect(screen.getAllByText('· changed')).toHaveLength(1);
    expect(screen.getByText('· changed').closest('fieldset')).toHaveClass('is-changed');
    expect(screen.getByText('· changed').closest('legend')).toHaveTextContent(/^Phone/);
    expect(screen.getByText('1 field changed')).toBeInTheDocument();
  });
});

describe('the connection switcher in the header', () => {
  it('switches connection, asking first about unsent edits', async () => {
    const bridge = seededBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: SANDBOX.id });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    await user.selectOptions(screen.getByLabelText('Connection:'), PRODUCTION.id);
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    expect(bridge.callsTo('selectConnection')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(bridge.callsTo('selectConnection')).toEqual([{ id: PRODUCTION.id }]));
  });
});
