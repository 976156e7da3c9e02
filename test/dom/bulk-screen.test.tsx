import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CONFIRM_TITLE } from '../../renderer/src/bulk/BulkConfirm';
import { PRODUCTION } from './fixtures';
import { renderApp, seededBridge } from './render-app';

// The Bulk screen (issue 14) over a scripted main: the report names row and column and
// blocks sending until the agent skips the rows in error; Send asks first (the
// connection's name on Production); progress arrives through bulkProgress; Pause and
// Cancel reach main; every row's outcome is listed and exported; failed rows can be retried.

async function openBulk(bridge = seededBridge()) {
  const rendered = renderApp(bridge);
  await rendered.user.click(await screen.findByRole('button', { name: 'Bulk' }));
  await rendered.user.click(await screen.findByRole('button', { name: 'Choose a CSV file…' }));
  await screen.findByText(/fixes\.csv: 50 rows/);
  await rendered.user.click(screen.getByRole('button', { name: 'Check every row' }));
  await screen.findByRole('table', { name: /Rows in error/ });
  return rendered;
}

describe('Bulk corrections screen', () => {
  it('lists each invalid row by row and column, and sends nothing until the agent skips them', async () => {
    const { user, bridge } = await openBulk();
    expect(screen.getByText('50 rows: 47 ready to send, 3 in error (1 repeat a user id).')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Rows in error/ });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent),
    ).toEqual([
      '12emailEnter a valid email address, like reader@example.com.',
      '30userIdA ConsCent user id is 24 hexadecimal characters (0-9, a-f).',
      '44userIdThis user id is also on row 3; a reader can be changed once per run. Merge the two rows.',
    ]);
    const send = screen.getByRole('button', { name: 'Send…' });
    expect(send).toBeDisabled();
    expect(screen.getByText(/Nothing can be sent while rows are in error/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Download the report (CSV)' }));
    expect(bridge.callsTo('bulkExport')).toEqual([{ runId: 'run-00000001', what: 'report' }]);
    expect(await screen.findByText('The report was saved to /home/agent/report.csv.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /Skip the 3 rows in error/ }));
    await user.click(send);
    const dialog = await screen.findByRole('dialog', { name: CONFIRM_TITLE });
    expect(dialog).toHaveTextContent('47 readers will be changed on Publisher sandbox');
    expect(dialog).toHaveTextContent('3 rows in error are left out');
    await user.click(within(dialog).getByRole('button', { name: 'Send 47 corrections' }));
    expect(bridge.callsTo('bulkStart')).toEqual([{ runId: 'run-00000001', mode: 'send', concurrency: 4, skipInvalid: true }]);

    // Progress, as the subscription brings it.
    bridge.bulk.push({ saved: 20, remaining: 27, perSecond: 10, secondsLeft: 3 });
    expect(
      await screen.findByText(
        /20 of 47 done — 20 saved, 0 failed, 0 outcome unknown, 3 not sent \(3 left out as invalid\); 27 remaining, 10\/s, about 3 s left/,
      ),
    ).toBeInTheDocument();
    bridge.bulk.push({ state: 'finished', saved: 46, failed: 1, remaining: 0 });
    const results = await screen.findByRole('table', { name: /Results/ });
    expect(within(results).getAllByRole('row')).toHaveLength(51);
    // The status line counts the rows the table lists as not sent (issue 17 item 10).
    expect(within(screen.getByRole('region', { name: 'Bulk run' })).getByRole('status')).toHaveTextContent(
      '47 of 47 done — 46 saved, 1 failed, 0 outcome unknown, 3 not sent (3 left out as invalid)',
    );
    expect(within(results).getAllByText('Not sent')).toHaveLength(3);
    expect(within(results).getByText(/ConsCent has no reader with this user id/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Export the results (CSV)' }));
    expect(await screen.findByText('The results were saved to /home/agent/results.csv.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry the 1 failed rows' }));
    await user.click(within(await screen.findByRole('dialog', { name: CONFIRM_TITLE })).getByRole('button', { name: 'Send 1 corrections' }));
    expect(bridge.callsTo('bulkStart').at(-1)).toMatchObject({ mode: 'retry-failed' });
  });

  it('a run that stopped by itself on a full disk says why and offers to resume it once space is freed', async () => {
    const bridge = seededBridge();
    const { user } = await openBulk(bridge);
    await user.click(screen.getByRole('checkbox', { name: /Skip/ }));
    await user.click(screen.getByRole('button', { name: 'Send…' }));
    await user.click(within(await screen.findByRole('dialog', { name: CONFIRM_TITLE })).getByRole('button', { name: /Send \d+ corrections/ }));
    bridge.bulk.push({
      state: 'halted',
      saved: 12,
      remaining: 35,
      haltedBy: { kind: 'bulk', reason: 'run-files-unwritable', code: 'ENOSPC' },
    });
    expect(await screen.findByText(/The run's files could not be written \(ENOSPC\), so the run stopped/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resume the run' }));
    await user.click(within(await screen.findByRole('dialog', { name: CONFIRM_TITLE })).getByRole('button', { name: 'Send 35 corrections' }));
    expect(bridge.callsTo('bulkStart').at(-1)).toMatchObject({ runId: 'run-00000001', mode: 'resume' });
  });

  it('a run left behind with damaged files is named with what became of it, and is not offered for resuming (issue 19 item 5)', async () => {
    const bridge = seededBridge();
    bridge.bulk.interrupted = [
      { runId: 'run-0000000a', damaged: { file: 'run.json', movedTo: 'run.json.2026-12-03T10-00-00-000Z.bad' } },
      { runId: 'run-0000000b', fileName: 'march.csv', damaged: { file: 'events.jsonl', line: 7 } },
    ];
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Bulk' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      expect.stringMatching(
        /^A bulk run \(folder run-0000000a\) cannot be resumed: its file run\.json is damaged and was moved aside as run\.json\.2026-12-03T10-00-00-000Z\.bad in the run's folder \(bulk\/run-0000000a\)\. Check in the change history/,
      ),
      expect.stringMatching(/^The bulk run of march\.csv was interrupted and cannot be resumed: line 7 of its file events\.jsonl is damaged/),
    ]);
    expect(screen.queryByRole('button', { name: 'Resume this run' })).not.toBeInTheDocument();
  });

  it('Pause, Resume and Cancel reach main while the run goes on', async () => {
    const bridge = seededBridge();
    const { user } = await openBulk(bridge);
    await user.click(screen.getByRole('checkbox', { name: /Skip/ }));
    await user.click(screen.getByRole('button', { name: 'Send…' }));
    await user.click(within(await screen.findByRole('dialog', { name: CONFIRM_TITLE })).getByRole('button', { name: /Send \d+ corrections/ }));
    bridge.bulk.push({ saved: 5, remaining: 42 });
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    bridge.bulk.push({ state: 'paused', saved: 6, remaining: 41 });
    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    bridge.bulk.push({ state: 'running' });
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge.bulk.controls).toEqual(['pause', 'resume', 'pause', 'cancel']);
    bridge.bulk.push({ state: 'cancelled', saved: 6, notSent: 41, remaining: 0 });
    expect(await screen.findByText(/Cancelled: the rows not sent are listed as “not sent”/)).toBeInTheDocument();
  });

  it('choosing the next file starts over: the last file’s notice and “skip the rows in error” do not carry over', async () => {
    const { user } = await openBulk();
    await user.click(screen.getByRole('button', { name: 'Download the report (CSV)' }));
    await screen.findByText('The report was saved to /home/agent/report.csv.');
    await user.click(screen.getByRole('checkbox', { name: /Skip the 3 rows in error/ }));
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await user.click(screen.getByRole('button', { name: 'Check every row' }));
    await screen.findByRole('table', { name: /Rows in error/ });
    expect(screen.queryByText(/The report was saved to/)).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Skip the 3 rows in error/ })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Send…' })).toBeDisabled();
  });

  it('on a Production connection, Send stays disabled until the connection’s name is typed exactly', async () => {
    const bridge = seededBridge({ connections: [PRODUCTION] });
    bridge.bulk.report = {
      ...bridge.bulk.report,
      connection: { id: 'production', name: 'Publisher live', host: 'api.conscent.in', production: true },
    };
    const { user } = await openBulk(bridge);
    await user.click(screen.getByRole('checkbox', { name: /Skip/ }));
    await user.click(screen.getByRole('button', { name: 'Send…' }));
    const dialog = await screen.findByRole('dialog', { name: CONFIRM_TITLE });
    const confirm = within(dialog).getByRole('button', { name: 'Send 47 corrections' });
    const name = within(dialog).getByRole('textbox', { name: /Type its name/ });
    expect(confirm).toBeDisabled();
    await user.type(name, 'publisher live');
    expect(confirm).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'Publisher live');
    await user.click(confirm);
    await waitFor(() =>
      expect(bridge.callsTo('bulkStart')).toEqual([
        { runId: 'run-00000001', mode: 'send', concurrency: 4, skipInvalid: true, confirmName: 'Publisher live' },
      ]),
    );
  });
});
