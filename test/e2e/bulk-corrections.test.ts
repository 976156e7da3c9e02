import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkSteps, shootBoth, writeCsv } from './bulk-steps';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 14 end to end, in Chromium against the simulator: a 50-row CSV with rows in
// error → the report → skip them → send → every row's outcome, exported, matching what
// the simulator stored and the requests it received; then Pause/Resume and Cancel on
// runs slowed by the simulator's latency.

let app: ConsoleUnderTest;
let work: string;
let ids: string[];
const ui = steps(() => app.page);
const bulk = bulkSteps(() => app);

const patchesFor = (users: readonly string[]) =>
  app.sim.requests.filter((r) => r.method === 'PATCH' && r.path === '/client/update-user' && users.includes(r.query.userId ?? ''));

beforeAll(async () => {
  app = await launchConsole({ userCount: 120, seed: 14 });
  work = await mkdtemp(join(tmpdir(), 'cc-e2e-bulk-'));
  ids = app.sim.listUsers().map((u) => u.userId);
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(async () => {
  await app?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a 50-row CSV with rows in error', () => {
  const users = () => ids.slice(0, 50);
  // Row numbers count the header as row 1: data row i is row i + 2.
  const rows = () =>
    users().map((id, i) => {
      if (i === 10) return [id, `Bulk ${i + 1}`, 'not-an-email'];
      if (i === 28) return ['not-a-user-id', `Bulk ${i + 1}`, ''];
      if (i === 42) return [ids[1]!, 'Duplicate of row 3', ''];
      return [id, `Bulk ${i + 1}`, ''];
    });
  const invalidRows = [12, 30, 44];

  it('reports the rows in error, skips them, sends the rest, and exports every row’s outcome as the simulator recorded it', async () => {
    // A header that looks like a spreadsheet formula, mapped by hand: it comes back in the report and results exports.
    const csv = await writeCsv(join(work, 'fixes.csv'), ['userId', 'name', '=email'], rows());
    await bulk.choose(csv, 50);
    await app.page.getByRole('combobox', { name: /^Email/ }).selectOption('=email');
    await shootBoth(app, 'bulk-1-mapping');

    expect(await bulk.check()).toBe('50 rows: 47 ready to send, 3 in error (1 repeat a user id).');
    const report = app.page.getByRole('table', { name: /Rows in error/ });
    expect((await report.getByRole('row').allTextContents()).slice(1).map((row) => Number(/^\d+/.exec(row)?.[0]))).toEqual(invalidRows);
    await expect.poll(() => bulk.button('Send…').isDisabled()).toBe(true);
    await shootBoth(app, 'bulk-2-report');
    const reportFile = join(work, 'fixes-errors.csv');
    app.exportTo(reportFile);
    await bulk.button('Download the report (CSV)').click();
    await app.page.getByText(`The report was saved to ${reportFile}.`).waitFor();
    expect((parse(await readFile(reportFile, 'utf8'), { columns: true }) as Record<string, string>[])[0]).toMatchObject({
      row: '12',
      column: "'=email",
    });

    await app.page.getByRole('checkbox', { name: /Skip the 3 rows in error/ }).check();
    await bulk.send(47);
    // The 3 rows left out are "not sent" in the status line as in the table (issue 17 item 10).
    expect(await bulk.until(/^Finished\./)).toMatch(/47 of 47 done — 47 saved, 0 failed, 0 outcome unknown, 3 not sent \(3 left out as invalid\)/);
    await bulk.resultsTable().waitFor();
    await expect.poll(() => bulk.resultsTable().locator('tr[data-outcome="not-sent"]').count()).toBe(3);
    await shootBoth(app, 'bulk-4-results');

    const exported = join(work, 'fixes-results.csv');
    app.exportTo(exported);
    await bulk.button('Export the results (CSV)').click();
    await app.page.getByText(`The results were saved to ${exported}.`).waitFor();
    expect((await stat(exported)).mode & 0o777).toBe(0o600);
    // The run's own files: 0600 in a 0700 folder under bulk/ (docs/installing.md).
    const bulkDir = join(app.userDataDir, 'bulk');
    expect((await stat(bulkDir)).mode & 0o777).toBe(0o700);
    const [runDir] = await readdir(bulkDir);
    expect((await stat(join(bulkDir, runDir!))).mode & 0o777).toBe(0o700);
    for (const name of await readdir(join(bulkDir, runDir!)))
      expect([name, (await stat(join(bulkDir, runDir!, name))).mode & 0o777]).toEqual([name, 0o600]);
    const records = parse(await readFile(exported, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(50);
    expect(records.filter((r) => r.outcome === 'not-sent').map((r) => Number(r.row))).toEqual(invalidRows);
    expect(records.find((r) => r.row === '12')?.message).toBe("'=email: Enter a valid email address, like reader@example.com.");

    // Each saved row: the simulator stores the name the CSV gave, and got exactly one PATCH for it, with only that field.
    const saved = records.filter((r) => r.outcome === 'saved');
    expect(saved).toHaveLength(47);
    const patches = patchesFor(users());
    expect(patches).toHaveLength(47);
    for (const r of saved) {
      const expected = `Bulk ${Number(r.row) - 1}`;
      expect(app.sim.getUser(r['user id']!)?.name).toBe(expected);
      expect(patches.filter((p) => p.query.userId === r['user id']).map((p) => [p.body, p.status])).toEqual([[{ name: expected }, 200]]);
      expect(r['history entry']).toMatch(/^\d+$/);
    }
    // The rows in error sent nothing: the repeated user id kept row 3's name.
    expect(app.sim.getUser(ids[1]!)?.name).toBe('Bulk 2');
    expect(app.sim.getUser(ids[10]!)?.name).not.toBe('Bulk 11');
  });
});

describe('Pause, Resume and Cancel', () => {
  const slowDown = (ms: number) => app.sim.addFault({ path: '/client/update-user', method: 'PATCH', fault: { kind: 'latency', ms } });
  const csvOf = (name: string, users: readonly string[]) =>
    writeCsv(
      join(work, `${name}.csv`),
      ['userId', 'name'],
      users.map((id, i) => [id, `${name} ${i + 1}`]),
    );

  it('Pause stops new requests until Resume; the run then ends with every row sent exactly once', async () => {
    const users = ids.slice(50, 80);
    slowDown(100);
    try {
      await bulk.choose(await csvOf('paused', users), 30);
      await bulk.check();
      await bulk.setConcurrency(1);
      await bulk.send(30);
      await bulk.until(/^Sending\. [1-9]\d* of 30 done/);
      await bulk.button('Pause').click();
      await bulk.until(/^Paused/);
      // The request on its way when Pause was pressed finishes; then the count the agent sees is what ConsCent got.
      await expect.poll(async () => (await bulk.done()) === patchesFor(users).length && patchesFor(users).every((p) => p.status !== null)).toBe(true);
      const whilePaused = patchesFor(users).length;
      expect(whilePaused).toBeLessThan(30);
      await shootBoth(app, 'bulk-3-progress');
      // Two screenshots later (many 100 ms requests' worth of time), ConsCent has still got nothing new.
      expect(patchesFor(users)).toHaveLength(whilePaused);

      await bulk.button('Resume').click();
      expect(await bulk.until(/^Finished\./)).toMatch(/30 of 30 done — 30 saved/);
    } finally {
      app.sim.clearFaults();
    }
    const patches = patchesFor(users);
    expect(patches.map((p) => p.query.userId).sort()).toEqual([...users].sort());
    users.forEach((id, i) => expect(app.sim.getUser(id)?.name).toBe(`paused ${i + 1}`));
  });

  it('Cancel lets the requests on their way finish and sends nothing new; the rest are “not sent”', async () => {
    const users = ids.slice(80, 110);
    slowDown(300);
    try {
      await bulk.choose(await csvOf('cancelled', users), 30);
      await bulk.check();
      await bulk.setConcurrency(4);
      await bulk.send(30);
      await bulk.until(/^Sending\. [1-9]\d* of 30 done/);
      await bulk.button('Cancel').click();
      const ended = await bulk.until(/^Cancelled/);
      const saved = Number(/(\d+) saved/.exec(ended)?.[1]);
      const patches = patchesFor(users);
      // Every request that went out was answered and counted as saved: none was cut off, none sent after.
      expect(patches.length).toBe(saved);
      expect(patches.every((p) => p.status === 200 && !p.closedByClient)).toBe(true);
      expect(ended).toContain(`${30 - saved} not sent`);
      expect(saved).toBeLessThan(30);
      const sentTo = new Set(patches.map((p) => p.query.userId));
      users.forEach((id, i) => expect(app.sim.getUser(id)?.name === `cancelled ${i + 1}`).toBe(sentTo.has(id)));
      await bulk.resultsTable().waitFor();
      expect(await bulk.resultsTable().locator('tr[data-outcome="not-sent"]').count()).toBe(30 - saved);
    } finally {
      app.sim.clearFaults();
    }
  });
});
