import type { SettingsRecovery } from '../../../common/connections-contract';
import { CLIENT_ID_FIELD } from '../../../common/error-fields';
import type { BridgeError, ErrorOf, KeychainReason } from '../../../common/result';

// The console's own trouble in an agent's words: the keychain, the settings file, a
// connection that is not set up, input that was refused. Each names what to do.

const KEYCHAIN_WORDS: Record<KeychainReason, string> = {
  'no-dbus':
    'The console cannot reach the desktop session bus (D-Bus), so it cannot use the system keychain. ' +
    'Start the console from a normal desktop login (not over SSH or from a bare terminal), then try again.',
  'no-secret-service':
    'No keychain service is running. On Linux install and start GNOME Keyring (or KWallet with its Secret Service), then try again.',
  'no-keyring':
    'The keychain has no default keyring to save into. Try again and create a keyring when asked, ' +
    "or create one in 'Passwords and Keys' and set it as default.",
  locked:
    "The keychain is locked. Unlock it (e.g. log in again or open 'Passwords and Keys') and try again. " +
    'If an unlock prompt appeared and was dismissed, try again and enter your keychain password.',
  'access-denied':
    'The keychain refused access to the console. Allow the console in your keychain or sandbox settings ' +
    '(or ask your IT team to allow it), then try again.',
  timeout:
    'The keychain did not answer in time. If an unlock prompt is open, answer it; otherwise restart ' +
    'GNOME Keyring (or log out and in again), then try again.',
  'corrupt-entry':
    'The saved API key and secret for this connection are damaged and cannot be used. ' +
    'Edit the connection, enter the API key and secret again and save.',
  'restart-console':
    'The keychain service was restarted and the console could not reconnect to it. ' +
    'Close the console and start it again (send or note any unsent edits first), then try again.',
  unknown:
    'The system keychain reported an unexpected error. Try again; if it keeps happening, restart the ' +
    'keychain service (or log out and in again) and contact your administrator.',
};

export function keychainWords(error: BridgeError): string {
  return KEYCHAIN_WORDS[(error.reason as KeychainReason | undefined) ?? 'unknown'] ?? KEYCHAIN_WORDS.unknown;
}

/** "the proxy", "the extra trusted certificate", or both, as `trustChanged` lists them. */
function trustPartsWords(error: ErrorOf<'invalid-input' | 'not-configured'>): string {
  const parts = error.trustChanged ?? [];
  const certificate = parts.includes('certificate');
  const proxy = parts.includes('proxy');
  if (certificate && proxy) return 'the proxy and the extra trusted certificate';
  return certificate ? 'the extra trusted certificate' : proxy ? 'the proxy' : 'the proxy or the extra trusted certificate';
}

const NOT_A_CA =
  "This is a server's own certificate, not a certificate authority's, so the console will not trust it. " +
  "Ask IT for the company's root CA certificate (the one that signs the proxy's certificates, as a .pem or .crt file) and paste that instead.";

const CHECK_CLIENT_ID = "Check the connection's Client ID in Connections: copy it again from the ConsCent dashboard (Integrations page).";

/** What the refused input was, by what the agent was doing. */
export type InputSubject = 'The connection' | 'The search' | 'The user id' | 'The changes' | 'The request';

function inputWords(error: ErrorOf<'invalid-input'>, subject: InputSubject, testing: boolean): string | undefined {
  const said = error.apiMessage ? ` ConsCent said: "${error.apiMessage}"` : '';
  switch (error.reason) {
    case 'refused-by-conscent':
      return `ConsCent refused the request as invalid.${said}`;
    case 'client-id-refused':
      return `ConsCent refused this connection's Client ID. ${CHECK_CLIENT_ID}${said}`;
    case 'client-id-other-account':
      return `ConsCent accepted the API key and secret, but not for this Client ID (it may belong to another account or environment). ${CHECK_CLIENT_ID}`;
    case 'credentials-needed':
      return testing ? 'Enter the API key and secret to test them.' : 'Enter the API key and secret for a new connection.';
    case 'credentials-elsewhere':
      return (
        `The stored API key and secret were entered for ${error.boundOrigin} and are only ever sent there. ` +
        `This connection now points at ${error.targetOrigin}: enter the API key and secret for ${error.targetOrigin}.`
      );
    case 'credentials-trust-changed':
      return (
        `The stored API key and secret are only ever sent with the proxy and extra trusted certificate they were saved with, and here ${trustPartsWords(error)} ${(error.trustChanged ?? []).length > 1 ? 'differ' : 'differs'}. ` +
        'Enter the API key and secret again to use these network settings; nothing was sent.'
      );
    case 'certificate-not-ca':
      return NOT_A_CA;
    case 'query':
      return error.fields?.query;
  }
  // Field messages from the shared schemas: the first one names the value.
  const first = Object.entries(error.fields ?? {})[0];
  const detail = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : '';
  return `${subject} is not valid. ${detail}`.trim();
}

function notConfiguredWords(error: ErrorOf<'not-configured'>): string {
  switch (error.reason) {
    case 'no-such-connection':
      return 'That connection no longer exists. Choose or create another one.';
    case 'no-credentials':
      return 'No API key and secret are stored for this connection. Enter them in Connections.';
    case 'credentials-elsewhere':
      return (
        `This connection's API key and secret were entered for ${error.boundOrigin}, but the connection now points at ${error.targetOrigin}; ` +
        `the console does not send them anywhere else. Edit the connection in Connections and enter the API key and secret for ${error.targetOrigin}.`
      );
    case 'credentials-trust-changed':
      return (
        `This connection's network settings (${trustPartsWords(error)}) are not the ones its API key and secret were saved with ` +
        '(the settings file was changed, or the key and secret were saved before the console recorded this), so the console did not send them. ' +
        'Edit the connection in Connections, check its network settings, and enter the API key and secret again.'
      );
    default:
      return "This connection's base URL cannot be used as it is (it must be a plain https:// address with no ? or #). Correct it in Connections; nothing was sent.";
  }
}

function settingsWords(error: ErrorOf<'settings'>): string {
  switch (error.reason) {
    case 'settings-stuck':
      return `The settings file ${error.path} could not be read and could not be moved aside. Fix its permissions or move it away yourself, then restart the console. Nothing was changed.`;
    case 'too-many-connections':
      return `The console keeps at most ${error.limit} connections. Delete one first.`;
    default:
      return `The settings could not be saved to ${error.path} (${error.code ?? 'unknown error'}). Check that the folder is writable and the disk is not full.`;
  }
}

/** The words for the console's own trouble; undefined for kinds that are not. */
export function localFailureWords(error: BridgeError, subject: InputSubject, testing: boolean): string | undefined {
  switch (error.kind) {
    case 'keychain':
      return keychainWords(error);
    case 'settings':
      return settingsWords(error);
    case 'not-configured':
      return notConfiguredWords(error);
    case 'invalid-input':
      return inputWords(error, subject, testing);
    case 'rejected-sender':
      return 'This request did not come from the console window and was refused.';
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
  if (error.reason === 'certificate-not-ca') fields['connection.extraCertificate'] = NOT_A_CA;
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
