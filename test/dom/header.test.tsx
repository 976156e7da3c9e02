import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { environmentLabel, PRODUCTION_BANNER } from '../../renderer/src/header/environment-label';
import { FakeBridge } from './fake-bridge';
import { DEMO, PRODUCTION, SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// The active connection and its environment are always visible, in words as well as colour.

describe('environment label', () => {
  it('marks production unmistakably, with words and its own band', async () => {
    renderApp(new FakeBridge({ profiles: [PRODUCTION] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveTextContent(PRODUCTION_BANNER);
    expect(band).toHaveClass('env-production');
    expect(screen.getByText(PRODUCTION.name, { selector: 'strong' })).toBeInTheDocument();
    expect(document.title).toContain('Production');
  });

  it('labels sandbox as sandbox, never as production', async () => {
    renderApp(new FakeBridge({ profiles: [SANDBOX] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveTextContent('SANDBOX');
    expect(band).not.toHaveTextContent(/production/i);
    expect(band).toHaveClass('env-sandbox');
  });

  it('labels a Demo profile as the local simulator', async () => {
    renderApp(new FakeBridge({ profiles: [DEMO] }));
    expect(await screen.findByTestId('environment-band')).toHaveTextContent('DEMO (local simulator)');
    expect(screen.getByText('(Demo (local simulator))')).toBeInTheDocument();
  });

  it('keeps production first even when the name starts with Demo', () => {
    expect(environmentLabel({ ...PRODUCTION, name: 'Demo of live' }).tone).toBe('production');
  });

  it('names the host of a custom environment', () => {
    expect(environmentLabel({ name: 'Partner', environment: 'custom', baseUrl: 'https://api.partner.test/v1' }).banner).toBe(
      'CUSTOM ENVIRONMENT — api.partner.test',
    );
  });
});
