import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PolicyView } from '../../common/policy-contract';
import { REVIEW_TITLE, TICKET_LABEL_REQUIRED } from '../../renderer/src/edit/ReviewDialog';
import type { FakeConnection } from './fake-bridge';
import { PRODUCTION, SANDBOX, SHIVAM } from './fixtures';
import { openHistory, openReader, renderApp, seededBridge } from './render-app';

// Issue 21.1: what the organisation's policy fixes is shown "Set by your organisation" and
// not offered for editing (main refuses it anyway, test/node/policy-*.test.ts); a locked
// policy says which file and what is wrong with it.

const MARK = /Set by your organisation/;

const applied = (over: Partial<Extract<PolicyView, { state: 'applied' }>> = {}): PolicyView => ({
  state: 'applied',
  fixed: [],
  connections: [],
  allowOwnConnections: true,
  allowClearHistory: true,
  allowBulk: true,
  allowRevert: true,
  allowProductionWrites: true,
  requireTicket: false,
  ...over,
});

const ACME: FakeConnection = {
  id: 'acme-prod',
  name: 'Acme production',
  environment: 'production',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'acme',
  managed: true,
};
const ACME_SANDBOX: FakeConnection = { ...ACME, id: 'acme-sandbox', name: 'Acme sandbox', environment: 'sandbox', baseUrl: SANDBOX.baseUrl };

describe('the policy’s own connections', () => {
  it('on first start ask only for the default one’s key and secret, then open the reader screen', async () => {
    const bridge = seededBridge({ connections: [ACME, ACME_SANDBOX], activeConnectionId: 'acme-sandbox' });
    bridge.policy = applied({ fixed: ['connections', 'defaultConnection'], connections: ['acme-prod', 'acme-sandbox'] });
    const { user } = renderApp(bridge);
    const form = (await screen.findByRole('heading', { name: 'API key and secret for “Acme sandbox”' })).closest('section')!;
    expect(within(form).getByText(MARK)).toBeInTheDocument();
    // Nothing else of the connection can be typed: its name, URL and Client ID are the policy's.
    expect(within(form).queryByRole('textbox', { name: 'Base URL' })).toBeNull();
    await user.type(within(form).getByLabelText('API key'), 'acme-key');
    await user.type(within(form).getByLabelText('API secret'), 'acme-secret');
    await user.click(within(form).getByRole('button', { name: 'Save key and secret' }));
    expect(bridge.callsTo('savePresetCredentials')).toEqual([{ id: 'acme-sandbox', credentials: { apiKey: 'acme-key', apiSecret: 'acme-secret' } }]);
    expect(await screen.findByLabelText('Find a reader')).toBeInTheDocument();
  });

  it('are marked set by the organisation, with no Edit or Delete; Add connection is not offered when own connections are off', async () => {
    const bridge = seededBridge({ connections: [{ ...ACME, credentials: { apiKey: 'k', apiSecret: 's' } }, SANDBOX], activeConnectionId: 'sandbox' });
    bridge.policy = applied({ fixed: ['connections', 'allowOwnConnections'], connections: ['acme-prod'], allowOwnConnections: false });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    const list = await screen.findByRole('list', { name: 'Saved connections' });
    const [acme, own] = within(list).getAllByRole('listitem');
    expect(within(acme!).getByText(MARK)).toBeInTheDocument();
    expect(within(acme!).queryByRole('button', { name: /Edit|Delete/ })).toBeNull();
    expect(within(acme!).getByRole('button', { name: 'Replace key and secret of Acme production' })).toBeInTheDocument();
    expect(within(own!).queryByText(MARK)).toBeNull();
    expect(within(own!).getByRole('button', { name: `Edit ${SANDBOX.name}` })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add connection' })).toBeNull();
    expect(screen.getByText(/Adding your own connections is turned off/)).toBeInTheDocument();
  });
});

describe('choosing a policy connection without its key', () => {
  it('opens straight on its key and secret form', async () => {
    const bridge = seededBridge({ connections: [SANDBOX, ACME_SANDBOX], activeConnectionId: 'sandbox' });
    bridge.policy = applied({ fixed: ['connections'], connections: ['acme-sandbox'] });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(await screen.findByRole('button', { name: 'Use Acme sandbox' }));
    expect(await screen.findByRole('heading', { name: 'API key and secret for “Acme sandbox”' })).toBeInTheDocument();
  });
});

describe('settings the policy fixes', () => {
  it('History settings: the retention minimum, the name from the template, and no Clear history', async () => {
    const bridge = seededBridge();
    bridge.policy = applied({
      fixed: ['minRetentionDays', 'allowClearHistory', 'displayNameTemplate'],
      minRetentionDays: 400,
      allowClearHistory: false,
      displayName: 'asha (Support, Pune)',
    });
    const { user } = await openHistory(bridge);
    const panel = (await screen.findByRole('heading', { name: 'History settings' })).closest('section')!;
    expect(await within(panel).findByText(/at least 400 days/)).toBeInTheDocument();
    const name = within(panel).getByRole('textbox', { name: 'Your name in the history' });
    expect(name).toHaveValue('asha (Support, Pune)');
    expect(name).toHaveAttribute('readonly');
    const days = within(panel).getByRole('textbox', { name: 'Keep changes for (days)' });
    await user.clear(days);
    await user.type(days, '30');
    expect(within(panel).getByText(/from 400 to/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Save settings' }));
    expect(bridge.callsTo('saveHistorySettings')).toEqual([]);
    expect(within(panel).queryByRole('button', { name: /Clear history/ })).toBeNull();
    expect(within(panel).getByText(/Clearing the change history is turned off/)).toBeInTheDocument();
  });

  it('Bulk: sending is said to be turned off, and Send is not offered', async () => {
    const bridge = seededBridge();
    bridge.policy = applied({ fixed: ['allowBulk'], allowBulk: false });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Bulk' }));
    await screen.findByRole('heading', { name: 'Bulk corrections' });
    expect(await screen.findByText(/Bulk corrections are turned off by your organisation’s policy/)).toBeInTheDocument();
    expect(screen.getByText(MARK)).toBeInTheDocument();
  });

  it('Review: a Production change is refused with the reason, and a required ticket is marked so', async () => {
    const bridge = seededBridge({ connections: [PRODUCTION] });
    bridge.policy = applied({ fixed: ['allowProductionWrites', 'requireTicket'], allowProductionWrites: false, requireTicket: true });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    expect(within(review).getByRole('textbox', { name: TICKET_LABEL_REQUIRED })).toHaveAttribute('aria-required', 'true');
    expect(within(review).getByText(/Changes on Production connections are turned off/)).toBeInTheDocument();
    expect(within(review).getByRole('button', { name: 'Send changes' })).toBeDisabled();
  });

  it('Review: with a required ticket, Send waits for one', async () => {
    const bridge = seededBridge();
    bridge.policy = applied({ fixed: ['requireTicket'], requireTicket: true });
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '9000000001');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: REVIEW_TITLE });
    const send = within(review).getByRole('button', { name: 'Send changes' });
    expect(send).toBeDisabled();
    await user.type(within(review).getByRole('textbox', { name: TICKET_LABEL_REQUIRED }), 'SUP-7');
    expect(send).toBeEnabled();
  });
});

describe('a locked policy', () => {
  it('says the console is locked, which file and its first error, and who to ask; a fixed policy clears it', async () => {
    const bridge = seededBridge();
    bridge.policy = { state: 'locked', path: '/etc/conscent-console/policy.json', firstError: 'allowBulks: Unknown setting' };
    renderApp(bridge);
    const banner = await screen.findByRole('alert', { name: /The console is locked/ });
    expect(within(banner).getByText('/etc/conscent-console/policy.json')).toBeInTheDocument();
    expect(within(banner).getByText('allowBulks: Unknown setting')).toBeInTheDocument();
    expect(within(banner).getByText(/Ask your IT administrator/)).toBeInTheDocument();
    bridge.policy = { state: 'none' };
    act(() => bridge.emitAppEvent({ kind: 'policy-changed' }));
    await screen.findByLabelText('Find a reader');
    await expect.poll(() => screen.queryByRole('alert', { name: /The console is locked/ })).toBeNull();
  });
});
