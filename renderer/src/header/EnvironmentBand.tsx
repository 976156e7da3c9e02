import type { ConnectionSummary } from '../../../common/connections-contract';
import { environmentLabel } from './environment-label';

// The full-width strip under the title: colour AND words, so production is unmistakable
// even in greyscale or to a screen reader.
export function EnvironmentBand({ connection }: { connection: ConnectionSummary }) {
  const label = environmentLabel(connection);
  return (
    <p className={`env-band env-${label.tone}`} data-testid="environment-band">
      <span className="env-band-icon" aria-hidden="true">
        {label.tone === 'production' ? '⚠' : '●'}
      </span>{' '}
      {label.banner}
    </p>
  );
}
