import { z } from 'zod';
import { ProfileFields, ProfileId } from '../../common/contract';
import { presetProblem } from '../../common/environment-of-host';

// The settings file holds only non-secret profile fields. Secrets live in the keychain.
export const StoredProfile = ProfileFields.extend({ id: ProfileId });
export type StoredProfile = z.infer<typeof StoredProfile>;

export const SETTINGS_VERSION = 1;
export const MAX_PROFILES = 50;

/**
 * A profile whose preset contradicts its host (say "sandbox" with api.conscent.in, from
 * an older version or a hand edit) is corrected to Custom on load rather than refused:
 * moving the whole file aside would lose every connection over a label. The base URL, where
 * requests and credentials go, is kept as it is; what is shown follows that host anyway
 * (common/environment-of-host.ts). The correction reaches the file with the next save.
 */
export function withConsistentPreset(profile: StoredProfile): StoredProfile {
  return presetProblem(profile.environment, profile.baseUrl) ? { ...profile, environment: 'custom' } : profile;
}

export const SettingsFile = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION),
    profiles: z.array(StoredProfile).max(MAX_PROFILES),
    activeProfileId: ProfileId.nullable(),
  })
  .refine((s) => new Set(s.profiles.map((p) => p.id)).size === s.profiles.length, {
    message: 'Two profiles share one id.',
  })
  .transform((s) => ({ ...s, profiles: s.profiles.map(withConsistentPreset) }));
export type SettingsFile = z.infer<typeof SettingsFile>;

export const EMPTY_SETTINGS: SettingsFile = { version: SETTINGS_VERSION, profiles: [], activeProfileId: null };
