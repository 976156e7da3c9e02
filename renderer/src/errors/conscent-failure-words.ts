import type { BridgeError, ErrorOf } from '../../../common/result';

// What a failed ConsCent call was, in an agent's words, from the facts main reported
// (host, status, error code, ConsCent's own message). explainError shows these as the
// detail under its summary; every one names what to do.

/** Certificate failures by the code Node puts on the error (OpenSSL's X509 verify names). */
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

/**
 * Codes that mean "no trusted authority vouches for this chain": what TLS inspection by a
 * company root causes. A bare self-signed server certificate is not such an authority, so
 * it keeps the "do not continue" words (with its issuer's name).
 */
const UNKNOWN_AUTHORITY: ReadonlySet<string> = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function unknownAuthorityWords(host: string, issuer: string): string {
  return (
    `The secure connection to ${host} was refused: its certificate was issued by "${issuer}", an authority this computer does not trust. Nothing was sent. ` +
    `If "${issuer}" is your company's (a proxy that inspects secure traffic), ask IT to install the company certificate on this computer, ` +
    'or paste it into this connection under "Extra trusted certificate" in Connections. If you do not recognise the name, do not continue on this network, and tell your IT team.'
  );
}

/** Proxy failures (issue 13): what went wrong on the way through the proxy, and who can fix it. */
function proxyWords(error: ErrorOf<'network'>, host: string): string {
  const proxy = error.proxy ?? 'the proxy';
  switch (error.reason) {
    case 'proxy-unreachable':
      return (
        `The proxy ${proxy} could not be reached${error.code ? ` (${error.code})` : ''}, so nothing was sent to ConsCent. ` +
        "If this connection has a manual proxy, check its address in Connections; otherwise ask IT whether the proxy is down or this computer's proxy settings are out of date."
      );
    case 'proxy-auth-required':
      return (
        `The proxy ${proxy} asks for a user name and password, so nothing was sent to ConsCent. ` +
        'Open Connections, edit this connection and press Test connection: enter your proxy (network) user name and password when asked. The console keeps them in the system keychain.'
      );
    case 'proxy-auth-rejected':
      return (
        `The proxy ${proxy} did not accept the proxy user name and password, so nothing was sent to ConsCent. ` +
        'Enter them again in Connections (edit the connection, then Test connection); ask IT if you do not know them.'
      );
    case 'proxy-refused':
      return (
        `The proxy ${proxy} would not open a connection to ${host}${error.status ? ` (it answered HTTP ${error.status})` : ''}, so nothing was sent to ConsCent. ` +
        `Check the connection's base URL; if it is right, ask IT to allow ${host} through the proxy.`
      );
    default:
      return (
        `This computer's proxy settings send ${host} through a proxy the console cannot use (${proxy}). ` +
        'Choose "No proxy" or a manual proxy for this connection in Connections, or ask IT for an HTTP proxy address.'
      );
  }
}

const DROPPED = (host: string) => `The connection to ${host} was dropped before ConsCent answered. Check this computer's network (and VPN or proxy).`;

function networkWords(error: ErrorOf<'network'>, host: string): string {
  switch (error.reason) {
    case 'connection-refused':
      return (
        `Nothing is accepting connections at ${host} (the connection was refused). ` +
        "Check the host and port of the connection's base URL in Connections, or that the server it points at (e.g. a local simulator) is running."
      );
    case 'host-not-found':
      return `The server name ${host} could not be found. Check the spelling of the connection's base URL in Connections, and this computer's internet connection (and VPN).`;
    case 'dropped':
      return DROPPED(host);
    case 'offline':
      return `This computer seems to be offline: ${host} cannot be reached. Check the network cable or Wi-Fi (and VPN), then try again.`;
    case 'certificate':
      return error.issuer && UNKNOWN_AUTHORITY.has(error.code ?? '')
        ? unknownAuthorityWords(host, error.issuer)
        : `The secure connection to ${host} was refused because its certificate could not be verified: ` +
            `${CERTIFICATE_CAUSES.get(error.code ?? '') ?? 'the certificate is not acceptable'}${error.issuer ? ` (issued by "${error.issuer}")` : ''}. Nothing was sent. ` +
            'Someone may be intercepting this network: do not continue on it, and tell your IT team.';
    case 'proxy-unreachable':
    case 'proxy-auth-required':
    case 'proxy-auth-rejected':
    case 'proxy-refused':
    case 'proxy-unsupported':
      return proxyWords(error, host);
    case 'not-https':
      return `${host} did not answer with HTTPS on that port. Check the connection's base URL (https:// and the port) in Connections. Nothing was sent.`;
    case 'tls':
      return `The secure connection to ${host} failed (${error.code ?? 'TLS error'}). Check the connection's base URL in Connections; if it is right, tell your IT team.`;
    default:
      return `The request to ${host} failed (${error.code ?? 'unknown network error'}). Check the connection's base URL in Connections and this computer's network, then try again.`;
  }
}

function unexpectedWords(error: ErrorOf<'unexpected-response'>, host: string): string {
  switch (error.reason) {
    case 'too-large':
      return `ConsCent (${host}) sent a response far larger than expected, so the console stopped reading it. Check that the connection's base URL points at ConsCent's API.`;
    case 'not-json':
      return `ConsCent (${host}) answered with something that is not JSON. The base URL may point at the wrong server.`;
    case 'wrong-shape':
      return `ConsCent (${host}) answered in a shape the console does not understand. The base URL may point at the wrong server or API version.`;
    case 'odd-status':
      return `ConsCent answered with an unexpected HTTP status ${error.status ?? 'code'}. Check the connection's base URL in Connections; if it is right, try again later.`;
    default:
      return 'Something unexpected went wrong in the console. Try again; if it keeps happening, send the support log to your IT team.';
  }
}

/** The words for a failure of a ConsCent call; undefined for kinds that are not one. */
export function conscentFailureWords(error: BridgeError, update: boolean): string | undefined {
  // Each kind of a ConsCent call has the host; those that got an answer, ConsCent's words.
  const host = ('host' in error && error.host) || 'ConsCent';
  const said = 'apiMessage' in error && error.apiMessage ? ` ConsCent said: "${error.apiMessage}"` : '';
  switch (error.kind) {
    case 'network':
      return networkWords(error, host);
    case 'timeout':
      return `ConsCent (${host}) did not answer within ${error.timeoutSeconds ?? 'the allowed'} s.`;
    case 'unexpected-response':
      return unexpectedWords(error, host);
    case 'unauthorized':
      return 'ConsCent rejected the API key or secret of this connection. Check them in Connections.';
    case 'forbidden':
      return `These credentials are not allowed to do this.${said} Ask ConsCent (or your ConsCent account admin) to allow this API key to do it.`;
    case 'not-found':
      return error.reason === 'no-such-reader'
        ? `ConsCent has no reader with user id ${error.userId ?? 'that was asked for'}.${update ? ' Nothing was changed.' : ''}`
        : `ConsCent found nothing at that address.${said} Check the connection's base URL (including its path, e.g. /api/v1).`;
    case 'rate-limited': {
      const wait = error.retryAfterSeconds === undefined ? 'Wait a little' : `Wait ${error.retryAfterSeconds} s`;
      return `ConsCent is limiting requests. ${wait}, then try again.`;
    }
    case 'server-error':
      return `ConsCent had a problem (HTTP ${error.status ?? 'error'}). Try again in a few minutes.${said}`;
    default:
      return undefined;
  }
}
