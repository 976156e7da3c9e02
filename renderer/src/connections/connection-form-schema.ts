import { z } from 'zod';
import { Credentials, ConnectionFields } from '../../../common/connections-contract';
import { presetProblem } from '../../../common/environment-of-host';
import type { Environment } from '../../../common/environments';
import { credentialsForNewTrustMessage } from '../errors/local-failure-words';
import { ExtraCertificate, ProxyCredentials, ProxyUrl, type ProxyMode, type ProxySetting } from '../../../common/network-settings';

// The connection form: the contract's ConnectionFields (validated as the agent types, same
// schema as main) plus the write-only key and secret. Empty key and secret mean "keep the
// stored ones" when the connection already has some for the same origin; otherwise both
// are required, because the contract stores them as a pair and main sends stored ones
// only to the origin (scheme, host and port) they were entered for, and only by the
// trust path (proxy, extra certificate) they were saved with (issue 18).

export type ConnectionFormValues = {
  name: string;
  environment: Environment;
  baseUrl: string;
  clientId: string;
  apiKey: string;
  apiSecret: string;
  /** The connection's network (issue 13): proxy choice, manual proxy, extra certificate. */
  proxyMode: ProxyMode;
  proxyUrl: string;
  extraCertificate: string;
  /** Write-only, asked for after a proxy answered 407; empty otherwise. */
  proxyUsername: string;
  proxyPassword: string;
};

export const BOTH_CREDENTIALS_TO_REPLACE = 'To replace the stored credentials, enter both the API key and the API secret.';

/** scheme://host[:port] of a URL, or undefined while it is not a URL yet. */
export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl.trim()).origin;
  } catch {
    return undefined;
  }
}

/** Whether the typed base URL leaves the origin the stored key and secret belong to. */
export function leavesStoredOrigin(storedForBaseUrl: string | undefined, baseUrl: string): boolean {
  if (storedForBaseUrl === undefined) return false;
  const typed = originOf(baseUrl);
  // An unfinished URL has its own error on the Base URL field; do not add noise here.
  return typed !== undefined && typed !== originOf(storedForBaseUrl);
}

/** The network settings stored credentials were saved with (what main binds them to). */
export type StoredTrust = { proxy?: ProxySetting | undefined; extraCertificate?: string | undefined };

const withoutSpace = (pem: string) => pem.replace(/\s+/g, '');

/** Whether the typed proxy or extra certificate differs from the ones the stored key and secret were saved with. */
export function changesStoredTrust(
  stored: StoredTrust | undefined,
  values: Pick<ConnectionFormValues, 'proxyMode' | 'proxyUrl' | 'extraCertificate'>,
): boolean {
  if (stored === undefined) return false;
  if (withoutSpace(values.extraCertificate) !== withoutSpace(stored.extraCertificate ?? '')) return true;
  const storedProxy = stored.proxy ?? { mode: 'system' };
  if (values.proxyMode !== storedProxy.mode) return true;
  if (storedProxy.mode !== 'manual') return false;
  const typed = ProxyUrl.safeParse(values.proxyUrl);
  return !typed.success || typed.data !== storedProxy.url;
}

export function credentialsForNewHostMessage(what: 'API key' | 'API secret', baseUrl: string, storedForBaseUrl: string): string {
  return `Enter the ${what} for ${originOf(baseUrl) ?? baseUrl}: the stored one is only sent to ${originOf(storedForBaseUrl) ?? storedForBaseUrl}.`;
}

/**
 * `storedForBaseUrl`: the saved base URL of a connection that has a key and secret in the
 * keychain (they belong to its origin); undefined for a new connection or one without.
 * `storedTrust`: that connection's saved proxy and extra certificate (they belong to those too).
 */
export function connectionFormSchema(storedForBaseUrl: string | undefined, storedTrust?: StoredTrust) {
  const hasStoredCredentials = storedForBaseUrl !== undefined;
  return ConnectionFields.omit({ proxy: true, extraCertificate: true })
    .extend({
      apiKey: z.string(),
      apiSecret: z.string(),
      proxyMode: z.enum(['system', 'none', 'manual']),
      proxyUrl: z.string(),
      extraCertificate: z.string(),
      proxyUsername: z.string(),
      proxyPassword: z.string(),
    })
    .superRefine((values, ctx) => {
      const wrongPreset = presetProblem(values.environment, values.baseUrl);
      if (wrongPreset) ctx.addIssue({ code: 'custom', path: ['environment'], message: wrongPreset });
      networkIssues(values, ctx);
      const bothEmpty = values.apiKey === '' && values.apiSecret === '';
      const moved = leavesStoredOrigin(storedForBaseUrl, values.baseUrl);
      const trustChanged = hasStoredCredentials && changesStoredTrust(storedTrust, values);
      if (hasStoredCredentials && bothEmpty && !moved && !trustChanged) return;
      for (const key of ['apiKey', 'apiSecret'] as const) {
        const value = values[key];
        const what = key === 'apiKey' ? 'API key' : 'API secret';
        if (moved && value === '' && storedForBaseUrl !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: credentialsForNewHostMessage(what, values.baseUrl, storedForBaseUrl) });
          continue;
        }
        if (trustChanged && value === '') {
          ctx.addIssue({ code: 'custom', path: [key], message: credentialsForNewTrustMessage(what) });
          continue;
        }
        if (hasStoredCredentials && value === '') {
          ctx.addIssue({ code: 'custom', path: [key], message: BOTH_CREDENTIALS_TO_REPLACE });
          continue;
        }
        const checked = Credentials.shape[key].safeParse(value);
        const issue = checked.success ? undefined : checked.error.issues[0];
        if (issue) ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
      }
    });
}

/** The same rules main applies to the proxy address, the certificate and proxy credentials, shown as the agent types. */
function networkIssues(
  values: Pick<ConnectionFormValues, 'proxyMode' | 'proxyUrl' | 'extraCertificate' | 'proxyUsername' | 'proxyPassword'>,
  ctx: z.RefinementCtx,
) {
  const firstIssue = (schema: z.ZodType, value: unknown) => {
    const checked = schema.safeParse(value);
    return checked.success ? undefined : checked.error.issues[0]?.message;
  };
  const proxyProblem = values.proxyMode === 'manual' ? firstIssue(ProxyUrl, values.proxyUrl) : undefined;
  if (proxyProblem) ctx.addIssue({ code: 'custom', path: ['proxyUrl'], message: proxyProblem });
  const certificateProblem = values.extraCertificate.trim() === '' ? undefined : firstIssue(ExtraCertificate, values.extraCertificate);
  if (certificateProblem) ctx.addIssue({ code: 'custom', path: ['extraCertificate'], message: certificateProblem });
  if (values.proxyUsername === '' && values.proxyPassword === '') return;
  for (const [key, field] of [
    ['proxyUsername', 'username'],
    ['proxyPassword', 'password'],
  ] as const) {
    const problem = firstIssue(ProxyCredentials.shape[field], values[key]);
    if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
  }
}

export type ConnectionFormOutput = z.output<ReturnType<typeof connectionFormSchema>>;
