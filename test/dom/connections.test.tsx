import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_PRESETS } from '../../common/environments';
import { FakeBridge } from './fake-bridge';
import { PRODUCTION, SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// First run, create / edit / test / switch / delete connections.

const TYPED_SECRET = 'typed-Secret-9f8e7d';
const TYPED_KEY = 'TYPED-KEY-123';

async function fillNewConnection(user: ReturnType<typeof renderApp>['user'], name = 'My sandbox') {
  await user.type(screen.getByLabelText('Connection name'), name);
  await user.type(screen.getByLabelText('Client ID'), 'client-42');
  await user.type(screen.getByLabelText('API key'), TYPED_KEY);
  await user.type(screen.getByLabelText('API secret'), TYPED_SECRET);
}

function secretIsNowhere(secret: string) {
  expect(document.body.innerHTML).not.toContain(secret);
  expect(document.body.textContent).not.toContain(secret);
  for (const input of Array.from(document.querySelectorAll('input'))) expect(input.value).not.toBe(secret);
}

describe('first run', () => {
  it('shows the connection form when no connection exists', async () => {
    renderApp(new FakeBridge());
    expect(await screen.findByRole('heading', { name: 'New connection' })).toBeInTheDocument();
    expect(screen.getByText(/No connection is set up yet/)).toBeInTheDocument();
    expect(screen.getByText('No connection selected')).toBeInTheDocument();
    // Nothing to go back to on first run.
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Find a reader')).not.toBeInTheDocument();
  });

  it('saves the first connection, makes it active and never puts the secret back into the page', async () => {
    const bridge = new FakeBridge();
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Connection name');
    await fillNewConnection(user);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));

    await screen.findByLabelText('Find a reader');
    expect(bridge.callsTo('saveConnection')).toEqual([
      {
        connection: { name: 'My sandbox', environment: 'sandbox', baseUrl: ENVIRONMENT_PRESETS.sandbox.baseUrl, clientId: 'client-42' },
        credentials: { apiKey: TYPED_KEY, apiSecret: TYPED_SECRET },
      },
    ]);
    expect(bridge.callsTo('selectConnection')).toEqual([{ id: 'my-sandbox' }]);
    expect(screen.getByText('My sandbox', { selector: 'strong' })).toBeInTheDocument();
    secretIsNowhere(TYPED_SECRET);
    secretIsNowhere(TYPED_KEY);

    // The connections list says where the credentials are, never what they are.
    await user.click(screen.getByRole('button', { name: 'Connections' }));
    expect(screen.getByText('Stored in the system keychain')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit My sandbox' }));
    expect(screen.getByLabelText('API key')).toHaveValue('');
    expect(screen.getByLabelText('API secret')).toHaveValue('');
    expect(screen.getAllByText(/Stored in the system keychain/).length).toBeGreaterThan(0);
    secretIsNowhere(TYPED_SECRET);
  });

  it('validates with the contract schema as the agent types (https only, except loopback)', async () => {
    const { user } = renderApp(new FakeBridge());
    const environment = await screen.findByLabelText('Environment');
    await user.selectOptions(environment, 'custom');
    const baseUrl = screen.getByLabelText('Base URL');
    await user.clear(baseUrl);
    await user.type(baseUrl, 'http://api.example.com/v1');
    expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/must use https:\/\//)).toBeInTheDocument();
    expect(baseUrl).toHaveAccessibleDescription(expect.stringContaining('must use https://'));

    await user.clear(baseUrl);
    await user.type(baseUrl, 'http://127.0.0.1:4010/api/v1');
    expect(baseUrl).not.toHaveAttribute('aria-invalid');
  });

  it('fills the base URL from the preset and only lets Custom type it', async () => {
    const { user } = renderApp(new FakeBridge());
    const environment = await screen.findByLabelText('Environment');
    const baseUrl = screen.getByLabelText('Base URL');
    expect(baseUrl).toHaveValue(ENVIRONMENT_PRESETS.sandbox.baseUrl);
    expect(baseUrl).toHaveAttribute('readonly');
    await user.selectOptions(environment, 'production');
    expect(baseUrl).toHaveValue(ENVIRONMENT_PRESETS.production.baseUrl);
    await user.selectOptions(environment, 'custom');
    expect(baseUrl).not.toHaveAttribute('readonly');
    expect(baseUrl).toHaveValue(ENVIRONMENT_PRESETS.production.baseUrl);
  });

  it('requires the API key and secret for a new connection', async () => {
    const bridge = new FakeBridge();
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Connection name'), 'X');
    await user.type(screen.getByLabelText('Client ID'), 'c1');
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(await screen.findByText('Enter the API key.')).toBeInTheDocument();
    expect(screen.getByText('Enter the API secret.')).toBeInTheDocument();
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);
  });

  it('shows a keychain error from saveConnection and keeps everything typed', async () => {
    const bridge = new FakeBridge();
    bridge.failNext('saveConnection', {
      kind: 'keychain',
      reason: 'locked',
    });
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Connection name');
    await fillNewConnection(user);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The connection was not saved.');
    expect(alert).toHaveTextContent('The keychain is locked.');
    expect(alert).toHaveTextContent("Unlock it (log in again, or open 'Passwords and Keys') and try again");
    expect(screen.getByLabelText('Connection name')).toHaveValue('My sandbox');
    expect(screen.getByLabelText('Client ID')).toHaveValue('client-42');
    expect(screen.getByLabelText('API key')).toHaveValue(TYPED_KEY);
    expect(screen.getByLabelText('API secret')).toHaveValue(TYPED_SECRET);

    // Saving again works without retyping anything.
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByLabelText('Find a reader');
    expect(bridge.callsTo('saveConnection')).toHaveLength(2);
  });

  it('maps invalid-input fields from main onto the form fields', async () => {
    const bridge = new FakeBridge();
    bridge.failNext('saveConnection', {
      kind: 'invalid-input',
      fields: { 'connection.clientId': 'ConsCent does not know this Client ID.' },
    });
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Connection name');
    await fillNewConnection(user);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(await screen.findByText('ConsCent does not know this Client ID.')).toBeInTheDocument();
    expect(screen.getByLabelText('Client ID')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a recovered settings file prominently', async () => {
    renderApp(
      new FakeBridge({
        recovered: { reason: 'not-json', movedTo: '/tmp/settings.broken.json' },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The settings file was damaged (not valid JSON). It was kept as /tmp/settings.broken.json');
    expect(alert).toHaveTextContent('/tmp/settings.broken.json');
  });
});

describe('test connection', () => {
  it('tests the values in the form before saving and shows the answer', async () => {
    const bridge = new FakeBridge();
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Connection name');
    await fillNewConnection(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(
      await screen.findByText(
        `Connection works. Connected to ${new URL(ENVIRONMENT_PRESETS.sandbox.baseUrl).host}: ConsCent accepted the API key and secret, and the Client ID.`,
      ),
    ).toBeInTheDocument();
    expect(bridge.callsTo('testConnection')).toEqual([
      {
        connection: { name: 'My sandbox', environment: 'sandbox', baseUrl: ENVIRONMENT_PRESETS.sandbox.baseUrl, clientId: 'client-42' },
        credentials: { apiKey: TYPED_KEY, apiSecret: TYPED_SECRET },
      },
    ]);
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);
  });

  it('explains a failed test and keeps the form as it was', async () => {
    const bridge = new FakeBridge();
    bridge.failNext('testConnection', { kind: 'unauthorized', status: 401 });
    const { user } = renderApp(bridge);
    await screen.findByLabelText('Connection name');
    await fillNewConnection(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Connection test failed.');
    // Said once, and on this form: copy them again (not "check them in Connections").
    expect(alert).toHaveTextContent('ConsCent rejected the API key or secret.');
    expect(alert).toHaveTextContent('Copy them again from the ConsCent dashboard (Integrations page).');
    expect(alert).not.toHaveTextContent(/Check them in Connections|Details:/);
    expect(screen.getByLabelText('API secret')).toHaveValue(TYPED_SECRET);
  });

  it('tests an existing connection with its stored credentials when none are typed', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Edit ${SANDBOX.name}` }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connection works/);
    expect(bridge.callsTo('testConnection')).toEqual([
      {
        id: SANDBOX.id,
        connection: { name: SANDBOX.name, environment: 'sandbox', baseUrl: SANDBOX.baseUrl, clientId: SANDBOX.clientId },
      },
    ]);
  });
});

describe('editing, switching and deleting connections', () => {
  it('keeps the stored credentials when the key and secret are left empty', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Edit ${SANDBOX.name}` }));
    const name = screen.getByLabelText('Connection name');
    await user.clear(name);
    await user.type(name, 'Renamed sandbox');
    await user.click(screen.getByRole('button', { name: 'Save connection' }));

    expect(await screen.findByText(/Connection “Renamed sandbox” saved/)).toBeInTheDocument();
    expect(bridge.callsTo('saveConnection')).toEqual([
      { id: SANDBOX.id, connection: { name: 'Renamed sandbox', environment: 'sandbox', baseUrl: SANDBOX.baseUrl, clientId: SANDBOX.clientId } },
    ]);
    expect(bridge.connections[0]?.credentials).toEqual(SANDBOX.credentials);
  });

  it('asks for both key and secret to replace stored credentials', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Edit ${SANDBOX.name}` }));
    await user.type(screen.getByLabelText('API secret'), 'only-the-secret');
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(await screen.findByText(/enter both the API key and the API secret/)).toBeInTheDocument();
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);
  });

  it('switches the active connection', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: SANDBOX.id });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Use ${PRODUCTION.name}` }));
    await screen.findByLabelText('Find a reader');
    expect(bridge.callsTo('selectConnection')).toEqual([{ id: PRODUCTION.id }]);
    expect(screen.getByTestId('environment-band')).toHaveTextContent('PRODUCTION — changes affect real readers');
  });

  it('deletes a connection only after confirmation', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: SANDBOX.id });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));

    await user.click(screen.getByRole('button', { name: `Delete ${PRODUCTION.name}` }));
    const dialog = screen.getByRole('alertdialog', { name: `Delete connection “${PRODUCTION.name}”?` });
    expect(within(dialog).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(bridge.callsTo('deleteConnection')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: `Delete ${PRODUCTION.name}` }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    expect(await screen.findByText(/Connection “Publisher live” deleted/)).toBeInTheDocument();
    expect(bridge.callsTo('deleteConnection')).toEqual([{ id: PRODUCTION.id }]);
    const list = screen.getByRole('list', { name: 'Saved connections' });
    expect(within(list).queryByText(PRODUCTION.name)).not.toBeInTheDocument();
  });

  it('shows the connection form again after deleting the last connection', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    await user.click(screen.getByRole('button', { name: `Delete ${SANDBOX.name}` }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'New connection' })).toBeInTheDocument());
  });
});
