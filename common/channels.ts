import type { OperationName } from './contract';

// Kept apart from the schemas so the sandboxed preload bundles only these strings.
export const BRIDGE_GLOBAL = 'conscent';

export const BRIDGE_CHANNELS = {
  listConnections: 'conscent:connections:list',
  saveConnection: 'conscent:connections:save',
  deleteConnection: 'conscent:connections:delete',
  selectConnection: 'conscent:connections:select',
  testConnection: 'conscent:connections:test',
  lookupReader: 'conscent:readers:lookup',
  openReader: 'conscent:readers:get',
  updateReader: 'conscent:readers:update',
  listHistory: 'conscent:history:list',
  exportHistory: 'conscent:history:export',
  prepareRevert: 'conscent:history:prepare-revert',
  getHistorySettings: 'conscent:history:settings:get',
  saveHistorySettings: 'conscent:history:settings:save',
  clearHistory: 'conscent:history:clear',
  bulkChooseFile: 'conscent:bulk:choose-file',
  bulkValidate: 'conscent:bulk:validate',
  bulkStart: 'conscent:bulk:start',
  bulkControl: 'conscent:bulk:control',
  bulkProgress: 'conscent:bulk:progress',
  bulkResults: 'conscent:bulk:results',
  bulkExport: 'conscent:bulk:export',
  bulkInterrupted: 'conscent:bulk:interrupted',
  listRecentReaders: 'conscent:recent-readers:list',
  clearRecentReaders: 'conscent:recent-readers:clear',
} as const satisfies Record<OperationName, string>;

export const OPERATION_NAMES = Object.keys(BRIDGE_CHANNELS) as OperationName[];
