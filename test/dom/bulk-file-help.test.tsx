import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BULK_FIELDS } from '../../common/bulk-schemas';
import { renderApp, seededBridge } from './render-app';

// Issue 22.7: before a file is chosen, the Bulk screen says what CSV it expects (every
// column the parser maps, from the same list) and offers a sample, saved by main.

async function openBulk(bridge = seededBridge()) {
  const rendered = renderApp(bridge);
  await rendered.user.click(await screen.findByRole('button', { name: 'Bulk' }));
  return { ...rendered, help: await screen.findByRole('region', { name: 'The CSV file' }) };
}

describe('the CSV the Bulk screen expects', () => {
  it('names the user id column and every field a file may fill, and the rules an agent trips on', async () => {
    const { help } = await openBulk();
    const columns = within(help)
      .getAllByText((_, element) => element?.tagName === 'CODE')
      .map((code) => code.textContent);
    expect(columns).toContain('userId');
    expect(columns).toContain('ticket'); // optional: a row's own ticket or reason
    for (const field of BULK_FIELDS.filter((f) => !f.startsWith('address.'))) expect(columns).toContain(field);
    expect(columns).toEqual(expect.arrayContaining(['address.name', 'address.country', '(clear)']));
    expect(help).toHaveTextContent('(all of them or none). An empty cell leaves the field as it is');
    expect(help).toHaveTextContent('up to 100,000 rows');
  });

  it('saves a sample through main and says where it went; a cancelled dialog says nothing', async () => {
    const bridge = seededBridge();
    const { user, help } = await openBulk(bridge);
    await user.click(within(help).getByRole('button', { name: 'Save sample CSV…' }));
    expect(await screen.findByText('The sample CSV was saved to /home/agent/conscent-bulk-sample.csv.')).toHaveAttribute('role', 'status');
    expect(bridge.callsTo('bulkSaveSample')).toEqual([{}]);

    bridge.bulk.sampleSaved = { saved: false };
    await user.click(within(help).getByRole('button', { name: 'Save sample CSV…' }));
    expect(bridge.callsTo('bulkSaveSample')).toHaveLength(2);
    expect(screen.getByText(/The sample CSV was saved/)).toBeInTheDocument(); // the earlier notice stays; nothing new claimed
  });

  it('gives way to the file once one is chosen', async () => {
    const { user } = await openBulk();
    await user.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
    await screen.findByText(/fixes\.csv: 50 rows/);
    expect(screen.queryByRole('region', { name: 'The CSV file' })).not.toBeInTheDocument();
  });
});
