import { isAxiosError } from 'axios';
import type { NetworkReason } from '../../common/result';
import { ApiError } from './api-error';

// Maps whatever axios or the network threw, or whatever status ConsCent answered, to one
// error kind with a message a support agent can act on. Raw error text never reaches
// the message: it can carry URLs with credentials, headers or stack details.

// Certificate problems by the code Node puts on the error (OpenSSL's X509 verify names,
// which Electron's BoringSSL is expected to keep; not checked here), each with the cause
// in an agent's words. Self-signed, unknown authority (leaf or chain), other name and
// expired were produced with Node 20 against the simulator's HTTPS mode
// (test/node/failure-tls.test.ts); the rest are the same family of names.
const CERTIFICATE_CAUSES: ReadonlyMap<string, string> = new Map([
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'it presented a self-signed certificate, which no trusted authority vouches for'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'its certificate chain ends in an authority this computer does not trust'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'its certificate was issued by an authority this computer does not know'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'its certificate was issued by an authority this computer does not know'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'its certificate was issued by an authority this computer does not know'],
  ['CERT_UNTRUSTED', 'its certificate is not trusted'],
  ['CERT_HAS_EXPIRED', "its certificate has expired (or this computer's date is wrong)"],
  ['CERT_NOT_YET_VALID', "its certificate is not valid yet (or this computer's date is wrong)"],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'its certificate belongs to a different server name'],
  ['CERT_REVOKED', 'its certificate has been revoked'],
]);

// The other end answered, but not with TLS: typically https:// to a plain-HTTP port.
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_HTTP_REQUEST']);

export function classifyTransportFailure(error: unknown, host: string, timeoutMs: number): ApiError {
  if (error instanceof ApiError) return error;
  const code = errorCode(error);
  const seconds = Math.round(timeoutMs / 100) / 10;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED' || code === 'ESOCKETTIMEDOUT') {
    // What to do depends on the call (a timed-out save may have been applied), so the
    // renderer's summary says it; this message only states the fact.
    return new ApiError('timeout', `ConsCent (${host}) did not answer within ${seconds} s.`);
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(messageOf(error))) {
    return new ApiError(
      'unexpected-response',
      `ConsCent (${host}) sent a response far larger than expected, so the console stopped reading it. Check that the connection's base URL points at ConsCent's API.`,
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      // The host answered, so the network is fine: nothing listens at that port.
      return network(
        'connection-refused',
        `Nothing is accepting connections at ${host} (the connection was refused). ` +
          "Check the host and port of the connection's base URL in Connections, or that the server it points at (e.g. a local simulator) is running.",
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return network(
        'host-not-found',
        `The server name ${host} could not be found. Check the spelling of the connection's base URL in Connections, and this computer's internet connection (and VPN).`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return network('dropped', `The connection to ${host} was dropped before ConsCent answered. Check this computer's network (and VPN or proxy).`);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return network('offline', `This computer seems to be offline: ${host} cannot be reached. Check the network cable or Wi-Fi (and VPN), then try again.`);
  }
  const certificateCause = code === undefined ? undefined : CERTIFICATE_CAUSES.get(code);
  if (certificateCause || code?.includes('CERT')) {
    // Nothing was sent: the handshake fails before any request (or credential) leaves.
    return network(
      'certificate',
      `The secure connection to ${host} was refused because its certificate could not be verified: ` +
        `${certificateCause ?? 'the certificate is not acceptable'}. Nothing was sent. ` +
        'Someone may be intercepting this network: do not continue on it, and tell your IT team.',
    );
  }
  if ((code && NOT_TLS_CODES.has(code)) || (code === 'EPROTO' && /wrong version number|http request/i.test(messageOf(error)))) {
    return network('not-https', `${host} did not answer with HTTPS on that port. Check the connection's base URL (https:// and the port) in Connections. Nothing was sent.`);
  }
  if (code && (code === 'EPROTO' || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return network('tls', `The secure connection to ${host} failed (${code}). Check the connection's base URL in Connections; if it is right, tell your IT team.`);
  }
  if (/socket hang up/i.test(messageOf(error))) {
    return network('dropped', `The connection to ${host} was dropped before ConsCent answered. Check this computer's network (and VPN or proxy).`);
  }
  return new ApiError(
    'network',
    `The request to ${host} failed (${code ?? 'unknown network error'}). Check the connection's base URL in Connections and this computer's network, then try again.`,
  );
}

function network(reason: NetworkReason, message: string): ApiError {
  return new ApiError('network', message, undefined, undefined, { reason });
}

export function classifyStatus(status: number, apiMessage: string | undefined, retryAfter: string | undefined, now: Date): ApiError {
  const said = apiMessage ? ` ConsCent said: "${apiMessage}"` : '';
  if (status === 400) return new ApiError('invalid-input', `ConsCent refused the request as invalid.${said}`, undefined, status);
  if (status === 401) {
    return new ApiError('unauthorized', 'ConsCent rejected the API key or secret of this connection. Check them in Connections.', undefined, status);
  }
  if (status === 403) {
    return new ApiError(
      'forbidden',
      `These credentials are not allowed to do this.${said} Ask ConsCent (or your ConsCent account admin) to allow this API key to do it.`,
      undefined,
      status,
    );
  }
  // Usually reworded by the caller ("no reader with user id …"); otherwise the address is wrong.
  if (status === 404) {
    return new ApiError('not-found', `ConsCent found nothing at that address.${said} Check the connection's base URL (including its path, e.g. /api/v1).`, undefined, status);
  }
  if (status === 429) {
    const seconds = parseRetryAfter(retryAfter, now);
    const wait = seconds === undefined ? 'Wait a little' : `Wait ${seconds} s`;
    return new ApiError('rate-limited', `ConsCent is limiting requests. ${wait}, then try again.`, seconds, status);
  }
  if (status >= 500) {
    return new ApiError('server-error', `ConsCent had a problem (HTTP ${status}). Try again in a few minutes.${said}`, undefined, status);
  }
  return new ApiError(
    'unexpected-response',
    `ConsCent answered with an unexpected HTTP status ${status}. Check the connection's base URL in Connections; if it is right, try again later.`,
    undefined,
    status,
  );
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function errorCode(error: unknown): string | undefined {
  if (isAxiosError(error)) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (typeof cause?.code === 'string' && error.code !== 'ECONNABORTED' && error.code !== 'ERR_CANCELED') return cause.code;
    return error.code;
  }
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}
