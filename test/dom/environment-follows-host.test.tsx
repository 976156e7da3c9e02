import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../common/connections-contract';
import { ReviewDialog } from '../../renderer/src/edit/ReviewDialog';
import { environmentLabel, PRODUCTION_BANNER } from '../../renderer/src/header/environment-label';
import { FakeBridge, type FakeConnection } from './fake-bridge';
import { PRODUCTION } from './fixtures';
import { renderApp } from './render-app';

// Issue #8 item 3: the banner, the window title, the connection list and the review's
// production warning follow the base URL's host, not the connection's name or preset.

const credentials = { apiKey: 'K-1', apiSecret: 's-1' };
const connection = (name: string, environment: FakeConnection['environment'], baseUrl: string): FakeConnection => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  environment,
  baseUrl,
  clientId: 'client-1',
  credentials,
});

describe('the environment follows the host', () => {
  it.each([
    // [name, preset, base URL, tone, words in the band]
    ['Demo of live', 'custom', 'https://api.conscent.in/api/v1', 'production', PRODUCTION_BANNER],
    ['Demo (local simulator)', 'custom', 'https://api.conscent.in/api/v2', 'production', PRODUCTION_BANNER],
    ['Test things', 'custom', 'https://sandbox-api.conscent.in/api/v1', 'sandbox', 'SANDBOX'],
    ['Demo', 'custom', 'http://localhost:4010/api/v1', 'local', 'LOCAL — a server on this computer (localhost:4010)'],
    ['Demo partner', 'custom', 'https://api.partner.test/v1', 'custom', 'CUSTOM ENVIRONMENT — api.partner.test'],
  ] as const)('%s (%s, %s) shows %s', async (name, environment, baseUrl, tone, words) => {
    renderApp(new FakeBridge({ connections: [connection(name, environment, baseUrl)] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveClass(`env-${tone}`);
    expect(band).toHaveTextContent(words);
    // The "Demo" name never buys a reassuring banner.
    expect(band).not.toHaveTextContent(/no real readers/i);
    // The title follows in an effect after the band: read it until it does (the previous case set it last).
    await waitFor(() => expect(document.title).toContain(environmentLabel({ baseUrl }).short));
  });

  it('shows the host-derived environment in the connection list', async () => {
    const live = connection('Demo of live', 'custom', 'https://api.conscent.in/api/v1');
    const partner = connection('Partner', 'custom', 'https://api.partner.test/v1');
    const { user } = renderApp(new FakeBridge({ connections: [live, partner] }));
    await user.click(await screen.findByRole('button', { name: 'Connections' }));
    const list = screen.getByRole('list', { name: 'Saved connections' });
    const cards = within(list).getAllByRole('listitem');
    expect(within(cards[0] as HTMLElement).getByText('Production')).toHaveClass('env-production');
    expect(within(cards[1] as HTMLElement).getByText('Custom: api.partner.test')).toHaveClass('env-custom');
  });

  it('warns about production in the review when the host is production, whatever the preset says', () => {
    const summary = (baseUrl: string): ConnectionSummary => ({ ...connection('Demo of live', 'custom', baseUrl), hasCredentials: true });
    const props = {
      readerName: 'Shivam',
      userId: '681c74b2333e169d16a7e58b',
      rows: [],
      sending: false,
      error: null,
      attempt: 0,
      onSend: () => {},
      onBack: () => {},
      ticket: '',
      onTicketChange: () => {},
    };
    const { unmount } = render(<ReviewDialog {...props} connection={summary(PRODUCTION.baseUrl)} />);
    expect(screen.getByText(PRODUCTION_BANNER)).toBeInTheDocument();
    unmount();
    render(<ReviewDialog {...props} connection={summary('http://127.0.0.1:4010/api/v1')} />);
    expect(screen.queryByText(PRODUCTION_BANNER)).not.toBeInTheDocument();
  });
});
