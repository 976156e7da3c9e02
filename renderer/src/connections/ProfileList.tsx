import type { ProfileSummary } from '../../../common/contract';
import { environmentLabel } from '../header/environment-label';
import { KEYCHAIN_UNREADABLE, NOT_STORED, STORED_IN_KEYCHAIN } from './credential-status';

// The saved connections, each with its environment in words, whether its credentials are
// in the keychain (never the credentials themselves), and its actions.

type ProfileListProps = {
  profiles: ProfileSummary[];
  activeProfileId: string | null;
  /** The keychain could not be asked: "not stored" would be a guess, and a misleading one. */
  keychainUnreadable?: boolean;
  busy: boolean;
  onUse: (profile: ProfileSummary) => void;
  onEdit: (profile: ProfileSummary) => void;
  onDelete: (profile: ProfileSummary) => void;
};

export function ProfileList({ profiles, activeProfileId, keychainUnreadable = false, busy, onUse, onEdit, onDelete }: ProfileListProps) {
  return (
    <ul className="profile-list" aria-label="Saved connections">
      {profiles.map((profile) => {
        const active = profile.id === activeProfileId;
        const label = environmentLabel(profile);
        return (
          <li key={profile.id} className={active ? 'profile-card is-active' : 'profile-card'}>
            <div className="profile-card-head">
              <h3>{profile.name}</h3>
              <span className={`env-chip env-${label.tone}`}>{label.short}</span>
              {active ? <span className="active-chip">✓ Active connection</span> : null}
            </div>
            <dl className="profile-facts">
              <dt>Base URL</dt>
              <dd className="mono">{profile.baseUrl}</dd>
              <dt>Client ID</dt>
              <dd className="mono">{profile.clientId}</dd>
              <dt>API key and secret</dt>
              <dd>{profile.hasCredentials ? STORED_IN_KEYCHAIN : keychainUnreadable ? KEYCHAIN_UNREADABLE : NOT_STORED}</dd>
            </dl>
            <div className="button-row">
              {!active ? (
                <button type="button" className="primary" disabled={busy} onClick={() => onUse(profile)} aria-label={`Use ${profile.name}`}>
                  Use
                </button>
              ) : null}
              <button type="button" disabled={busy} onClick={() => onEdit(profile)} aria-label={`Edit ${profile.name}`}>
                Edit
              </button>
              <button type="button" className="danger-outline" disabled={busy} onClick={() => onDelete(profile)} aria-label={`Delete ${profile.name}`}>
                Delete
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
