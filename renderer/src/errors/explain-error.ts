import type { BridgeError } from '../../../common/result';
import { BRIDGE_UNANSWERED_MESSAGE } from '../bridge/safe-call';

// Turns a bridge error into words a support agent can act on. The main process's own
// message is kept as the detail: it is written for people and may name the cause.

/** What the agent was doing when the error happened; some kinds mean different things. */
export type ErrorContext = 'update' | 'lookup' | 'load-user' | 'profiles' | 'save-profile' | 'test-connection';

export type ExplainedError = {
  /** One sentence saying what happened and what to do. */
  summary: string;
  /** The message from the main process, when it adds something to the summary. */
  detail?: string;
  /** Whether sending the same request again can help. */
  retryable: boolean;
};

export const TIMEOUT_UPDATE_SUMMARY =
  'ConsCent did not answer in time — the change may or may not have been applied; look the reader up again before retrying.';

export const UNAUTHORIZED_SUMMARY =
  'ConsCent rejected the API key or secret of this connection. Check them in Connections.';

function summaryFor(error: BridgeError, context: ErrorContext): { summary: string; retryable: boolean } {
  if (error.message === BRIDGE_UNANSWERED_MESSAGE) {
    return {
      summary:
        context === 'update'
          ? "The console's background process did not answer, so it cannot tell whether the change reached ConsCent. Look the reader up again before retrying."
          : "The console's background process did not answer. Try again; if it keeps happening, restart the console.",
      retryable: true,
    };
  }
  switch (error.kind) {
    case 'invalid-input':
      return {
        summary:
          context === 'update'
            ? 'Some values were refused. Fix the fields marked below, then review the changes again.'
            : 'Some values were refused. Fix the fields marked below.',
        retryable: false,
      };
    case 'unauthorized':
      return {
        summary:
          context === 'test-connection'
            ? 'ConsCent rejected this API key or secret. Copy them again from the ConsCent dashboard (Integrations page).'
            : UNAUTHORIZED_SUMMARY,
        retryable: true,
      };
    case 'forbidden':
      return {
        summary: "ConsCent refused this action for this connection's credentials. Ask ConsCent whether this API key may do it.",
        retryable: true,
      };
    case 'not-found':
      return {
        summary:
          context === 'update' || context === 'load-user'
            ? 'ConsCent has no reader with this user id on this connection (it may have been deleted, or belong to another environment).'
            : context === 'test-connection'
              ? 'ConsCent answered "not found": the base URL is probably wrong.'
              : 'ConsCent could not find what was asked for.',
        retryable: true,
      };
    case 'rate-limited': {
      const wait = error.retryAfterSeconds;
      return {
        summary:
          wait !== undefined
            ? `ConsCent is receiving too many requests from this connection: retry after ${Math.ceil(wait)} s.`
            : 'ConsCent is receiving too many requests from this connection: wait a moment, then retry.',
        retryable: true,
      };
    }
    case 'server-error':
      return {
        summary:
          context === 'update'
            ? 'ConsCent had a problem on its side and did not confirm the change. Try again in a moment; if it keeps failing, contact ConsCent support.'
            : 'ConsCent had a problem on its side. Try again in a moment; if it keeps failing, contact ConsCent support.',
        retryable: true,
      };
    case 'network':
      return {
        summary:
          "The console could not reach ConsCent. Check this computer's internet connection (and VPN or proxy), then try again.",
        retryable: true,
      };
    case 'timeout':
      return {
        summary:
          context === 'update' ? TIMEOUT_UPDATE_SUMMARY : 'ConsCent did not answer in time. Try again in a moment.',
        retryable: true,
      };
    case 'unexpected-response':
      return {
        summary:
          context === 'update'
            ? 'ConsCent answered with something the console does not understand, so it cannot tell whether the change was applied. Look the reader up again before retrying.'
            : 'ConsCent answered with something the console does not understand. Check the base URL of this connection, or try again.',
        retryable: true,
      };
    case 'keychain':
      return {
        summary: "The system keychain could not be used to store or read this connection's API key and secret.",
        retryable: true,
      };
    case 'settings':
      return { summary: "The console's settings file could not be read or written.", retryable: true };
    case 'not-configured':
      return {
        summary: 'This connection is not set up completely. Open Connections and check it (API key and secret included).',
        retryable: false,
      };
    case 'rejected-sender':
      return { summary: 'The console refused a request from this window. Restart the console.', retryable: false };
  }
}

export function explainError(error: BridgeError, context: ErrorContext): ExplainedError {
  const { summary, retryable } = summaryFor(error, context);
  const message = error.message.trim();
  // Repeating the summary (or our own stand-in message) as "detail" would only add noise.
  const detail = message !== '' && message !== summary && message !== BRIDGE_UNANSWERED_MESSAGE ? message : undefined;
  return detail ? { summary, detail, retryable } : { summary, retryable };
}
