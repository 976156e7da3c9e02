import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LookupReaderRequest } from '../../common/readers-contract';
import { lookupViewOf } from './fake-bridge';
import { SHIVAM } from './fixtures';
import { renderApp, seededBridge } from './render-app';

// Issue #12: when main's lookup already opened the single match (from the same answer),
// the page shows it without asking again; each search carries its number, so main can
// abandon an older one; and the agent can search again while a search is on its way.

describe('one round trip per lookup, in the page', () => {
  it('shows the reader main opened with the lookup, with no openReader call', async () => {
    const bridge = seededBridge();
    const lookup = bridge.lookupReader.bind(bridge);
    bridge.lookupReader = async (request: LookupReaderRequest) => {
      const result = await lookup(request);
      return result.ok ? { ok: true, value: { ...result.value, opened: lookupViewOf(SHIVAM) } } : result;
    };
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), `${SHIVAM.userId}{Enter}`);
    await screen.findByRole('heading', { name: 'Shivam Dubey' });
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(bridge.callsTo('openReader')).toHaveLength(0);
  });

  it('numbers each search, and a newer one can be sent while the older is on its way', async () => {
    const bridge = seededBridge();
    const lookup = bridge.lookupReader.bind(bridge);
    const sent: LookupReaderRequest[] = [];
    // The first search never answers: the agent gives up on it and searches again.
    bridge.lookupReader = (request: LookupReaderRequest) => {
      sent.push(request);
      return sent.length === 1 ? new Promise(() => undefined) : lookup(request);
    };
    const { user } = renderApp(bridge);
    const search = await screen.findByLabelText('Find a reader');
    await user.type(search, 'nobody@example.com{Enter}');
    expect(screen.getByRole('button', { name: 'Search' })).toBeEnabled();
    await user.clear(search);
    await user.type(search, `${SHIVAM.userId}{Enter}`);
    expect(await screen.findByRole('heading', { name: 'Shivam Dubey' })).toBeInTheDocument();
    expect(sent.map((request) => request.searchId)).toEqual([1, 2]);
  });
});
