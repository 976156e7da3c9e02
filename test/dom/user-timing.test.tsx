import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { MEASURES } from '../../renderer/src/timing/user-timing';
import { RAVI, SHIVAM } from './fixtures';
import { renderApp } from './render-app';

// Issue #12, item 3: the renderer marks its own milestones with the User Timing API, one
// measure per agent action, ending when the answer is painted; `npm run bench` reads them.

const measures = (name: string) => performance.getEntriesByName(name, 'measure');

beforeEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

describe('User Timing measures', () => {
  it('page loaded → lookup box interactive, once', async () => {
    renderApp();
    await screen.findByLabelText('Find a reader');
    await waitFor(() => expect(measures(MEASURES.pageToLookupInteractive)).toHaveLength(1));
  });

  it('search submitted → record painted, and choose → record from a list, one measure per action', async () => {
    const { user } = renderApp();
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, `${SHIVAM.userId}{Enter}`);
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    await waitFor(() => expect(measures(MEASURES.searchToRecord)).toHaveLength(1));

    await user.clear(search);
    await user.type(search, '+919810012345{Enter}');
    await screen.findByRole('heading', { name: /2 readers match/ });
    await user.click(screen.getByRole('button', { name: `Open Ravi Verma (${RAVI.userId})` }));
    await screen.findByRole('heading', { name: 'Ravi Verma' });
    await waitFor(() => expect(measures(MEASURES.chooseToRecord)).toHaveLength(1));
    // The list search itself opened no record: it is not counted as search → record.
    expect(measures(MEASURES.searchToRecord)).toHaveLength(1);
    expect(measures(MEASURES.chooseToRecord)[0]!.duration).toBeGreaterThanOrEqual(0);
  });

  it('send pressed → result painted, once per save', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Shivam K. Dubey');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Send changes' }));
    await screen.findByText('Saved.');
    await waitFor(() => expect(measures(MEASURES.sendToResult)).toHaveLength(1));
  });
});
