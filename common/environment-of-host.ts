import { ENVIRONMENT_PRESETS, isLoopbackHost, type Environment } from './environments';

// Which environment a base URL really points at, decided by its host alone. A connection's
// name and its preset are typed by people and can be wrong; the host is where the
// requests (and the API key and secret) actually go, so the banner, the connection list
// and the review's production warning all follow this one function.

export type HostEnvironmentKind = 'production' | 'sandbox' | 'local' | 'custom';

export type HostEnvironment = {
  kind: HostEnvironmentKind;
  /** host[:port] as the agent should see it; the raw text when it is not a URL. */
  host: string;
};

export const PRODUCTION_HOST = new URL(ENVIRONMENT_PRESETS.production.baseUrl).hostname;
export const SANDBOX_HOST = new URL(ENVIRONMENT_PRESETS.sandbox.baseUrl).hostname;

export function environmentOfHost(baseUrl: string): HostEnvironment {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { kind: 'custom', host: baseUrl };
  }
  // "api.conscent.in." (a fully qualified name) reaches the same server as "api.conscent.in".
  const hostname = url.hostname.replace(/\.$/, '');
  const host = url.host;
  // Any port on ConsCent's production host is still production: err towards the warning.
  if (hostname === PRODUCTION_HOST) return { kind: 'production', host };
  if (hostname === SANDBOX_HOST) return { kind: 'sandbox', host };
  if (isLoopbackHost(hostname)) return { kind: 'local', host };
  return { kind: 'custom', host };
}

/**
 * Why a preset contradicts the host of the base URL, or undefined when it does not. The
 * Production and Sandbox presets name one host each; Custom means "a URL typed by hand"
 * and fits any host (what is shown still follows the host).
 */
export function presetProblem(environment: Environment, baseUrl: string): string | undefined {
  if (environment === 'custom') return undefined;
  const { kind, host } = environmentOfHost(baseUrl);
  if (kind === environment) return undefined;
  const expected = environment === 'production' ? PRODUCTION_HOST : SANDBOX_HOST;
  const label = ENVIRONMENT_PRESETS[environment].label;
  return `The ${label} preset is for ${expected}, but this base URL points at ${host}. Choose the environment that matches the host, or Custom.`;
}
