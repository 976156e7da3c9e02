import { screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { renderApp, seededBridge } from './render-app';

// Issue 17.6: main found recent-readers.json damaged at start and moved it aside instead of
// reading it as empty and writing over it. The agent is told what is gone and where it is.

it('says the recent readers could not be read, that the list starts empty, and where the old file is', async () => {
  const bridge = seededBridge();
  const movedTo = '/home/agent/.config/ConsCent Console/recent-readers.json.2026-12-03T10-00-00-000Z.bad';
  bridge.recentRecovered = { reason: 'not-json', movedTo };
  const { user } = renderApp(bridge);
  const notice = await screen.findByText(/The list of recent readers was damaged \(not valid JSON\), so it starts empty\./);
  expect(notice).toHaveTextContent(`The old file was kept as ${movedTo}; nothing was written over it.`);
  await user.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByText(/The list of recent readers was damaged/)).not.toBeInTheDocument();
}, 20_000);
