import type { Path } from 'react-hook-form';
import type { ConnectionSummary } from '../../../common/connections-contract';
import { ENVIRONMENT_PRESETS } from '../../../common/environments';
import type { ConnectionFormOutput, ConnectionFormValues } from './connection-form-schema';

// Between the connection form's values and the contract's requests: what the form starts
// from, how its output becomes `connection` + write-only credentials, and which form field
// an error main reports by request path belongs to.

const FORM_FIELDS: ReadonlySet<string> = new Set(['name', 'environment', 'baseUrl', 'clientId', 'apiKey', 'apiSecret', 'extraCertificate']);

const EMPTY_NETWORK = { proxyMode: 'system', proxyUrl: '', extraCertificate: '', proxyUsername: '', proxyPassword: '' } as const;

export function initialValues(editing: ConnectionSummary | undefined): ConnectionFormValues {
  if (!editing) {
    return {
      name: '',
      environment: 'sandbox',
      baseUrl: ENVIRONMENT_PRESETS.sandbox.baseUrl,
      clientId: '',
      apiKey: '',
      apiSecret: '',
      ...EMPTY_NETWORK,
    };
  }
  const { name, environment, baseUrl, clientId, proxy, extraCertificate } = editing;
  return {
    name,
    environment,
    baseUrl,
    clientId,
    apiKey: '',
    apiSecret: '',
    ...EMPTY_NETWORK,
    proxyMode: proxy?.mode ?? 'system',
    proxyUrl: proxy?.mode === 'manual' ? proxy.url : '',
    extraCertificate: extraCertificate ?? '',
  };
}

/** Splits the form's output into the contract's request parts. */
export function toRequestParts(values: ConnectionFormOutput) {
  const { apiKey, apiSecret, proxyMode, proxyUrl, extraCertificate, proxyUsername, proxyPassword, ...fields } = values;
  // "System" is what an absent setting means, so a connection that keeps the default is
  // sent (and stored) exactly as before proxies could be chosen.
  const proxy = proxyMode === 'manual' ? { mode: proxyMode, url: proxyUrl } : proxyMode === 'none' ? { mode: proxyMode } : undefined;
  const connection = {
    ...fields,
    ...(proxy ? { proxy } : {}),
    ...(extraCertificate.trim() ? { extraCertificate: extraCertificate.trim() } : {}),
  };
  const credentials = apiKey !== '' || apiSecret !== '' ? { apiKey, apiSecret } : undefined;
  const proxyCredentials = proxyUsername !== '' || proxyPassword !== '' ? { username: proxyUsername, password: proxyPassword } : undefined;
  return { connection, credentials, proxyCredentials };
}

/** Main reports invalid fields by request path ("connection.baseUrl", "credentials.apiKey", "connection.proxy.url"). */
export function formPathOf(key: string): Path<ConnectionFormValues> | null {
  if (key === 'connection.proxy.url') return 'proxyUrl';
  if (key === 'proxyCredentials.username') return 'proxyUsername';
  if (key === 'proxyCredentials.password') return 'proxyPassword';
  const last = key.replace(/^(connection|credentials)\./, '');
  return FORM_FIELDS.has(last) ? (last as Path<ConnectionFormValues>) : null;
}
