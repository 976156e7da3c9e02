import type { SettingsRecovery } from '../../../common/connections-contract';
import { CLIENT_ID_FIELD } from '../../../common/error-fields';
import type { BridgeError, ErrorOf, KeychainReason } from '../../../common/result';
import { advice, adviceText, type Advice, type ErrorContext } from './advice';

// The console's own trouble in an agent's words: the keychain, the settings file, a
// connection that is not set up, input that was refused. Each says what happened, then
// once what to do.

const KEYCHAIN_WORDS: Record<KeychainReason, Advice> = {
  'no-dbus': advice(
    'The console cannot reach the desktop session bus (D-Bus), so it cannot use the system keychain.',
    'Start the console from a normal desktop login (not over SSH or from a bare terminal), then try again.',
    'keychain-help',
  ),
  'no-secret-service': advice(
    'No keychain service is running.',
    'On Linux install and start GNOME Keyring (or KWallet with its Secret Service), then try again.',
    'keychain-help',
  ),
  'no-keyring': advice(
    'The keychain has no default keyring to save into.',
    "Try again and create a keyring when asked, or create one in 'Passwords and Keys' and set it as default.",
    'keychain-help',
  ),
  locked: advice(
    'The keychain is locked.',
    "Unlock it (log in again, or open 'Passwords and Keys') and try again, entering your keychain password if a prompt appears.",
    'keychain-help',
  ),
  'access-denied': advice(
    'The keychain refused access to the console.',
    'Allow the console in your keychain or sandbox settings (or ask your IT team to allow it), then try again.',
    'keychain-help',
  ),
  timeout: advice(
    'The keychain did not answer in time.',
    'If an unlock prompt is open, answer it; otherwise restart GNOME Keyring (or log out and in again), then try again.',
    'keychain-help',
  ),
  'corrupt-entry': advice(
    'The saved API key and secret for this connection are damaged and cannot be used.',
    'Edit the connection, enter the API key and secret again and save.',
    'open-connection-settings',
  ),
  'restart-console': advice(
    'The keychain service was restarted and the console could not reconnect to it.',
    'Close the console and start it again (send or note any unsent edits first), then try again.',
  ),
  unknown: advice(
    'The system keychain reported an unexpected error.',
    'Try again; if it keeps happening, restart the keychain service (or log out and in again) and contact your administrator.',
    'keychain-help',
  ),
};

export function keychainAdvice(error: BridgeError): Advice {
  return KEYCHAIN_WORDS[(error.reason as KeychainReason | undefined) ?? 'unknown'] ?? KEYCHAIN_WORDS.unknown;
}

/** The keychain's trouble as one line (the keychain notice, the demo script). */
export function keychainWords(error: BridgeError): string {
  return adviceText(keychainAdvice(error));
}

/** "the proxy", "the extra trusted certificate", or both, as `trustChanged` lists them. */
function trustPartsWords(error: ErrorOf<'invalid-input' | 'not-configured'>): string {
  const parts = error.trustChanged ?? [];
  const certificate = parts.includes('certificate');
  const proxy = parts.includes('proxy');
  if (certificate && proxy) return 'the proxy and the extra trusted certificate';
  return certificate ? 'the extra trusted certificate' : proxy ? 'the proxy' : 'the proxy or the extra trusted certificate';
}

const NOT_A_CA = advice(
  "This is a server's own certificate, not a certificate authority's, so the console will not trust it.",
  "Ask IT for the company's root CA certificate (the one that signs the proxy's certificates, as a .pem or .crt file) and paste that instead.",
);

/** What the refused input was, by what the agent was doing. */
export type InputSubject = 'The connection' | 'The search' | 'The user id' | 'The changes' | 'The request';

const SUBJECTS: Record<ErrorContext, InputSubject> = {
  update: 'The changes',
  lookup: 'The search',
  'open-reader': 'The user id',
  connections: 'The connection',
  'save-connection': 'The connection',
  'test-connection': 'The connection',
  history: 'The request',
};

/** Contexts whose form marks the refused fields (the review goes back to the edit form). */
const MARKS_FIELDS: ReadonlySet<ErrorContext> = new Set(['update', 'save-connection', 'test-connection']);

function clientIdWords(what: string, context: ErrorContext): Advice {
  return MARKS_FIELDS.has(context) && context !== 'update'
    ? advice(what, 'Correct the Client ID marked below: copy it again from the ConsCent dashboard (Integrations page).')
    : advice(
        what,
        "Check the connection's Client ID in Connections: copy it again from the ConsCent dashboard (Integrations page).",
        'open-connection-settings',
      );
}

function inputWords(error: ErrorOf<'invalid-input'>, context: ErrorContext): Advice {
  const said = error.apiMessage ? ` (ConsCent said: "${error.apiMessage}")` : '';
  switch (error.reason) {
    case 'refused-by-conscent':
      return advice(
        `ConsCent refused ${SUBJECTS[context].toLowerCase()} as invalid${said}.`,
        context === 'update'
          ? 'Go back to editing and correct the value ConsCent names, then review again; if it names none, send the support log to your IT team.'
          : context === 'lookup' || context === 'open-reader'
            ? 'Correct the search as ConsCent says, then search again.'
            : "Correct the value ConsCent names; if it names none, check this connection's settings in Connections.",
      );
    case 'client-id-refused':
      return clientIdWords(`ConsCent refused this connection's Client ID${said}.`, context);
    case 'client-id-other-account':
      return clientIdWords(
        'ConsCent accepted the API key and secret, but not for this Client ID (it may belong to another account or environment).',
        context,
      );
    case 'credentials-needed':
      return advice(
        'No API key and secret were entered.',
        context === 'test-connection' ? 'Enter the API key and secret to test them.' : 'Enter the API key and secret for a new connection.',
      );
    case 'credentials-elsewhere':
      return advice(
        `The stored API key and secret were entered for ${error.boundOrigin} and are only ever sent there, but this connection now points at ${error.targetOrigin}.`,
        `Enter the API key and secret for ${error.targetOrigin}.`,
      );
    case 'credentials-trust-changed':
      return advice(
        `The stored API key and secret are only ever sent with the proxy and extra trusted certificate they were saved with, and here ${trustPartsWords(error)} ${(error.trustChanged ?? []).length > 1 ? 'differ' : 'differs'}, so nothing was sent.`,
        'Enter the API key and secret again to use these network settings.',
      );
    case 'certificate-not-ca':
      return NOT_A_CA;
    case 'query':
      // The query's message says what a search must look like (common/lookup-query.ts).
      return advice('The search was not understood.', error.fields?.query ?? 'Type a user id, an email or a phone number.');
  }
  const entries = Object.entries(error.fields ?? {});
  // A form marks a field by its dotted path (`changes.phone`, `connection.baseUrl`); a
  // message on the whole request (`_`, `changes`) has no field to stand next to.
  const marked = entries.some(([key]) => key.includes('.'));
  const were = context === 'update' ? 'were' : 'was';
  if (marked && MARKS_FIELDS.has(context)) {
    return advice(
      'Some values were refused.',
      context === 'update' ? 'Fix the fields marked below, then review the changes again.' : 'Fix the fields marked below.',
    );
  }
  // Nothing on screen marks the field: the shared schema's own message for it (written as
  // what the value must be) is the advice, said once.
  const first = entries.find(([key]) => !key.includes('.')) ?? entries[0];
  if (first) return advice(`${SUBJECTS[context]} ${were} refused${first[0] === '_' ? '' : ` (${first[0]})`}.`, first[1]);
  return advice(
    `${SUBJECTS[context]} ${were} refused.`,
    context === 'update'
      ? 'Go back to editing and check the values, then review again; if it keeps happening, send the support log to your IT team.'
      : context === 'lookup' || context === 'open-reader'
        ? 'Correct the search, then search again.'
        : "Check this connection's settings in Connections.",
  );
}

function notConfiguredWords(error: ErrorOf<'not-configured'>): Advice {
  switch (error.reason) {
    case 'no-such-connection':
      return advice('That connection no longer exists.', 'Choose or create another one in Connections.', 'open-connection-settings');
    case 'no-credentials':
      return advice('No API key and secret are stored for this connection.', 'Enter them in Connections.', 'open-connection-settings');
    case 'credentials-elsewhere':
      return advice(
        `This connection's API key and secret were entered for ${error.boundOrigin}, but the connection now points at ${error.targetOrigin}, and the console does not send them anywhere else.`,
        `Edit the connection in Connections and enter the API key and secret for ${error.targetOrigin}.`,
        'open-connection-settings',
      );
    case 'credentials-trust-changed':
      return advice(
        `This connection's network settings (${trustPartsWords(error)}) are not the ones its API key and secret were saved with ` +
          '(the settings file was changed, or the key and secret were saved before the console recorded this), so the console did not send them.',
        'Edit the connection in Connections, check its network settings, and enter the API key and secret again.',
        'open-connection-settings',
      );
    default:
      return advice(
        "This connection's base URL cannot be used as it is (it must be a plain https:// address with no ? or #), so nothing was sent.",
        'Correct the base URL in Connections.',
        'open-connection-settings',
      );
  }
}

function settingsWords(error: ErrorOf<'settings'>): Advice {
  switch (error.reason) {
    case 'settings-stuck':
      return advice(
        `The settings file${error.path ? ` ${error.path}` : ''} could not be read and could not be moved aside, so nothing was changed.`,
        'Fix its permissions or move it away yourself, then restart the console.',
      );
    case 'too-many-connections':
      return advice(`The console keeps at most ${error.limit ?? 'so many'} connections.`, 'Delete one you no longer need first.');
    default:
      return advice(
        `The settings could not be saved to ${error.path ?? 'their file'} (${error.code ?? 'unknown error'}).`,
        'Check that the folder is writable and the disk is not full, then try again.',
        'try-again',
      );
  }
}

/** The words for the console's own trouble; undefined for kinds that are not. */
export function localFailureWords(error: BridgeError, context: ErrorContext): Advice | undefined {
  switch (error.kind) {
    case 'keychain':
      return keychainAdvice(error);
    case 'settings':
      return settingsWords(error);
    case 'not-configured':
      return notConfiguredWords(error);
    case 'invalid-input':
      return inputWords(error, context);
    case 'rejected-sender':
      return advice('The console refused a request that did not come from its own window.', 'Restart the console.');
    default:
      return undefined;
  }
}

/** For the key and secret fields when the proxy or extra certificate changed (form and main say the same). */
export function credentialsForNewTrustMessage(what: 'API key' | 'API secret'): string {
  return `Enter the ${what} again: the stored one is only sent with the proxy and certificate it was saved with.`;
}

/**
 * The message for each form field an error concerns: the shared schemas' own, plus the
 * fields a refusal by reason points at (the Client ID, or a key and secret that must be
 * typed again for a new host).
 */
export function fieldMessages(error: BridgeError): Record<string, string> {
  if (error.kind !== 'invalid-input') return {};
  const fields = { ...error.fields };
  if (error.reason === 'client-id-refused' || error.reason === 'client-id-other-account') {
    fields[CLIENT_ID_FIELD] = 'ConsCent did not accept this Client ID. Copy it again from the ConsCent dashboard (Integrations page).';
  }
  if (error.kind === 'invalid-input' && error.reason === 'credentials-trust-changed') {
    fields['credentials.apiKey'] = credentialsForNewTrustMessage('API key');
    fields['credentials.apiSecret'] = credentialsForNewTrustMessage('API secret');
  }
  if (error.reason === 'certificate-not-ca') fields['connection.extraCertificate'] = adviceText(NOT_A_CA);
  if (error.kind === 'invalid-input' && error.reason === 'credentials-elsewhere') {
    fields['credentials.apiKey'] = `Enter the API key for ${error.targetOrigin}: the stored one is only sent to ${error.boundOrigin}.`;
    fields['credentials.apiSecret'] = `Enter the API secret for ${error.targetOrigin}: the stored one is only sent to ${error.boundOrigin}.`;
  }
  return fields;
}

const RECOVERY_WORDS: Record<SettingsRecovery['reason'], string> = {
  unreadable: 'could not be read',
  'too-large': 'was larger than 1 MiB, far more than connection settings ever take, so it was not read',
  empty: 'was empty',
  'not-json': 'was damaged (not valid JSON)',
  'not-understood': 'held values the console does not understand',
  'connections-refused': 'holds connections this version of the console refuses',
  'key-lost': "was encrypted with a key that is no longer in this computer's keychain (was the keychain reset?), so it cannot be read",
};

/** Why the settings file was moved aside at start, and what the agent should do now. */
export function recoveryWords(recovered: SettingsRecovery): string {
  if (recovered.reason === 'connections-refused') {
    const named = (recovered.refused ?? []).map((c) => `"${c.name}"${c.id ? ` (id ${c.id})` : ''}`).join(', ');
    return (
      `This version of the console cannot use ${recovered.refused?.length === 1 ? 'the connection' : 'the connections'} ${named}; every other connection was kept. ` +
      `The settings file as it was is kept as ${recovered.movedTo}. The refused connections' API keys and secrets are still in the system keychain, ` +
      'under their ids: re-create each refused connection and enter its key and secret again, or remove the old keychain entries as docs/installing.md says.'
    );
  }
  return (
    `The settings file ${RECOVERY_WORDS[recovered.reason]}. It was kept as ${recovered.movedTo} and the console started with no connections; ` +
    're-create your connection (stored keychain credentials are still there).'
  );
}

const SIDE_FILE_WORDS: Record<SettingsRecovery['reason'], string> = {
  ...RECOVERY_WORDS,
  'too-large': 'was far larger than it can ever be, so it was not read',
};

/** One of the console's own files (not the settings) was damaged and moved aside at start (issue 17.6). */
export function sideFileRecoveryWords(what: string, recovered: SettingsRecovery): string {
  return `${what} ${SIDE_FILE_WORDS[recovered.reason]}, so it starts empty. The old file was kept as ${recovered.movedTo}; nothing was written over it.`;
}
