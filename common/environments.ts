// Base URL presets. Documented hosts; the `/api/v1` suffix is inferred from ConsCent's
// demo apps (docs/conscent-api.md). A connection can always override the URL.
export const ENVIRONMENTS = ['production', 'sandbox', 'custom'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const ENVIRONMENT_PRESETS: Record<Environment, { label: string; baseUrl: string }> = {
  production: { label: 'Production', baseUrl: 'https://api.conscent.in/api/v1' },
  sandbox: { label: 'Sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1' },
  custom: { label: 'Custom', baseUrl: '' },
};

// The one definition of "this machine" for the console: plain http to ConsCent, the dev
// server's page, a proxy bypass and the simulator's address are all allowed on it alone.
// '[::1]' is how a URL's hostname spells IPv6 loopback; '::1' is how a listen address does.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A URL's hostname (or a bare listen address) that names this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns a human reason when the URL is not acceptable as a ConsCent base URL. */
export function baseUrlProblem(raw: string): string | undefined {
  // Checked on the raw text: the URL parser drops an empty query or fragment ("…/v1?"),
  // so url.search is '' although the "?" would still move every request's path.
  if (/[?#]/.test(raw)) return 'The base URL must not contain "?" or "#": remove them and anything after them (e.g. https://api.conscent.in/api/v1).';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, like https://api.conscent.in/api/v1.';
  }
  if (url.username || url.password) return 'The base URL must not contain a user name or password.';
  if (url.search || url.hash) return 'The base URL must not contain a query (?) or fragment (#).';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return 'The base URL must use https:// (plain http is allowed only for this computer, e.g. a local simulator).';
  return `The base URL must use https://, not ${url.protocol.replace(':', '')}.`;
}
