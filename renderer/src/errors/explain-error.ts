import { CLIENT_ID_FIELD } from '../../../common/error-fields';
import type { BridgeError } from '../../../common/result';
import { conscentFailureWords } from './conscent-failure-words';
import { bulkFailureWords } from './bulk-failure-words';
import { FOLDER_IN_USE_SUMMARY, folderInUseDetail } from './folder-in-use-words';
import { historyFailureDetail, historyFailureWords } from './history-failure-words';
import { policyFailureWords } from './policy-failure-words';
import { fieldMessages, localFailureWords, type InputSubject } from './local-failure-words';

// Turns a bridge error into words a support agent can act on. Main reports only a kind
// and facts; every sentence the agent reads is made here: a summary of what happened and
// what to do, and a detail naming the cause (the host, the status, what ConsCent said).
// No summary blames a cause the error rules out (a refused connection is not an internet
// problem: the host answered).

/** What the agent was doing when the error happened; some kinds mean different things. */
export type ErrorContext = 'update' | 'lookup' | 'open-reader' | 'connections' | 'save-connection' | 'test-connection' | 'history';

export type ExplainedError = {
  /** One sentence saying what happened and what to do. */
  summary: string;
  /** The cause in more detail (host, status, ConsCent's words), when it adds to the summary. */
  detail?: string;
  /** Whether sending the same request again can help. */
  retryable: boolean;
};

export const TIMEOUT_UPDATE_SUMMARY =
  'ConsCent did not answer in time — the change may or may not have been applied; look the reader up again before retrying.';

export const UPDATE_IN_FLIGHT_SUMMARY =
  'A save for this reader is already being sent to ConsCent. Wait for it to finish, then look the reader up again before changing anything else.';

export const UNAUTHORIZED_SUMMARY = 'ConsCent rejected the API key or secret of this connection. Check them in Connections.';

function summaryFor(error: BridgeError, context: ErrorContext): { summary: string; retryable: boolean } {
  switch (error.kind) {
    case 'no-answer':
      return {
        summary:
          context === 'update'
            ? "The console's background process did not answer, so it cannot tell whether the change reached ConsCent. Look the reader up again before retrying."
            : "The console's background process did not answer. Try again; if it keeps happening, restart the console.",
        retryable: true,
      };
    case 'update-in-flight':
      return { summary: UPDATE_IN_FLIGHT_SUMMARY, retryable: false };
    case 'superseded':
      // The page shows the newer search's answer instead; said only if it ever reaches the agent.
      return { summary: 'A newer search replaced this one, so it was stopped. Check the newer search, or search again.', retryable: false };
    case 'bulk':
      return { summary: bulkFailureWords(error), retryable: false };
    case 'history':
      return { summary: historyFailureWords(error, context === 'update'), retryable: error.reason === 'history-unwritable' };
    case 'invalid-input':
      return { summary: invalidInputSummary(error, context), retryable: false };
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
          context === 'update' || context === 'open-reader'
            ? 'ConsCent has no reader with this user id on this connection (it may have been deleted, or belong to another environment). Check the user id and which connection is active.'
            : context === 'test-connection'
              ? 'ConsCent answered "not found": the base URL is probably wrong. Check its path (e.g. /api/v1).'
              : "ConsCent could not find what was asked for. Check the connection's base URL in Connections.",
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
      return { summary: networkSummary(error, context), retryable: true };
    case 'timeout':
      return {
        summary: context === 'update' ? TIMEOUT_UPDATE_SUMMARY : 'ConsCent did not answer in time. Try again in a moment.',
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
        summary:
          "The system keychain could not be used to store or read this connection's API key and secret. Do what the details below say, then try again.",
        retryable: true,
      };
    case 'settings':
      return { summary: "The console's settings file could not be read or written. Do what the details below say, then try again.", retryable: true };
    case 'not-configured':
      return {
        summary: 'This connection is not set up completely. Open Connections and check it (API key and secret included).',
        retryable: false,
      };
    case 'rejected-sender':
      return { summary: 'The console refused a request from this window. Restart the console.', retryable: false };
    case 'data-folder-in-use':
      return { summary: FOLDER_IN_USE_SUMMARY, retryable: true };
    case 'policy':
      return { summary: policyFailureWords(error), retryable: false };
    default: {
      // Every kind has its words above: a kind added to BridgeError without them fails to compile here.
      const unknownKind: never = error;
      // A newer main (or a damaged answer) could still send one; say something true rather than nothing.
      void unknownKind;
      return {
        summary: 'Something went wrong in the console. Try again; if it keeps happening, send the support log to your IT team.',
        retryable: true,
      };
    }
  }
}

function invalidInputSummary(error: BridgeError, context: ErrorContext): string {
  const fields = Object.keys(fieldMessages(error));
  if (fields.includes(CLIENT_ID_FIELD)) {
    return context === 'test-connection' || context === 'save-connection'
      ? 'ConsCent refused the Client ID. Correct the Client ID marked below: copy it again from the ConsCent dashboard (Integrations page).'
      : "ConsCent refused this connection's Client ID. Open Connections, edit this connection and correct its Client ID (ConsCent dashboard, Integrations page).";
  }
  if (fields.length > 0) {
    return context === 'update'
      ? 'Some values were refused. Fix the fields marked below, then review the changes again.'
      : 'Some values were refused. Fix the fields marked below.';
  }
  // Nothing to mark: point at the message, which names the value when anyone knows it.
  switch (context) {
    case 'update':
      return 'ConsCent refused the changes. Go back to editing and correct the value named in the details below, then review again; if none is named, send the support log to your IT team.';
    case 'lookup':
      return 'The search was refused. Correct it as the details below say, then search again.';
    default:
      return "The request was refused. Correct what the details below name; if they name nothing, check this connection's settings in Connections.";
  }
}

function networkSummary(error: BridgeError, context: ErrorContext): string {
  switch (error.reason) {
    case 'connection-refused':
      return "Nothing answered at this connection's address. Check the host and port of its base URL in Connections, or start the server it points at (e.g. the local simulator).";
    case 'host-not-found':
      return "The server named in this connection's base URL could not be found. Check the base URL in Connections, and this computer's internet connection.";
    case 'offline':
      return 'This computer seems to be offline. Check the network (and VPN), then try again.';
    case 'dropped':
      return context === 'update'
        ? 'The connection dropped before ConsCent answered, so the console cannot tell whether the change was applied. Look the reader up again before retrying.'
        : "The connection dropped before ConsCent answered. Check this computer's network (and VPN or proxy), then try again.";
    case 'certificate':
      return error.issuer
        ? `The secure connection was stopped: the server's certificate was issued by "${error.issuer}", which this computer does not trust. Nothing was sent. Ask your IT team about it (see the details).`
        : "The secure connection was stopped because the server's certificate could not be verified, and nothing was sent. Do not continue on this network; tell your IT team.";
    case 'proxy-unreachable':
    case 'proxy-refused':
    case 'proxy-unsupported':
      return "The console could not get through this network's proxy, and nothing was sent to ConsCent. Do what the details below say.";
    case 'proxy-auth-required':
    case 'proxy-auth-rejected':
      return "This network's proxy wants your proxy user name and password. Enter them with Test connection in Connections.";
    case 'not-https':
    case 'tls':
      return "No secure connection could be made at this connection's address. Check its base URL (https:// and the port) in Connections; if it is right, tell your IT team.";
    default:
      return "The console could not reach ConsCent. Check the connection's base URL in Connections and this computer's network (and VPN or proxy), then try again.";
  }
}

const SUBJECTS: Record<ErrorContext, InputSubject> = {
  update: 'The changes',
  lookup: 'The search',
  'open-reader': 'The user id',
  connections: 'The connection',
  'save-connection': 'The connection',
  'test-connection': 'The connection',
  history: 'The request',
};

/** The cause in words, from the facts; undefined when the summary says it all. */
export function failureDetail(error: BridgeError, context: ErrorContext): string | undefined {
  return (
    conscentFailureWords(error, context === 'update') ??
    localFailureWords(error, SUBJECTS[context], context === 'test-connection') ??
    historyFailureDetail(error) ??
    (error.kind === 'data-folder-in-use' ? folderInUseDetail(error) : undefined) ??
    (error.kind === 'bulk' ? bulkFailureWords(error) : undefined)
  );
}

export function explainError(error: BridgeError, context: ErrorContext): ExplainedError {
  const { summary, retryable } = summaryFor(error, context);
  const words = failureDetail(error, context)?.trim();
  // Repeating the summary as "detail" would only add noise.
  const detail = words && words !== summary ? words : undefined;
  return detail ? { summary, detail, retryable } : { summary, retryable };
}
