import { z } from 'zod';
import { ProfileFields, ProfileId } from '../../common/contract';

// The settings file holds only non-secret profile fields. Secrets live in the keychain.
export const StoredProfile = ProfileFields.extend({ id: ProfileId });
export type StoredProfile = z.infer<typeof StoredProfile>;

export const SETTINGS_VERSION = 1;
export const MAX_PROFILES = 50;

export const SettingsFile = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION),
    profiles: z.array(StoredProfile).max(MAX_PROFILES),
    activeProfileId: ProfileId.nullable(),
  })
  .refine((s) => new Set(s.profiles.map((p) => p.id)).size === s.profiles.length, {
    message: 'Two profiles share one id.',
  });
export type SettingsFile = z.infer<typeof SettingsFile>;

export const EMPTY_SETTINGS: SettingsFile = { version: SETTINGS_VERSION, profiles: [], activeProfileId: null };
