import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { eventsOf, summary, type Delivered } from '../helpers/audit-collector';
import { startRsyslog, type RunningRsyslog } from '../helpers/rsyslog';
import { bulkSteps, shootBoth, writeCsv } from './bulk-steps';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 20 end to end: the real page in Chromium, main's services as the app wires them
// (the settings file's `audit` section), a real rsyslogd on loopback. A save and a revert
// with a ticket typed in the review, and a bulk run with a run ticket and a ticket column,
// all through the UI: every change and outcome arrives in rsyslog's file once, parsed by
// rsyslog as RFC 5424 with the event as JSON, and matches what the History screen shows.

let rsyslog: RunningRsyslog;
let app: ConsoleUnderTest;
let page: Page;
const ui = steps(() => page);
const bulk = bulkSteps(() => app);

beforeAll(async () => {
  rsyslog = await startRsyslog();
  const audit = { host: '127.0.0.1', port: rsyslog.tcpPort, tls: false, appName: 'cc-e2e' };
  app = await launchConsole(
    { userCount: 20, seed: 23 },
    { settingsFileText: JSON.stringify({ version: 2, connections: [], activeConnectionId: null, audit }) },
  );
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await rsyslog?.dispose();
});

const tab = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const entry = (id: number) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Change ${id}:`) }) });

async function sendWithTicket(ticket: string): Promise<void> {
  await ui.button('Review changes').click();
  await ui.review().getByLabel('Ticket or reason (optional)').fill(ticket);
  await ui.review().getByRole('button', { name: 'Send changes' }).click();
  await ui.waitForSaved();
}

/** What the History screen shows of change `id`: its outcome word and its ticket, as the agent reads them. */
async function shownInHistory(id: number): Promise<{ id: number; ticket: string | undefined; saved: boolean }> {
  const text = await entry(id).innerText();
  return { id, ticket: /Ticket or reason: (.+)/.exec(text)?.[1]?.trim(), saved: /Saved/.test(text) };
}

describe('audit forwarding through the UI to a real rsyslog', () => {
  it('a save, its revert and a bulk run each reach rsyslog once, as RFC 5424 with the JSON event, matching History', async () => {
    await ui.openSeedReader();
    await ui.field('Name').fill('Shivam D. (audit)');
    await sendWithTicket('SUP-501 reader asked by phone');

    await tab('History').click();
    await entry(1).getByRole('button', { name: 'Revert this change' }).click();
    await page.getByRole('heading', { name: 'Reverting change 1' }).waitFor();
    await sendWithTicket('SUP-501 undone, wrong reader');

    const ids = app.sim
      .listUsers()
      .map((u) => u.userId)
      .filter((id) => id !== SEED_EXAMPLE_USER_ID)
      .slice(0, 3);
    const csv = await writeCsv(
      join(app.userDataDir, '..', 'fixes.csv'),
      ['userId', 'name', 'ticket'],
      [
        [ids[0]!, 'Bulk One', 'SUP-601'],
        [ids[1]!, 'Bulk Two', ''],
        [ids[2]!, 'Bulk Three', 'SUP-603'],
      ],
    );
    await bulk.choose(csv, 3);
    // The ticket column is mapped for its header; the agent sees it among the columns.
    await expect.poll(() => page.getByLabel('Ticket or reason column').inputValue()).toBe('ticket');
    await shootBoth(app, 'audit-bulk-ticket-column');
    expect(await bulk.check()).toMatch(/3 rows: 3 ready to send/);
    await page.getByLabel('Ticket or reason for this run (optional)').fill('CHG-77 spring clean-up');
    await bulk.send(3);
    await bulk.until(/^Finished/);

    // What History shows, newest first: five changes, each saved, with its ticket.
    await tab('History').click();
    await entry(5).waitFor();
    const shown = await Promise.all([1, 2, 3, 4, 5].map(shownInHistory));
    expect(shown.every((e) => e.saved)).toBe(true);
    expect(shown.map((e) => e.ticket).sort()).toEqual(
      ['SUP-501 reader asked by phone', 'SUP-501 undone, wrong reader', 'SUP-601', 'CHG-77 spring clean-up', 'SUP-603'].sort(),
    );

    // Five changes and five outcomes from this console's install, in rsyslog's file.
    let mine: Delivered[] = [];
    await expect
      .poll(
        async () => {
          mine = eventsOf(await rsyslog.received()).filter((d) => d.received.appName === 'cc-e2e');
          return mine.filter((d) => d.event.kind === 'change' || d.event.kind === 'outcome').length;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(10);
    const { unique, duplicates, inOrder } = summary(mine);
    expect(duplicates).toBe(0);
    expect(inOrder).toBe(true);
    expect(mine.every((d) => d.received.version === '1' && d.received.msgId === d.event.kind && d.syslog.params.eventId === d.event.eventId)).toBe(
      true,
    );
    const changes = unique.filter((d) => d.event.kind === 'change').map((d) => d.event);
    const outcomes = unique.filter((d) => d.event.kind === 'outcome').map((d) => d.event);
    expect(changes.map((e) => ({ id: e.journal?.entryId, ticket: e.ticket }))).toEqual(shown.map((e) => ({ id: e.id, ticket: e.ticket })));
    expect(outcomes.map((e) => [e.journal?.entryId, e.outcome])).toEqual(shown.map((e) => [e.id, 'saved']));
    expect(changes[1]?.revertOf).toBe(1);
    expect(changes.slice(2).every((e) => e.bulk !== undefined)).toBe(true);

    // The header says so, quietly.
    await page.getByText(/Team log: delivered/).waitFor();
  });
});
