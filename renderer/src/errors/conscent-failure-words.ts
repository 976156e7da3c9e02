import type { BridgeError, ErrorOf } from '../../../common/result';
import { advice, isConscentHost, isLocalHost, type Advice, type ErrorContext } from './advice';

// What a failed ConsCent call was, in an agent's words, from the facts main reported
// (host, status, error code, ConsCent's own message). The advice follows the facts: a
// name that cannot be found on ConsCent's own host is this computer's network, not a
// misspelt URL; a refused connection is the server, not the internet.

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

/**
 * After a failure that may follow an applied change: the reader as ConsCent has it decides
 * what to do next. That the change may or may not have been applied is the review's title
 * (and the bulk row's outcome), so the sentence of what happened does not say it again.
 */
const REFRESH_FIRST = 'Refresh the reader to see what ConsCent has now before sending the change again.';
const CHECK_NETWORK = "Check this computer's network (and VPN or proxy), then try again.";

function certificateWords(error: ErrorOf<'network'>, host: string): Advice {
  const issuer = error.issuer;
  if (issuer && UNKNOWN_AUTHORITY.has(error.code ?? '')) {
    return advice(
      `The secure connection to ${host} was refused, so nothing was sent: its certificate was issued by "${issuer}", an authority this computer does not trust.`,
      `If "${issuer}" is your company's (a proxy that inspects secure traffic), ask IT to install the company certificate on this computer or paste it under "Extra trusted certificate" in Connections; if you do not recognise the name, do not continue on this network and tell your IT team.`,
      'open-connection-settings',
    );
  }
  const cause = CERTIFICATE_CAUSES.get(error.code ?? '') ?? 'the certificate is not acceptable';
  return advice(
    `The secure connection to ${host} was refused, so nothing was sent: its certificate could not be verified (${cause}${issuer ? `, issued by "${issuer}"` : ''}).`,
    'Do not continue on this network (someone may be intercepting it), and tell your IT team.',
  );
}

/** Proxy failures (issue 13): what went wrong on the way through the proxy, and who can fix it. */
function proxyWords(error: ErrorOf<'network'>, host: string): Advice {
  const proxy = error.proxy ?? 'the proxy';
  switch (error.reason) {
    case 'proxy-unreachable':
      return advice(
        `The proxy ${proxy} could not be reached${error.code ? ` (${error.code})` : ''}, so nothing was sent to ConsCent.`,
        "If this connection has a manual proxy, check its address in Connections; otherwise ask IT whether the proxy is down or this computer's proxy settings are out of date.",
        'open-connection-settings',
      );
    case 'proxy-auth-required':
      return advice(
        `The proxy ${proxy} asks for a user name and password, so nothing was sent to ConsCent.`,
        'Edit this connection in Connections and press Test connection to enter your proxy (network) user name and password, which the console keeps in the system keychain.',
        'open-connection-settings',
      );
    case 'proxy-auth-rejected':
      return advice(
        `The proxy ${proxy} did not accept the proxy user name and password, so nothing was sent to ConsCent.`,
        'Enter them again in Connections (edit the connection, then Test connection), and ask IT if you do not know them.',
        'open-connection-settings',
      );
    case 'proxy-refused': {
      const what = `The proxy ${proxy} would not open a connection to ${host}${error.status ? ` (it answered HTTP ${error.status})` : ''}, so nothing was sent to ConsCent.`;
      // ConsCent's own host is the right one: only IT can let it through.
      return isConscentHost(error.host)
        ? advice(what, `Ask IT to allow ${host} through the proxy.`)
        : advice(
            what,
            `Check the connection's base URL in Connections; if it is right, ask IT to allow ${host} through the proxy.`,
            'open-connection-settings',
          );
    }
    default:
      return advice(
        `This computer's proxy settings send ${host} through a proxy the console cannot use (${proxy}).`,
        'Choose "No proxy" or a manual proxy for this connection in Connections, or ask IT for an HTTP proxy address.',
        'open-connection-settings',
      );
  }
}

function networkWords(error: ErrorOf<'network'>, host: string, update: boolean): Advice {
  const conscentHost = isConscentHost(error.host);
  switch (error.reason) {
    case 'connection-refused': {
      const what = `Nothing is accepting connections at ${host} (the connection was refused).`;
      if (isLocalHost(error.host)) {
        return advice(
          what,
          "Start the server it points at (e.g. the local simulator) and check the host and port of the connection's base URL, then try again.",
          'try-again',
        );
      }
      return conscentHost
        ? advice(what, 'Check whether a firewall, VPN or proxy on this network blocks ConsCent, then try again.', 'try-again')
        : advice(
            what,
            "Check the host and port of the connection's base URL in Connections, and that the server it points at is running.",
            'open-connection-settings',
          );
    }
    case 'host-not-found':
      // On ConsCent's own host the name is right: the agent never typed anything to misspell.
      return conscentHost
        ? advice(
            `The server name ${host} could not be found, although it is ConsCent's own address, so this computer's network could not look it up.`,
            "Check this computer's internet connection, DNS and VPN or proxy (ask IT if other sites fail too), then try again.",
            'try-again',
          )
        : advice(
            `The server name ${host} could not be found.`,
            "Check the spelling of the connection's base URL in Connections, and this computer's internet connection.",
            'open-connection-settings',
          );
    case 'dropped':
      return update
        ? advice(`The connection to ${host} was dropped before ConsCent answered.`, REFRESH_FIRST, 'refresh')
        : advice(`The connection to ${host} was dropped before ConsCent answered.`, CHECK_NETWORK, 'try-again');
    case 'offline':
      return advice(
        `This computer seems to be offline: ${host} cannot be reached.`,
        'Check the network cable or Wi-Fi (and VPN), then try again.',
        'try-again',
      );
    case 'certificate':
      return certificateWords(error, host);
    case 'proxy-unreachable':
    case 'proxy-auth-required':
    case 'proxy-auth-rejected':
    case 'proxy-refused':
    case 'proxy-unsupported':
      return proxyWords(error, host);
    case 'not-https':
      return conscentHost
        ? advice(
            `${host} did not answer with HTTPS, so nothing was sent.`,
            "Check that the connection's base URL uses https:// and no port, and ask IT whether this network alters secure traffic.",
            'open-connection-settings',
          )
        : advice(
            `${host} did not answer with HTTPS on that port, so nothing was sent.`,
            "Check the connection's base URL (https:// and the port) in Connections.",
            'open-connection-settings',
          );
    case 'tls':
      return conscentHost
        ? advice(
            `The secure connection to ${host} failed (${error.code ?? 'TLS error'}).`,
            "Check this computer's network (and VPN or proxy); if it keeps failing, tell your IT team.",
            'try-again',
          )
        : advice(
            `The secure connection to ${host} failed (${error.code ?? 'TLS error'}).`,
            "Check the connection's base URL in Connections; if it is right, tell your IT team.",
            'open-connection-settings',
          );
    default: {
      const what = `The request to ${host} failed (${error.code ?? 'unknown network error'}).`;
      if (update && error.code === undefined) return advice(what, REFRESH_FIRST, 'refresh');
      return conscentHost
        ? advice(what, CHECK_NETWORK, 'try-again')
        : advice(what, "Check the connection's base URL in Connections and this computer's network, then try again.", 'try-again');
    }
  }
}

function unexpectedWords(error: ErrorOf<'unexpected-response'>, host: string, update: boolean): Advice {
  if (error.reason === 'console-fault' || error.reason === undefined) {
    return advice(
      'Something unexpected went wrong in the console.',
      'Try again; if it keeps happening, send the support log to your IT team.',
      'try-again',
    );
  }
  const said =
    error.reason === 'too-large'
      ? `ConsCent (${host}) sent a response far larger than expected, so the console stopped reading it`
      : error.reason === 'not-json'
        ? `ConsCent (${host}) answered with something that is not JSON`
        : error.reason === 'wrong-shape'
          ? `ConsCent (${host}) answered in a shape the console does not understand`
          : `ConsCent (${host}) answered with an unexpected HTTP status ${error.status ?? 'code'}`;
  if (update && !(error.reason === 'odd-status' && error.status !== undefined && error.status >= 400 && error.status < 500)) {
    return advice(`${said}.`, REFRESH_FIRST, 'refresh');
  }
  // ConsCent's own host is the right server: a wrong answer there is not the URL's fault.
  if (isConscentHost(error.host)) {
    return advice(`${said}.`, 'Try again in a few minutes; if it keeps happening, send the support log to your IT team.', 'try-again');
  }
  return advice(
    `${said}.`,
    "Check that the connection's base URL in Connections points at ConsCent's API (e.g. ending in /api/v1).",
    'open-connection-settings',
  );
}

/** The words for a failure of a ConsCent call; undefined for kinds that are not one. */
export function conscentFailureWords(error: BridgeError, context: ErrorContext): Advice | undefined {
  const update = context === 'update';
  // Each kind of a ConsCent call has the host; those that got an answer, ConsCent's words.
  const host = ('host' in error && error.host) || 'ConsCent';
  const said = 'apiMessage' in error && error.apiMessage ? ` (ConsCent said: "${error.apiMessage}")` : '';
  switch (error.kind) {
    case 'network':
      return networkWords(error, host, update);
    case 'timeout': {
      const what = `ConsCent (${host}) did not answer within ${error.timeoutSeconds ?? 'the allowed'} s`;
      return update ? advice(`${what}.`, REFRESH_FIRST, 'refresh') : advice(`${what}.`, 'Try again in a moment.', 'try-again');
    }
    case 'unexpected-response':
      return unexpectedWords(error, host, update);
    case 'unauthorized':
      return context === 'test-connection'
        ? advice(`ConsCent rejected the API key or secret${said}.`, 'Copy them again from the ConsCent dashboard (Integrations page).')
        : advice(
            `ConsCent rejected the API key or secret of this connection${said}.`,
            'Check them in Connections (copy them again from the ConsCent dashboard, Integrations page).',
            'open-connection-settings',
          );
    case 'forbidden':
      return advice(
        `ConsCent refused this action for this connection's API key${said}.`,
        'Ask ConsCent (or your ConsCent account admin) to allow this API key to do it.',
      );
    case 'not-found':
      return error.reason === 'no-such-reader' || update || context === 'open-reader'
        ? advice(
            `ConsCent has no reader with ${error.userId ? `user id ${error.userId}` : 'this user id'} on this connection${update ? ', so nothing was changed' : ''}.`,
            'Check the user id, and which connection is active (the reader may be in another environment).',
          )
        : advice(
            `ConsCent found nothing at that address${said}.`,
            "Check the connection's base URL in Connections, including its path (e.g. /api/v1).",
            'open-connection-settings',
          );
    case 'rate-limited': {
      const wait = error.retryAfterSeconds;
      return advice(
        'ConsCent is receiving too many requests from this connection.',
        wait !== undefined ? `Wait ${Math.ceil(wait)} s, then try again.` : 'Wait a moment, then try again.',
        'try-again',
      );
    }
    case 'server-error': {
      const answered = `HTTP ${error.status ?? 'error'}${error.apiMessage ? `, saying "${error.apiMessage}"` : ''}`;
      return update
        ? advice(`ConsCent had a problem on its side (${answered}).`, REFRESH_FIRST, 'refresh')
        : advice(
            `ConsCent had a problem on its side (${answered}).`,
            'Try again in a few minutes; if it keeps failing, contact ConsCent support.',
            'try-again',
          );
    }
    default:
      return undefined;
  }
}
