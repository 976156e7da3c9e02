import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { DEMO } from './fixtures';
import { renderApp } from './render-app';

// Issue 18 item 1 in the Connections form: stored credentials follow the proxy and extra
// certificate they were saved with, so changing either makes the key and secret required
// (and says why) before anything is tested or saved.

const SOME_CA = '-----BEGIN CERTIFICATE-----\nMIIBnew\n-----END CERTIFICATE-----';

async function editDemo(bridge: FakeBridge) {
  const rendered = renderApp(bridge);
  await rendered.user.click(await screen.findByRole('button', { name: 'Connections' }));
  await rendered.user.click(screen.getByRole('button', { name: `Edit ${DEMO.name}` }));
  return rendered;
}

describe('changing the proxy or certificate of a connection with stored credentials', () => {
  it('makes the key and secret required, says why, and neither tests nor saves without them', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    const { user } = await editDemo(bridge);
    const keyField = screen.getByLabelText('API key');
    expect(keyField).toHaveAccessibleDescription(/Leave empty to keep the stored API key/);

    await user.selectOptions(screen.getByLabelText('Proxy'), 'manual');
    await user.type(screen.getByLabelText('Proxy address'), 'http://proxy.corp.test:3128');
    expect(keyField).toHaveAttribute('aria-required', 'true');
    expect(keyField).toHaveAccessibleDescription(
      /Required: the proxy or extra trusted certificate changed\. The stored API key is only ever sent the way it was saved with/,
    );

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(
      await screen.findByText('Enter the API key again: the stored one is only sent with the proxy and certificate it was saved with.'),
    ).toBeInTheDocument();
    expect(bridge.callsTo('testConnection')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(bridge.callsTo('saveConnection')).toHaveLength(0);

    await user.type(keyField, 'NEW-KEY');
    await user.type(screen.getByLabelText('API secret'), 'new-secret');
    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/Connection “Demo \(local simulator\)” saved/);
    expect(bridge.callsTo('saveConnection')[0]).toMatchObject({
      connection: { proxy: { mode: 'manual', url: 'http://proxy.corp.test:3128' } },
      credentials: { apiKey: 'NEW-KEY', apiSecret: 'new-secret' },
    });
  });

  it('an extra certificate pasted in counts as a change too; taking it out again does not', async () => {
    const bridge = new FakeBridge({ connections: [DEMO] });
    await editDemo(bridge);
    const certificate = screen.getByLabelText('Extra trusted certificate (optional)');
    fireEvent.change(certificate, { target: { value: SOME_CA } });
    expect(await screen.findAllByText(/Required: the proxy or extra trusted certificate changed/)).toHaveLength(2);
    fireEvent.change(certificate, { target: { value: '' } });
    expect(screen.getByLabelText('API secret')).toHaveAccessibleDescription(/Leave empty to keep the stored API secret/);
  });
});
