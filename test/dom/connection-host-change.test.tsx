import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { DEMO, SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// Issue #8 items 2 and 4 in the Connections form: a saved connection moved to another
// host needs its key and secret again (and says why), and a refused Client ID from Test
// connection is marked on the Client ID field.

async function editConnection(bridge: FakeBridge, name: string) {
  const rendered = renderApp(bridge);
  await rendered.user.click(await screen.findByRole('button', { name: 'Connections' }));
  await rendered.user.click(screen.getByRole('button', { name: `Edit ${name}` }));
  return rendered;
}

describe('changing the host of a saved connection', () => {
  it('makes the key and secret required, says why, and does not save without them', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    const { user } = await editConnection(bridge, DEMO.name);
    const baseUrl = screen.getByLabelText('Base URL');
    await user.clear(baseUrl);
    await user.type(baseUrl, 'https://api.partner.test/v1');

    // The hint changes as soon as the origin does: no guessing what "leave empty" means now.
    const keyField = screen.getByLabelText('API key');
    expect(keyField).toHaveAttribute('aria-required', 'true');
    expect(keyField).toHaveAccessibleDescription(
      /Required: the base URL now points at https:\/\/api\.partner\.test\..*only ever sent to http:\/\/127\.0\.0\.1:4010/,
    );

    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(
      await screen.findByText(/Enter the API key for https:\/\/api\.partner\.test: the stored one is only sent to http:\/\/127\.0\.0\.1:4010/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Enter the API secret for https:\/\/api\.partner\.test/)).toBeInTheDocument();
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(bridge.callsTo('testConnection')).toHaveLength(0);

    await user.type(keyField, 'PARTNER-KEY');
    await user.type(screen.getByLabelText('API secret'), 'partner-secret');
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/Connection “Demo \(local simulator\)” saved/);
    expect(bridge.callsTo('saveConnection')).toEqual([
      {
        id: DEMO.id,
        connection: { name: DEMO.name, environment: 'custom', baseUrl: 'https://api.partner.test/v1', clientId: DEMO.clientId },
        credentials: { apiKey: 'PARTNER-KEY', apiSecret: 'partner-secret' },
      },
    ]);
  });

  it('switching the preset to another host asks for the key and secret of that host', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const { user } = await editConnection(bridge, SANDBOX.name);
    await user.selectOptions(screen.getByLabelText('Environment'), 'production');
    expect(screen.getByLabelText('API secret')).toHaveAccessibleDescription(/Required: the base URL now points at https:\/\/api\.conscent\.in/);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(await screen.findByText(/Enter the API key for https:\/\/api\.conscent\.in/)).toBeInTheDocument();
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);
  });

  it('changing only the path keeps "leave empty to keep the stored key"', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    const { user } = await editConnection(bridge, DEMO.name);
    const baseUrl = screen.getByLabelText('Base URL');
    await user.clear(baseUrl);
    await user.type(baseUrl, 'http://127.0.0.1:4010/api/v2');
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/Leave empty to keep the stored API key/);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/saved/);
    expect(bridge.callsTo('saveConnection')[0]).not.toHaveProperty('credentials');
  });

  it('marks the key and secret when main refuses stored credentials for a new host', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    bridge.failNext('testConnection', {
      kind: 'invalid-input',
      reason: 'credentials-elsewhere',
      boundOrigin: 'http://127.0.0.1:4010',
      targetOrigin: 'http://localhost:4010',
    });
    const { user } = await editConnection(bridge, DEMO.name);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(
      await screen.findByText('Enter the API key for http://localhost:4010: the stored one is only sent to http://127.0.0.1:4010.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('API secret')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('Test connection and a refused Client ID', () => {
  it('marks the Client ID field and says to copy it again', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    bridge.failNext('testConnection', {
      kind: 'invalid-input',
      reason: 'client-id-refused',
      status: 400,
      apiMessage: 'Invalid clientId',
    });
    const { user } = await editConnection(bridge, DEMO.name);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Connection test failed.');
    expect(alert).toHaveTextContent(/ConsCent refused this connection's Client ID.*\. Correct the Client ID marked below/);
    expect(screen.queryByText(/Connection works/)).not.toBeInTheDocument();
    const clientId = screen.getByLabelText('Client ID');
    expect(clientId).toHaveAttribute('aria-invalid', 'true');
    expect(clientId).toHaveAccessibleDescription(/did not accept this Client ID/);
    expect(clientId).toHaveValue(DEMO.clientId);
    expect(within(alert).queryByText(/internet/)).not.toBeInTheDocument();
  });
});
