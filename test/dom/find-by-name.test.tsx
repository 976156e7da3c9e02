import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ASHA, RAVI, SANDBOX } from './fixtures';
import { renderApp, seededBridge } from './render-app';

// Issue 22.5: a name is not something ConsCent can be searched by, so the box says so and
// Enter looks for it among the readers this computer has worked with; the results and the
// no-match text say which search this was and what ConsCent can be searched by.

function withLocalMatches() {
  const bridge = seededBridge();
  bridge.localMatches = {
    readers: [
      { userId: RAVI.userId, name: 'Ravi Verma', email: RAVI.email!, lastWorkedAt: '2026-11-02T09:30:00.000Z', foundIn: ['recent', 'history'] },
      { userId: ASHA.userId, name: 'Asha Verma', email: ASHA.email!, lastWorkedAt: '2026-10-01T12:00:00.000Z', foundIn: ['history'] },
    ],
    total: 2,
  };
  return bridge;
}

describe('finding a reader by name', () => {
  it('says a name is not searched on ConsCent, before Enter', async () => {
    const { user } = renderApp(withLocalMatches());
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, 'verma');
    expect(search).not.toHaveAttribute('aria-invalid');
    expect(search).toHaveAccessibleDescription(
      /which is all ConsCent can be searched by\. Press Enter to look for it among the readers this computer has worked with\./,
    );
  });

  it('lists the readers this computer has worked with, labelled as such, and opens one by user id', async () => {
    const { user, bridge } = renderApp(withLocalMatches());
    await user.type(await screen.findByLabelText('Find a reader'), '  Vérma {Enter}');
    const heading = await screen.findByRole('heading', { name: 'Readers this computer has worked with matching “Vérma”' });
    expect(heading).toHaveFocus();
    expect(bridge.callsTo('findLocalReaders')).toEqual([{ connectionId: SANDBOX.id, text: 'Vérma' }]);
    // Nothing went to ConsCent for a name.
    expect(bridge.callsTo('lookupReader')).toHaveLength(0);
    const panel = heading.closest('section')!;
    expect(panel).toHaveTextContent("This is not ConsCent's search (ConsCent can be searched only by user id, email or phone number)");
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['Ravi Verma', 'Asha Verma']);
    expect(within(rows[0]!).getByText('Recent readers, Change history')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Change history')).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('time')).toHaveAttribute('datetime', '2026-11-02T09:30:00.000Z');

    await user.click(within(rows[1]!).getByRole('button', { name: `Open Asha Verma (${ASHA.userId})` }));
    await screen.findByRole('heading', { name: 'Asha Verma' });
    expect(bridge.callsTo('openReader')).toEqual([{ connectionId: SANDBOX.id, userId: ASHA.userId }]);
    expect(bridge.callsTo('lookupReader')).toHaveLength(0);
  });

  it('says what ConsCent can be searched by when no reader this computer knows matches', async () => {
    const { user, bridge } = renderApp();
    await user.type(await screen.findByLabelText('Find a reader'), 'Priya Sharma{Enter}');
    const heading = await screen.findByRole('heading', { name: 'No reader this computer has worked with matches “Priya Sharma”' });
    const panel = heading.closest('section')!;
    expect(panel).toHaveTextContent(
      'ConsCent can be searched only by user id, email or phone number. Names, and parts of names or emails, are matched only against the readers this computer has worked with',
    );
    expect(screen.getByLabelText('Find a reader')).toHaveFocus();
    expect(screen.getByText(/^No reader this computer has worked with matches “Priya Sharma”\./)).toHaveAttribute('role', 'status');
    expect(bridge.callsTo('lookupReader')).toHaveLength(0);
  });

  it('says how many matched when the list is cut, and which place could not be searched', async () => {
    const bridge = withLocalMatches();
    bridge.localMatches = { ...bridge.localMatches, total: 35, unsearched: ['history'] };
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), 'verma{Enter}');
    const heading = await screen.findByRole('heading', { name: /matching “verma”/ });
    const panel = heading.closest('section')!;
    expect(panel).toHaveTextContent('Showing the 2 worked on most recently of 35; type more to narrow it.');
    expect(panel).toHaveTextContent('The change history could not be read just now, so readers known only there are missing from this search.');
  });

  it('still searches ConsCent for a whole email, and shows a partial user id its own problem', async () => {
    const { user, bridge } = renderApp(withLocalMatches());
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, '681c74{Enter}');
    expect(search).toHaveAttribute('aria-invalid', 'true');
    await user.clear(search);
    await user.type(search, `${ASHA.email}{Enter}`);
    await screen.findByRole('heading', { name: 'Asha Verma' });
    await waitFor(() => expect(bridge.callsTo('lookupReader')).toHaveLength(1));
    expect(bridge.callsTo('findLocalReaders')).toHaveLength(0);
  });

  it('looks for part of an email on this computer', async () => {
    const { user, bridge } = renderApp(withLocalMatches());
    await user.type(await screen.findByLabelText('Find a reader'), 'asha@exa{Enter}');
    await screen.findByRole('heading', { name: /matching “asha@exa”/ });
    expect(bridge.callsTo('findLocalReaders')).toEqual([{ connectionId: SANDBOX.id, text: 'asha@exa' }]);
  });
});
