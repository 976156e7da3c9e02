import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { environmentLabel, PRODUCTION_BANNER } from '../../renderer/src/header/environment-label';
import { FakeBridge } from './fake-bridge';
import { DEMO, PRODUCTION, SANDBOX } from './fixtures';
import { renderApp } from './render-app';

// The active connection and its environment are always visible, in words as well as colour.

describe('environment label', () => {
  it('marks production unmistakably, with words and its own band', async () => {
    renderApp(new FakeBridge({ connections: [PRODUCTION] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveTextContent(PRODUCTION_BANNER);
    expect(band).toHaveClass('env-production');
    expect(screen.getByText(PRODUCTION.name, { selector: 'strong' })).toBeInTheDocument();
    expect(document.title).toContain('Production');
  });

  it('labels sandbox as sandbox, never as production', async () => {
    renderApp(new FakeBridge({ connections: [SANDBOX] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveTextContent('SANDBOX');
    expect(band).not.toHaveTextContent(/production/i);
    expect(band).toHaveClass('env-sandbox');
  });

  it('labels a local simulator connection as Local with its host, whatever its name', async () => {
    renderApp(new FakeBridge({ connections: [DEMO] }));
    const band = await screen.findByTestId('environment-band');
    expect(band).toHaveTextContent('LOCAL — a server on this computer (127.0.0.1:4010)');
    expect(band).toHaveClass('env-local');
    expect(screen.getByText('(Local)')).toBeInTheDocument();
  });

  it('labels the production host as production, with its banner', () => {
    expect(environmentLabel(PRODUCTION).tone).toBe('production');
    expect(environmentLabel({ baseUrl: PRODUCTION.baseUrl }).banner).toBe(PRODUCTION_BANNER);
  });

  it('names the host of a custom environment', () => {
    expect(environmentLabel({ baseUrl: 'https://api.partner.test/v1' }).banner).toBe(
      'CUSTOM ENVIRONMENT — api.partner.test, not a ConsCent host the console knows',
    );
  });
});
