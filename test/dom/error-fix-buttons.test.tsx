// Issue 22.3: an error's button does what its advice says, on the lookup screen: Try again
// sends the same search again, Open connection settings opens the Connections screen
// (the reader screen and its edits stay), and the keychain help opens under the notice.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_HOST } from '../../common/environment-of-host';
import type { BridgeError } from '../../common/result';
import { FIX_ACTIONS, FIX_LABELS, type FixAction } from '../../renderer/src/errors/advice';
import { explainError } from '../../renderer/src/errors/explain-error';
import { PRODUCTION, SHIVAM } from './fixtures';
import { renderApp, seededBridge } from './render-app';

async function searchFails(bridge: ReturnType<typeof seededBridge>) {
  const rendered = renderApp(bridge);
  await rendered.user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
  const alert = await screen.findByRole('alert');
  return { ...rendered, alert };
}

describe('the buttons of an error on the lookup screen', () => {
  it('Try again runs the same search again', async () => {
    const bridge = seededBridge();
    bridge.failNext('lookupReader', { kind: 'network', reason: 'host-not-found', host: 'api.conscnet.example', code: 'ENOTFOUND' });
    const { user, alert } = await searchFails(bridge);
    expect(alert).toHaveTextContent("Check the spelling of the connection's base URL in Connections");
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: SHIVAM.name })).toBeInTheDocument();
    const searches = bridge.callsTo('lookupReader').map(({ connectionId, query }) => ({ connectionId, query }));
    expect(searches).toEqual([searches[0], searches[0]]);
    expect(searches[0]?.query).toBe(SHIVAM.userId);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('Open connection settings opens the Connections screen, and Readers comes back to the search as it was', async () => {
    const bridge = seededBridge();
    bridge.failNext('lookupReader', { kind: 'unauthorized', status: 401, host: 'sandbox-api.conscent.in' });
    const { user, alert } = await searchFails(bridge);
    await user.click(within(alert).getByRole('button', { name: 'Open connection settings' }));
    expect(await screen.findByRole('heading', { name: 'Connections' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connections' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Readers' }));
    expect(screen.getByLabelText('Find a reader')).toHaveValue(SHIVAM.userId);
  });

  it('a name not found on the preset Production host offers Try again, not the spelling of a URL nobody typed', async () => {
    const bridge = seededBridge({ connections: [PRODUCTION] });
    bridge.failNext('lookupReader', { kind: 'network', reason: 'host-not-found', host: PRODUCTION_HOST, code: 'ENOTFOUND' });
    const { alert } = await searchFails(bridge);
    expect(alert).not.toHaveTextContent(/spelling/i);
    expect(alert).toHaveTextContent(/DNS/);
    expect(
      within(alert)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Try again']);
  });

  it('Unlock keychain help shows how to unlock the keychain, under the notice', async () => {
    const bridge = seededBridge();
    bridge.failNext('lookupReader', { kind: 'keychain', reason: 'locked' });
    const { user, alert } = await searchFails(bridge);
    const help = within(alert).getByRole('button', { name: 'Unlock keychain help' });
    expect(help).toHaveAttribute('aria-expanded', 'false');
    expect(within(alert).queryByText(/Unlock Keychain/)).not.toBeVisible();
    await user.click(help);
    expect(help).toHaveAttribute('aria-expanded', 'true');
    expect(within(alert).getByText(/Unlock Keychain/)).toBeVisible();
    // Sending again once it is unlocked stays one click away.
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

/** For each button a message can name: an error of the lookup that names it, and what the click must do. */
const EVERY_FIX: Record<FixAction, { error: BridgeError; done: () => Promise<void> }> = {
  'try-again': {
    error: { kind: 'timeout', host: 'sandbox-api.conscent.in', timeoutSeconds: 15 },
    done: async () => void (await screen.findByRole('heading', { name: SHIVAM.name })),
  },
  refresh: {
    error: { kind: 'history', reason: 'history-entry-missing', entryId: 3 },
    done: async () => void (await screen.findByRole('heading', { name: SHIVAM.name })),
  },
  'open-connection-settings': {
    error: { kind: 'not-configured', reason: 'no-credentials' },
    done: async () => void (await screen.findByRole('heading', { name: 'Connections' })),
  },
  'keychain-help': {
    error: { kind: 'keychain', reason: 'timeout' },
    done: async () => expect(screen.getByRole('button', { name: FIX_LABELS['keychain-help'] })).toHaveAttribute('aria-expanded', 'true'),
  },
};

describe('every button a message can name does its job on the lookup screen', () => {
  it.each(FIX_ACTIONS)('%s', async (fix) => {
    const { error, done } = EVERY_FIX[fix];
    expect(explainError(error, 'lookup').fix).toBe(fix);
    const bridge = seededBridge();
    bridge.failNext('lookupReader', error);
    const { user, alert } = await searchFails(bridge);
    await user.click(within(alert).getByRole('button', { name: FIX_LABELS[fix] }));
    await done();
  });
});
