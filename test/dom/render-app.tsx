import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/App';
import { BridgeProvider } from '../../renderer/src/bridge/bridge-context';
import { FakeBridge, type FakeBridgeSeed } from './fake-bridge';
import { ALL_USERS, SANDBOX } from './fixtures';

// Renders the whole app over a fake bridge, the way main.tsx does over window.conscent.

export function renderApp(bridge: FakeBridge = new FakeBridge({ connections: [SANDBOX], users: ALL_USERS })) {
  const user = userEvent.setup();
  const utils = render(
    <BridgeProvider bridge={bridge}>
      <App />
    </BridgeProvider>,
  );
  return { ...utils, user, bridge };
}

export function seededBridge(seed: FakeBridgeSeed = {}): FakeBridge {
  return new FakeBridge({ connections: [SANDBOX], users: ALL_USERS, ...seed });
}

/** Renders the app with an active connection and opens one reader through the lookup. */
export async function openReader(query: string, bridge: FakeBridge = seededBridge()) {
  const rendered = renderApp(bridge);
  const search = await screen.findByLabelText('Find a reader');
  await rendered.user.type(search, `${query}{Enter}`);
  await screen.findByRole('heading', { name: 'Edit details' });
  await waitFor(() => expect(bridge.callsTo('openReader')).toHaveLength(1));
  return rendered;
}

/** Renders the app and opens the History tab. */
export async function openHistory(bridge = seededBridge()) {
  const rendered = renderApp(bridge);
  await rendered.user.click(await screen.findByRole('button', { name: 'History' }));
  await screen.findByRole('heading', { name: 'Change history' });
  return rendered;
}
