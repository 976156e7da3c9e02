import { STORED_IN_KEYCHAIN } from './credential-status';
import { originOf } from './connection-form-schema';

// The hint under the API key and secret fields. It is the one place that says whether the
// stored value will be used, and, when the base URL moved to another host, that the
// stored value stays behind (main sends it only to the origin it was entered for), and
// the same when the proxy or extra certificate changed (only by the trust path it was saved with).

type CredentialHintProps = {
  what: 'API key' | 'API secret';
  /** The connection being edited, if any. */
  editing: { baseUrl: string; hasCredentials: boolean } | undefined;
  /** The base URL as typed now. */
  baseUrl: string;
  hostChanged: boolean;
  /** The proxy or extra certificate now differs from the ones the stored value was saved with. */
  trustChanged: boolean;
};

export function CredentialHint({ what, editing, baseUrl, hostChanged, trustChanged }: CredentialHintProps) {
  if (editing && hostChanged) {
    return (
      <strong className="host-changed-hint">
        Required: the base URL now points at {originOf(baseUrl)}. The stored {what} is only ever sent to {originOf(editing.baseUrl)}; enter the {what}{' '}
        for the new host.
      </strong>
    );
  }
  if (editing?.hasCredentials && trustChanged) {
    return (
      <strong className="host-changed-hint">
        Required: the proxy or extra trusted certificate changed. The stored {what} is only ever sent the way it was saved with; enter the {what}{' '}
        again to use the new network settings.
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
