import { render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SubscriptionsTable } from '../../renderer/src/reader/SubscriptionsTable';
import { dayTextToIso, formatDay, localDayBounds, localTime, normaliseDayText, utcTime } from '../../renderer/src/format/times';
import { openHistory, openReader, renderApp, seededBridge } from './render-app';
import { SHIVAM } from './fixtures';

// Issue 22 item 2: times in the agent's own zone with its name, UTC on hover, and a date of
// birth that stays the same calendar day wherever the agent is. Node applies a new
// process.env.TZ (set by vi.stubEnv) at once, so each block runs in its zone (setup.ts starts every file in UTC).

function inZone(zone: string) {
  vi.stubEnv('TZ', zone);
}
afterAll(() => inZone('UTC'));

describe.each([
  {
    zone: 'Asia/Kolkata',
    winter: '3 Dec 2026, 21:42 IST',
    summer: '1 Jul 2026, 15:30 IST',
    purchased: '8 May 2025, 15:30 IST',
    bounds: { from: '2025-11-11T18:30:00.000Z', to: '2025-11-12T18:29:59.999Z' },
  },
  {
    zone: 'America/New_York',
    winter: '3 Dec 2026, 11:12 EST',
    summer: '1 Jul 2026, 06:00 EDT',
    purchased: '8 May 2025, 06:00 EDT',
    bounds: { from: '2025-11-12T05:00:00.000Z', to: '2025-11-13T04:59:59.999Z' },
  },
])('with TZ=$zone', ({ zone, winter, summer, purchased, bounds }) => {
  it('shows a moment in the local zone, named, and the UTC minute for the hover', () => {
    inZone(zone);
    expect(localTime('2026-12-03T16:12:00.000Z')).toBe(winter);
    expect(localTime('2026-07-01T10:00:00.000Z')).toBe(summer);
    expect(utcTime('2026-12-03T16:12:00.000Z')).toBe('2026-12-03 16:12 UTC');
    expect(localTime('not a date')).toBe('not a date');
    expect(localTime(null)).toBeNull();
  });

  it('keeps a date of birth on its calendar day (stored as midnight UTC)', () => {
    inZone(zone);
    expect(formatDay('1990-05-13T00:00:00.000Z')).toBe('13 May 1990');
    expect(dayTextToIso('13 May 1990')).toBe('1990-05-13T00:00:00.000Z');
  });

  it('filters History by the agent’s own calendar days', () => {
    inZone(zone);
    expect(localDayBounds('2025-11-12', '2025-11-12')).toEqual(bounds);
  });

  it('the History filter takes days typed as dates are shown, as the agent’s own calendar days', async () => {
    inZone(zone);
    const { user, bridge } = await openHistory();
    await user.type(screen.getByLabelText('From'), '12 Nov 2025');
    await user.type(screen.getByLabelText('To'), '12/11/2025');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(bridge.callsTo('listHistory').at(-1)?.filter).toEqual(bounds));
    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '11/31/2025');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription('Type the day as day, month, year, for example 3 Dec 2026.');
    expect(bridge.callsTo('listHistory').at(-1)?.filter).toEqual(bounds);
  });

  it('the subscriptions table shows local times with UTC in the title', () => {
    inZone(zone);
    render(<SubscriptionsTable subscriptions={SHIVAM.subscriptions} />);
    const purchasedCell = within(screen.getAllByRole('row')[1]!).getAllByRole('cell')[2]!;
    expect(purchasedCell).toHaveTextContent(purchased);
    expect(within(purchasedCell).getByText(purchased)).toHaveAttribute('title', '2025-05-08 10:00 UTC');
  });

  it('an interrupted bulk run says when it started, in the local zone', async () => {
    inZone(zone);
    const bridge = seededBridge();
    bridge.bulk.interrupted = [
      {
        runId: 'run-00000001',
        fileName: 'march.csv',
        connectionName: 'Publisher sandbox',
        startedAt: '2025-05-08T10:00:00.000Z',
        sending: 2,
        remaining: 40,
      },
    ];
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Bulk' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`The bulk run of march.csv on Publisher sandbox, started ${purchased}, was interrupted`);
    expect(within(alert).getByText(purchased)).toHaveAttribute('title', '2025-05-08 10:00 UTC');
  });

  it('the reader screen shows the date of birth as typed in the form, the same day', async () => {
    inZone(zone);
    await openReader(SHIVAM.userId);
    expect(screen.getByLabelText('Date of birth')).toHaveValue('13 May 1990');
    expect(screen.getByText('13 May 1990', { selector: 'dd, dd *' })).toBeInTheDocument();
  });
});

describe('typing a date of birth', () => {
  it.each([
    ['13 May 1990', '1990-05-13T00:00:00.000Z'],
    ['13 may 1990', '1990-05-13T00:00:00.000Z'],
    ['13 May, 1990', '1990-05-13T00:00:00.000Z'],
    ['3 February 1991', '1991-02-03T00:00:00.000Z'],
    ['13/05/1990', '1990-05-13T00:00:00.000Z'],
    ['1990-05-13', '1990-05-13T00:00:00.000Z'],
  ])('reads %s as that day', (typed, iso) => {
    expect(dayTextToIso(typed)).toBe(iso);
    expect(normaliseDayText(typed)).toBe(formatDay(iso));
  });

  it.each(['31 Feb 1990', '05/13/1990', 'May 13 1990', '13 Mai 1990'])('refuses %s rather than guess', (typed) => {
    expect(dayTextToIso(typed)).toBe(typed);
  });
});
