import type { BridgeError } from './result';

// What a failed save means for the reader, decided in one place for the single save, its
// history entry, the review dialog and the bulk run alike. Once the PATCH may have left,
// only two answers prove anything: a well-formed success (saved) and a 4xx refusal (nothing
// was applied). A 5xx, a timeout, a dropped connection, an answer that is cut short, not
// JSON, the wrong shape or too large may all come after ConsCent applied the change, so the
// outcome is unknown: the agent is told to look the reader up again, never "not saved".

/** Network failures that happen before any request leaves this computer. */
const NOTHING_SENT: readonly BridgeError['reason'][] = [
  'connection-refused',
  'host-not-found',
  'offline',
  'certificate',
  'not-https',
  'tls',
  'proxy-unreachable',
  'proxy-auth-required',
  'proxy-auth-rejected',
  'proxy-refused',
  'proxy-unsupported',
];

/** Failed: nothing was applied (it may be sent again). Unknown: it may have been applied. */
export function saveOutcomeOf(error: BridgeError): 'failed' | 'unknown' {
  switch (error.kind) {
    case 'timeout':
    case 'server-error':
    case 'no-answer':
      return 'unknown';
    case 'unexpected-response':
      // A status ConsCent does not document is still a refusal when it is a 4xx.
      return error.reason === 'odd-status' && error.status !== undefined && error.status >= 400 && error.status < 500 ? 'failed' : 'unknown';
    case 'network':
      return NOTHING_SENT.includes(error.reason) ? 'failed' : 'unknown';
    default:
      return 'failed';
  }
}
