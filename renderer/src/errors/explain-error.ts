import type { BridgeError } from '../../../common/result';
import { adviceText, IN_CONNECTION_SETTINGS, type Advice, type ErrorContext, type FixAction } from './advice';
import { bulkFailureWords } from './bulk-failure-words';
import { conscentFailureWords } from './conscent-failure-words';
import { folderInUseWords } from './folder-in-use-words';
import { historyFailureWords } from './history-failure-words';
import { localFailureWords } from './local-failure-words';
import { policyFailureWords } from './policy-failure-words';

// Turns a bridge error into words a support agent can act on. Main reports only a kind
// and facts; every sentence the agent reads is made here (and in the *-words.ts modules):
// one sentence of what happened, one of what to do, and the button that does it where one
// can (issue 22.3). No message blames a cause the facts rule out (a refused connection is
// not an internet problem; ConsCent's own host name is not misspelt).

export { ERROR_CONTEXTS, type ErrorContext, type FixAction } from './advice';

export type ExplainedError = Advice & {
  /** Whether sending the same request again can help. */
  retryable: boolean;
};

function adviceFor(error: BridgeError, context: ErrorContext): Advice {
  const update = context === 'update';
  switch (error.kind) {
    case 'no-answer':
      return update
        ? {
            what: "The console's background process did not answer.",
            todo: 'Refresh the reader to see what ConsCent has now before sending the change again.',
            fix: 'refresh',
          }
        : {
            what: "The console's background process did not answer.",
            todo: 'Try again; if it keeps happening, restart the console.',
            fix: 'try-again',
          };
    case 'update-in-flight':
      return {
        what: 'A save for this reader is already being sent to ConsCent.',
        todo: 'Wait for it to finish, then refresh the reader before changing anything else.',
      };
    case 'superseded':
      // The page shows the newer search's answer instead; said only if it ever reaches the agent.
      return { what: 'A newer search replaced this one, so it was stopped.', todo: 'Check the newer search, or search again.' };
    case 'bulk':
      return bulkFailureWords(error);
    case 'history':
      return historyFailureWords(error, update);
    case 'data-folder-in-use':
      return folderInUseWords(error);
    case 'policy':
      return policyFailureWords(error);
    case 'invalid-input':
    case 'keychain':
    case 'settings':
    case 'not-configured':
    case 'rejected-sender':
      return localFailureWords(error, context) ?? SOMETHING_WRONG;
    case 'unauthorized':
    case 'forbidden':
    case 'not-found':
    case 'rate-limited':
    case 'server-error':
    case 'network':
    case 'timeout':
    case 'unexpected-response':
      return conscentFailureWords(error, context) ?? SOMETHING_WRONG;
    default: {
      // Every kind has its words above: a kind added to BridgeError without them fails to compile here.
      const unknownKind: never = error;
      // A newer main (or a damaged answer) could still send one; say something true rather than nothing.
      void unknownKind;
      return SOMETHING_WRONG;
    }
  }
}

const SOMETHING_WRONG: Advice = {
  what: 'Something went wrong in the console.',
  todo: 'Try again; if it keeps happening, send the support log to your IT team.',
  fix: 'try-again',
};

/** Whether sending the same request again can help. */
function retryableOf(error: BridgeError): boolean {
  switch (error.kind) {
    case 'update-in-flight':
    case 'superseded':
    case 'bulk':
    case 'invalid-input':
    case 'not-configured':
    case 'rejected-sender':
    case 'policy':
      return false;
    case 'history':
      return error.reason === 'history-unwritable';
    default:
      return true;
  }
}

export function explainError(error: BridgeError, context: ErrorContext): ExplainedError {
  const words = adviceFor(error, context);
  // On the Connections screen the agent is already where the settings are.
  const fix: FixAction | undefined = words.fix === 'open-connection-settings' && IN_CONNECTION_SETTINGS.has(context) ? undefined : words.fix;
  const retryable = retryableOf(error);
  return fix ? { what: words.what, todo: words.todo, fix, retryable } : { what: words.what, todo: words.todo, retryable };
}

/** The explanation as one line of plain text: a bulk row's message, a test's or a script's view of it. */
export function explainErrorText(error: BridgeError, context: ErrorContext): string {
  return adviceText(explainError(error, context));
}
