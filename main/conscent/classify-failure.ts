import { isAxiosError } from 'axios';
import type { NetworkReason } from '../../common/result';
import { ProxyLegError } from '../network/tunnel-agent';
import { ApiError } from './api-error';

// The one place that decides what a failed ConsCent call was: whatever axios or the
// network threw, or whatever status ConsCent answered, becomes an ApiError with a kind
// and facts (host, status, code, ConsCent's own message). The retry policy decides from
// these same facts; the renderer words them. Raw error text never becomes a fact: it can
// carry URLs with credentials, headers or stack details.

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ESOCKETTIMEDOUT']);

const REASON_BY_CODE: ReadonlyMap<string, NetworkReason> = new Map([
  // The host answered, so the network is fine: nothing listens at that port.
  ['ECONNREFUSED', 'connection-refused'],
  ['ENOTFOUND', 'host-not-found'],
  ['EAI_AGAIN', 'host-not-found'],
  ['ECONNRESET', 'dropped'],
  ['EPIPE', 'dropped'],
  ['ERR_STREAM_PREMATURE_CLOSE', 'dropped'],
  ['ENETUNREACH', 'offline'],
  ['EHOSTUNREACH', 'offline'],
  ['ENETDOWN', 'offline'],
  ['EADDRNOTAVAIL', 'offline'],
  // The other end answered, but not with TLS: typically https:// to a plain-HTTP port.
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'not-https'],
  ['ERR_SSL_HTTP_REQUEST', 'not-https'],
]);

/**
 * Certificate failures by the code Node puts on the error (OpenSSL's X509 verify names,
 * which Electron's BoringSSL is expected to keep). The renderer words each one.
 */
export function isCertificateCode(code: string): boolean {
  return code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code.startsWith('UNABLE_TO_GET_ISSUER');
}

const PROXY_REASONS: Record<ProxyLegError['code'], NetworkReason> = {
  ERR_PROXY_UNREACHABLE: 'proxy-unreachable',
  ERR_PROXY_AUTH_REQUIRED: 'proxy-auth-required',
  ERR_PROXY_AUTH_REJECTED: 'proxy-auth-rejected',
  ERR_PROXY_REFUSED: 'proxy-refused',
};

/** The proxy leg's failure, whether axios threw it as is or wrapped it as its cause. */
function proxyLegOf(error: unknown): ProxyLegError | undefined {
  if (error instanceof ProxyLegError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ProxyLegError ? cause : undefined;
}

export function classifyTransportFailure(error: unknown, host: string, timeoutMs: number): ApiError {
  if (error instanceof ApiError) return error;
  const leg = proxyLegOf(error);
  if (leg) {
    const { status, socketCode } = leg.facts;
    return new ApiError({
      kind: 'network',
      reason: PROXY_REASONS[leg.code],
      host,
      proxy: leg.proxy,
      ...(status === undefined ? {} : { status }),
      ...(socketCode === undefined ? {} : { code: socketCode }),
    });
  }
  const code = errorCode(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new ApiError({ kind: 'timeout', host, timeoutSeconds: Math.round(timeoutMs / 100) / 10 });
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(messageOf(error))) {
    return new ApiError({ kind: 'unexpected-response', reason: 'too-large', host });
  }
  const withCode = code === undefined ? {} : { code };
  const known = code === undefined ? undefined : REASON_BY_CODE.get(code);
  // Nothing was sent on a certificate failure: the handshake fails before any request.
  const reason: NetworkReason | undefined =
    known ??
    (code !== undefined && isCertificateCode(code)
      ? 'certificate'
      : code === 'EPROTO' && /wrong version number|http request/i.test(messageOf(error))
        ? 'not-https'
        : code !== undefined && (code === 'EPROTO' || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
          ? 'tls'
          : /socket hang up/i.test(messageOf(error))
            ? 'dropped'
            : undefined);
  return new ApiError({ kind: 'network', host, ...withCode, ...(reason ? { reason } : {}) });
}

export function classifyStatus(status: number, apiMessage: string | undefined, retryAfter: string | undefined, now: Date, host?: string): ApiError {
  const said = apiMessage ? { apiMessage } : {};
  const at = host ? { host } : {};
  if (status === 400) return new ApiError({ kind: 'invalid-input', reason: 'refused-by-conscent', status, ...said, ...at });
  if (status === 401) return new ApiError({ kind: 'unauthorized', status, ...said, ...at });
  if (status === 403) return new ApiError({ kind: 'forbidden', status, ...said, ...at });
  // Usually given a user id by the caller ("no reader with user id …"); otherwise the address is wrong.
  if (status === 404) return new ApiError({ kind: 'not-found', status, ...said, ...at });
  if (status === 429) {
    const seconds = parseRetryAfter(retryAfter, now);
    return new ApiError({ kind: 'rate-limited', status, ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }), ...said, ...at });
  }
  if (status >= 500) return new ApiError({ kind: 'server-error', status, ...said, ...at });
  return new ApiError({ kind: 'unexpected-response', reason: 'odd-status', status, ...at });
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

/** The error code of what axios (or the socket under it) threw; the cause's code when it has one. */
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
