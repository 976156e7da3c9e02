import type { TestConnectionResult } from '../../../common/connections-contract';
import type { RouteReport } from '../../../common/network-settings';
import type { BridgeError, ErrorOf } from '../../../common/result';
import { TextField } from '../ui/TextField';
import type { UseFormRegister, FieldErrors } from 'react-hook-form';
import type { ConnectionFormValues } from './connection-form-schema';

// What Test connection found (issue 13): which way the request went (directly, or
// through which proxy) and who issued the server's certificate, so an agent or IT can
// see a TLS-inspecting proxy at work; and, when a proxy asks for a password, the place
// to give it once.

export function routeWords(route: RouteReport | undefined): string {
  if (!route) return '';
  return route.kind === 'proxy' ? `through proxy ${route.proxy}` : 'direct (no proxy)';
}

export function TestPassed({ result }: { result: TestConnectionResult }) {
  return (
    <p className="notice notice-success">
      <span aria-hidden="true">✓</span> Connection works. Connected to {result.host}
      {result.route ? `, ${routeWords(result.route)}` : ''}: ConsCent accepted the API key and secret, and the Client ID.
      {result.tlsIssuer ? ` Its certificate was issued by ${result.tlsIssuer}.` : ''}
    </p>
  );
}

/** Whether a failed test means the proxy wants (other) credentials. */
export function needsProxyCredentials(error: BridgeError | null): error is ErrorOf<'network'> {
  return error?.kind === 'network' && (error.reason === 'proxy-auth-required' || error.reason === 'proxy-auth-rejected');
}

type ProxyCredentialFieldsProps = {
  proxy: string | undefined;
  register: UseFormRegister<ConnectionFormValues>;
  errors: FieldErrors<ConnectionFormValues>;
};

export function ProxyCredentialFields({ proxy, register, errors }: ProxyCredentialFieldsProps) {
  return (
    <fieldset className="plain-fieldset proxy-credentials">
      <legend>Proxy sign-in{proxy ? ` for ${proxy}` : ''}</legend>
      <p className="hint">
        Your network user name and password for the proxy (not ConsCent&apos;s). Press Test connection again: once they work, they are kept in the
        system keychain for this proxy and not asked for again.
      </p>
      <TextField
        label="Proxy user name"
        registration={register('proxyUsername')}
        error={errors.proxyUsername?.message}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Proxy password"
        type="password"
        registration={register('proxyPassword')}
        error={errors.proxyPassword?.message}
        autoComplete="off"
      />
    </fieldset>
  );
}
