import { STORED_IN_KEYCHAIN } from './credential-status';
import { originOf } from './connection-form-schema';

// The hint under the API key and secret fields. It is the one place that says whether the
// stored value will be used, and, when the base URL moved to another host, that the
// stored value stays behind (main sends it only to the origin it was entered for).

type CredentialHintProps = {
  what: 'API key' | 'API secret';
  /** The connection being edited, if any. */
  editing: { baseUrl: string; hasCredentials: boolean } | undefined;
  /** The base URL as typed now. */
  baseUrl: string;
  hostChanged: boolean;
};

export function CredentialHint({ what, editing, baseUrl, hostChanged }: CredentialHintProps) {
  if (editing && hostChanged) {
    return (
      <strong className="host-changed-hint">
        Required: the base URL now points at {originOf(baseUrl)}. The stored {what} is only ever sent to {originOf(editing.baseUrl)}; enter the {what}{' '}
        for the new host.
      </strong>
    );
  }
  if (editing?.hasCredentials) {
    return (
      <>
        <span className="stored-credential">{STORED_IN_KEYCHAIN}.</span> Leave empty to keep the stored {what}.
      </>
    );
  }
  if (editing) return <>No {what} is stored for this connection: enter it.</>;
  return <>From the ConsCent dashboard (Integrations page). Kept in the system keychain, never shown again.</>;
}
