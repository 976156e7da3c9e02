import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NOT_RETURNED_BY_LOOKUP } from '../../renderer/src/reader/ReaderDetails';
import { lookupViewOf } from './fake-bridge';
import { ASHA, RAVI, SANDBOX, SHIVAM } from './fixtures';
import { openReader, renderApp, seededBridge } from './render-app';

// Lookup: what the query was understood as, 0 / 1 / several matches, and the details view.

describe('what the search understood', () => {
  it.each([
    ['681C74B2333E169D16A7E58B', 'Understood as user id 681c74b2333e169d16a7e58b'],
    ['Shivamdubey+kljo@conscent.ai', 'Understood as email shivamdubey+kljo@conscent.ai'],
    ['+91 98100 12345', 'Understood as phone +91 9810012345'],
    ['9810012345', 'Understood as phone 9810012345 (no country code)'],
  ])('reads %s as the right kind', async (query, understood) => {
    const { user } = renderApp();
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, query);
    expect(search).toHaveAccessibleDescription(understood);
  });

  it('shows the parse error and does not search', async () => {
    const { user, bridge } = renderApp();
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, 'abc123{Enter}');
    expect(search).toHaveAttribute('aria-invalid', 'true');
    expect(search).toHaveAccessibleDescription(/A user id is 24 hexadecimal characters; this one has 6\./);
    expect(bridge.callsTo('lookupReader')).toHaveLength(0);
  });
});

describe('lookup results', () => {
  it('opens the only match straight away, focuses its first edit field and announces its name', async () => {
    const { bridge } = await openReader(SHIVAM.email ?? '');
    expect(bridge.callsTo('lookupReader')).toEqual([{ connectionId: SANDBOX.id, query: SHIVAM.email, searchId: 1 }]);
    expect(bridge.callsTo('openReader')).toEqual([{ connectionId: SANDBOX.id, userId: SHIVAM.userId }]);
    expect(screen.getByRole('heading', { name: 'Shivam Dubey' })).toBeInTheDocument();
    // Issue 11: straight to work (the first edit field), the name said in the live region.
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(screen.getByText(`Opened Shivam Dubey found for email ${SHIVAM.email}.`)).toHaveAttribute('role', 'status');
  });

  it('says clearly when no reader matches, and leaves focus in the search box for the next try', async () => {
    const { user, bridge } = renderApp();
    await user.type(await screen.findByLabelText('Find a reader'), 'nobody@example.com{Enter}');
    await screen.findByRole('heading', { name: 'No reader found for email nobody@example.com' });
    expect(screen.getByLabelText('Find a reader')).toHaveFocus();
    expect(screen.getByText(/^No reader found\. Change the search/)).toHaveAttribute('role', 'status');
    expect(bridge.callsTo('openReader')).toHaveLength(0);
  });

  it('lets the agent choose among several matches', async () => {
    const { user, bridge } = renderApp();
    await user.type(await screen.findByLabelText('Find a reader'), '+919810012345{Enter}');
    const heading = await screen.findByRole('heading', { name: '2 readers match phone +91 9810012345' });
    expect(heading).toHaveFocus();
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Asha Verma', 'asha@example.com', ASHA.userId, '0', 'Open'],
      ['Ravi Verma', 'ravi@example.com', RAVI.userId, '2', 'Open'],
    ]);
    expect(bridge.callsTo('openReader')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: `Open Ravi Verma (${RAVI.userId})` }));
    await screen.findByRole('heading', { name: 'Ravi Verma' });
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(bridge.callsTo('openReader')).toEqual([{ connectionId: SANDBOX.id, userId: RAVI.userId }]);
    // The list stays, marking who is open, so another can be chosen.
    expect(within(table).getByText('✓ Open')).toBeInTheDocument();
  });

  it('explains a failed search and retries it in one action', async () => {
    const bridge = seededBridge();
    bridge.failNext('lookupReader', { kind: 'network', host: 'sandbox-api.conscent.in', code: 'EWHATEVER' });
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The request to sandbox-api.conscent.in failed (EWHATEVER).');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Shivam Dubey' })).toBeInTheDocument();
    expect(bridge.callsTo('lookupReader')).toHaveLength(2);
  });

  it('explains a reader that cannot be loaded and retries', async () => {
    const bridge = seededBridge();
    bridge.failNext('openReader', { kind: 'timeout', host: 'sandbox-api.conscent.in', timeoutSeconds: 15 });
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The reader could not be loaded.');
    expect(alert).toHaveTextContent('ConsCent (sandbox-api.conscent.in) did not answer within 15 s.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Shivam Dubey' })).toBeInTheDocument();
  });

  it('handles a bridge call that rejects instead of resolving', async () => {
    const bridge = seededBridge();
    bridge.lookupReader = () => Promise.reject(new Error('IPC channel closed'));
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The search failed.');
    // The bridge broke, not ConsCent: the words must not blame ConsCent.
    expect(alert).toHaveTextContent("The console's background process did not answer.");
    expect(alert).not.toHaveTextContent('ConsCent answered');
  });
});

describe('reader details', () => {
  it('shows what the lookup returned and says what it did not return', async () => {
    await openReader(SHIVAM.userId);
    const details = screen.getByRole('region', { name: 'As ConsCent returned it' });
    const facts = within(details);
    const valueOf = (label: string) => facts.getByText(label, { selector: 'dt' }).nextElementSibling;

    expect(valueOf('Email')).toHaveTextContent(SHIVAM.email ?? '');
    expect(valueOf('Date of birth')).toHaveTextContent('13 May 1990');
    expect(valueOf('Address')).toHaveTextContent('20/41 Rambagh, 282008, Agra, UP, INDIA');
    for (const label of ['Phone', 'Gender', 'Shipping addresses', 'Billing addresses']) {
      expect(valueOf(label)).toHaveTextContent(NOT_RETURNED_BY_LOOKUP);
    }

    const subscriptions = facts.getByRole('table');
    expect(within(subscriptions).getAllByRole('row')[1]).toHaveTextContent('Digital PremiumACTIVE8 May 2025, 10:00 UTC8 May 2026, 10:00 UTC');
  });

  it('starts the edit form empty for fields the lookup did not return', async () => {
    await openReader(SHIVAM.userId);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Shivam Dubey');
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Country code' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Gender' })).toHaveValue('');
    expect(screen.getByLabelText('Date of birth')).toHaveValue('13 May 1990');
    expect(screen.getByRole('textbox', { name: 'Address City' })).toHaveValue('Agra');
    expect(screen.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
  });

  it('shows verification flags in words', async () => {
    const bridge = seededBridge();
    // A lookup that also returns the verification flags (the real one may not).
    bridge.lookupView = (user) => ({ ...lookupViewOf(user), isEmailVerified: false, isPhoneVerified: true });
    await openReader(SHIVAM.userId, bridge);
    expect(screen.getByText('Email not verified')).toBeInTheDocument();
    expect(screen.getByText('Phone verified')).toBeInTheDocument();
  });

  it('says when the verification flags were not returned', async () => {
    await openReader(SHIVAM.userId);
    expect(screen.getByText('Email verification not returned')).toBeInTheDocument();
  });
});
