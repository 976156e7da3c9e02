import type { OperationName } from './contract';

// Kept apart from the schemas so the sandboxed preload bundles only these strings.
export const BRIDGE_GLOBAL = 'conscent';

export const BRIDGE_CHANNELS = {
  listProfiles: 'conscent:profiles:list',
  saveProfile: 'conscent:profiles:save',
  deleteProfile: 'conscent:profiles:delete',
  selectProfile: 'conscent:profiles:select',
  testConnection: 'conscent:profiles:test',
  lookupUser: 'conscent:users:lookup',
  getUser: 'conscent:users:get',
  updateUser: 'conscent:users:update',
} as const satisfies Record<OperationName, string>;

export const OPERATION_NAMES = Object.keys(BRIDGE_CHANNELS) as OperationName[];
