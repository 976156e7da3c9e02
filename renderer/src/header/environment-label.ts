import type { ConnectionSummary } from '../../../common/connections-contract';
import { environmentOfHost, type HostEnvironmentKind } from '../../../common/environment-of-host';

// How a connection's environment is labelled everywhere (header band, window title,
// connection list, review dialog). It follows the base URL's host only: a name ("Demo
// …") or a preset cannot make a production host look like anything else, and a host the
// console does not know is shown as Custom with the host itself. Every tone has its own
// words, never just a colour.

export type EnvironmentTone = HostEnvironmentKind;

export type EnvironmentLabel = {
  tone: EnvironmentTone;
  /** Short name, e.g. for a list: "Production", "Custom: api.partner.test". */
  short: string;
  /** The header band's text. */
  banner: string;
};

export const PRODUCTION_BANNER = 'PRODUCTION — changes affect real readers';

export function environmentLabel(connection: Pick<ConnectionSummary, 'baseUrl'>): EnvironmentLabel {
  const { kind, host } = environmentOfHost(connection.baseUrl);
  switch (kind) {
    case 'production':
      return { tone: 'production', short: 'Production', banner: PRODUCTION_BANNER };
    case 'sandbox':
      return { tone: 'sandbox', short: 'Sandbox', banner: "SANDBOX — ConsCent's test environment, not real readers" };
    case 'local':
      // Not "no real readers": a local server could be anything, even a tunnel to production.
      return { tone: 'local', short: 'Local', banner: `LOCAL — a server on this computer (${host})` };
    case 'custom':
      return { tone: 'custom', short: `Custom: ${host}`, banner: `CUSTOM ENVIRONMENT — ${host}, not a ConsCent host the console knows` };
  }
}
