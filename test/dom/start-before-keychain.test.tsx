import { act, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import type { OperationName } from '../../common/channels';
import { FakeBridge } from './fake-bridge';
import { ALL_USERS, SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// Issue 23.1: the first paint does not wait for the keychain. The header and the search box
// come from the settings file; the keychain's answer (here: it is locked) arrives after and
// still shows, as it does when the keychain locks while the console runs.

/** A fake whose keychain is locked: the full list of connections says so, as main's does. */
class LockedKeychain extends FakeBridge {
  protected override answers() {
    const answers = super.answers();
    return {
      ...answers,
      listConnections: (request: undefined) => {
        const result = answers.listConnections(request);
        return result.ok
          ? { ok: true as const, value: { ...result.value, keychainProblem: { kind: 'keychain' as const, reason: 'locked' as const } } }
          : result;
      },
    };
  }
}

const seeded = () => new LockedKeychain({ connections: [SANDBOX], users: ALL_USERS });
const held = (bridge: FakeBridge, op: OperationName) => bridge.holdNext(op);

it('shows the search box while the keychain has not answered, then says the keychain is locked', async () => {
  const bridge = seeded();
  const keychain = held(bridge, 'listConnections');
  renderApp(bridge);
  expect(await screen.findByLabelText('Find a reader')).toBeInTheDocument();
  expect(screen.getAllByText(SANDBOX.name).length).toBeGreaterThan(0);
  expect(screen.queryByText(/keychain cannot be used/)).not.toBeInTheDocument();

  act(() => keychain.release());
  expect(await screen.findByText(/The system keychain cannot be used right now\./)).toBeInTheDocument();
  expect(screen.getByLabelText('Find a reader')).toBeInTheDocument();
});

it('does not claim on the Connections screen that a key is missing before the keychain answered', async () => {
  const bridge = new FakeBridge({ connections: [SANDBOX], users: ALL_USERS });
  const keychain = held(bridge, 'listConnections');
  const { user } = renderApp(bridge);
  await user.click(await screen.findByRole('button', { name: 'Connections' }));
  expect(screen.getByText(/Asking the keychain/)).toBeInTheDocument();
  expect(screen.queryByText(/not stored/i)).not.toBeInTheDocument();

  act(() => keychain.release());
  expect(await screen.findByRole('heading', { name: 'Connections' })).toBeInTheDocument();
  expect(screen.queryByText(/Asking the keychain/)).not.toBeInTheDocument();
});
