import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TestConnectionRequest, TestConnectionResult } from '../../common/connections-contract';
import { ok } from '../../common/result';
import { FakeBridge } from './fake-bridge';
import { SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// Issue 13 in the connection form: the proxy choice (System by default, No proxy, a
// manual proxy), an extra trusted certificate shown by who it names, the route and the
// certificate's issuer after Test connection, and proxy sign-in asked for after a 407.

const PEM = ['-----BEGIN CERTIFICATE-----', 'MIIBszCCAVmgAwIBAgIUfake', '-----END CERTIFICATE-----'].join('\n');

/** A bridge whose passing test reports the route and issuer main found. */
class RoutedBridge extends FakeBridge {
  passing: Omit<TestConnectionResult, 'host'> = {
    route: { kind: 'proxy', proxy: 'proxy.corp:8080', scheme: 'http' },
    tlsIssuer: 'Example Corp Inspection Root',
  };
  constructor(...seed: ConstructorParameters<typeof FakeBridge>) {
    super(...seed);
    const test = this.testConnection;
    this.testConnection = async (request) => {
      const answer = await test(request);
      return answer.ok ? ok({ ...answer.value, ...this.passing }) : answer;
    };
  }
}

async function editSandbox(bridge: FakeBridge) {
  const { user } = renderApp(bridge);
  await screen.findByLabelText('Find a reader');
  await user.click(screen.getByRole('button', { name: 'Connections' }));
  await user.click(screen.getByRole('button', { name: `Edit ${SANDBOX.name}` }));
  await screen.findByLabelText('Proxy');
  return user;
}

async function typeCredentials(user: Awaited<ReturnType<typeof editSandbox>>) {
  await user.type(screen.getByLabelText('API key'), 'SANDBOX-KEY');
  await user.type(screen.getByLabelText('API secret'), 'sandbox-secret');
}

describe('the proxy of a connection', () => {
  it('is "System (default)" unless chosen otherwise, and a default connection is saved as before', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const user = await editSandbox(bridge);
    expect(screen.getByLabelText('Proxy')).toHaveValue('system');
    expect(screen.getByLabelText('Proxy')).toHaveAccessibleDescription(expect.stringContaining("this computer's proxy settings"));
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(bridge.callsTo('saveConnection')).toHaveLength(1));
    expect(bridge.callsTo('saveConnection')[0]?.connection).not.toHaveProperty('proxy');
  });

  it('a manual proxy is checked as typed, then saved; No proxy is saved as such', async () => {
    const bridge = new FakeBridge({ connections: [SANDBOX] });
    const user = await editSandbox(bridge);
    await user.selectOptions(screen.getByLabelText('Proxy'), 'manual');
    const address = screen.getByLabelText('Proxy address');
    await user.type(address, 'http://me:pw@proxy.corp:8080');
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveAccessibleDescription(expect.stringContaining('Leave the user name and password out'));
    await user.clear(address);
    await user.type(address, 'proxy.corp:8080');
    expect(address).not.toHaveAttribute('aria-invalid');
    // Another proxy: the stored key and secret are not sent through it (issue 18), so they are typed again.
    await typeCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(bridge.callsTo('saveConnection')).toHaveLength(1));
    expect(bridge.callsTo('saveConnection')[0]?.connection.proxy).toEqual({ mode: 'manual', url: 'proxy.corp:8080' });
    expect(bridge.connections[0]?.proxy).toEqual({ mode: 'manual', url: 'http://proxy.corp:8080' });

    await user.click(screen.getByRole('button', { name: `Edit ${SANDBOX.name}` }));
    expect(await screen.findByLabelText('Proxy address')).toHaveValue('http://proxy.corp:8080');
    await user.selectOptions(screen.getByLabelText('Proxy'), 'none');
    expect(screen.queryByLabelText('Proxy address')).not.toBeInTheDocument();
    await typeCredentials(user);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(bridge.callsTo('saveConnection')).toHaveLength(2));
    expect(bridge.callsTo('saveConnection')[1]?.connection.proxy).toEqual({ mode: 'none' });
  });
});

describe('the extra trusted certificate', () => {
  it('refuses text that is not one PEM certificate, in words that say what to paste', async () => {
    const user = await editSandbox(new FakeBridge({ connections: [SANDBOX] }));
    const field = screen.getByLabelText('Extra trusted certificate (optional)');
    await user.type(field, 'not a certificate');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('-----BEGIN CERTIFICATE-----'));
  });

  it('a saved one is shown by who it names and who issued it; one main cannot read is marked on the field', async () => {
    const bridge = new FakeBridge({
      connections: [
        {
          ...SANDBOX,
          extraCertificate: PEM,
          extraCertificateInfo: { subject: 'Corp Root', issuer: 'Corp Root', validTo: '2031-04-01T00:00:00.000Z' },
        },
      ],
    });
    const user = await editSandbox(bridge);
    const field = screen.getByLabelText('Extra trusted certificate (optional)');
    expect(field).toHaveValue(PEM);
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Trusted now: Corp Root, issued by Corp Root, valid until 1 Apr 2031'));
    bridge.failNext('saveConnection', { kind: 'invalid-input', fields: { 'connection.extraCertificate': 'This certificate could not be read.' } });
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('This certificate could not be read.'));
    expect(field).toHaveValue(PEM);
  });
});

describe('Test connection on a corporate network', () => {
  it('says which way it went and who issued the certificate', async () => {
    const user = await editSandbox(new RoutedBridge({ connections: [SANDBOX] }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Connection works/)).toHaveTextContent(
      'Connected to sandbox-api.conscent.in, through proxy proxy.corp:8080: ConsCent accepted the API key and secret, and the Client ID. Its certificate was issued by Example Corp Inspection Root.',
    );
  });

  it('says "direct" when no proxy was used', async () => {
    const bridge = new RoutedBridge({ connections: [SANDBOX] });
    bridge.passing = { route: { kind: 'direct' } };
    const user = await editSandbox(bridge);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Connection works/)).toHaveTextContent('Connected to sandbox-api.conscent.in, direct (no proxy):');
  });

  it('a proxy that asks for a password gets proxy sign-in fields; the next test sends what was typed', async () => {
    const bridge = new RoutedBridge({ connections: [SANDBOX] });
    const user = await editSandbox(bridge);
    expect(screen.queryByLabelText('Proxy password')).not.toBeInTheDocument();
    bridge.failNext('testConnection', { kind: 'network', reason: 'proxy-auth-required', proxy: 'proxy.corp:8080', host: 'sandbox-api.conscent.in' });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/proxy proxy\.corp:8080 asks for a user name and password/)).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Proxy sign-in for proxy.corp:8080' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Proxy user name'), 'agent7');
    await user.type(screen.getByLabelText('Proxy password'), 'proxy-pass-9f3');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Connection works/)).toBeInTheDocument();
    const sent: TestConnectionRequest[] = bridge.callsTo('testConnection');
    expect(sent.at(-1)?.proxyCredentials).toEqual({ username: 'agent7', password: 'proxy-pass-9f3' });
    expect(sent[0]).not.toHaveProperty('proxyCredentials');
  });
});
