import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TeamLogStatus } from '../../common/audit-contract';
import { openHistory, renderApp, seededBridge } from './render-app';

// Issue 20.5: the header says how forwarding to the team log is going (and nothing when it
// is not configured); History → Team log says it in full and sends a test event.

const DELIVERED: TeamLogStatus = { state: 'delivered', waiting: 0, capacity: 100_000, filling: false, full: false, dropped: 0 };
const UNREACHABLE: TeamLogStatus = {
  ...DELIVERED,
  state: 'unreachable',
  waiting: 12,
  unreachableSince: '2025-12-08T12:02:00.000Z',
  problem: { reason: 'refused' },
};

describe('the team log', () => {
  it('not configured: nothing in the header, no panel in History', async () => {
    const bridge = seededBridge();
    await openHistory(bridge);
    await screen.findByRole('heading', { name: 'History settings' });
    expect(screen.queryByText(/Team log/)).toBeNull();
  });

  it('delivered: one quiet line in the header, naming the collector on hover', async () => {
    const bridge = seededBridge();
    bridge.teamLog = { configured: true, collector: 'logs.example.com:6514', tls: true, status: DELIVERED };
    renderApp(bridge);
    const line = await within(await screen.findByRole('banner')).findByText('Team log: delivered');
    expect(line).toHaveAttribute('title', 'Forwarding to logs.example.com:6514 over TLS');
  });

  it('unreachable: the header says since when; History says why and what to do, and sends a test event', async () => {
    const bridge = seededBridge();
    bridge.teamLog = { configured: true, collector: 'logs.example.com:6514', tls: true, status: UNREACHABLE };
    bridge.teamLogTestDelivers = false;
    const { user } = await openHistory(bridge);
    expect(await within(screen.getByRole('banner')).findByText(/^Team log: unreachable since 8 Dec 2025, 12:02/)).toBeInTheDocument();
    const panel = (await screen.findByRole('heading', { name: 'Team log' })).closest('section')!;
    expect(panel).toHaveTextContent(
      /the collector logs\.example\.com:6514 cannot be reached \(nothing is listening at its address\) since 8 Dec 2025, 12:02 .*12 waiting\. Ask your IT team to check the collector\./,
    );
    await user.click(within(panel).getByRole('button', { name: 'Send a test event' }));
    expect(await within(panel).findByText('The test event is waiting: logs.example.com:6514 has not taken it yet.')).toBeInTheDocument();
    expect(bridge.callsTo('sendTeamLogTestEvent')).toHaveLength(1);
  });
});
