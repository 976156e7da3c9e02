// The bridge's table of operations, by name: the channel each one travels on. Kept apart
// from the schemas (common/contract.ts) so the sandboxed preload bundles only these
// strings. Adding an operation starts here: one line, then its request schema and result
// type in its slice's contract (common/contract.ts checks both exist at compile time).
export const BRIDGE_GLOBAL = 'conscent';

export const BRIDGE_CHANNELS = {
  listConnections: 'conscent:connections:list',
  listSavedConnections: 'conscent:connections:list-saved',
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
  bulkSaveSample: 'conscent:bulk:save-sample',
  listRecentReaders: 'conscent:recent-readers:list',
  clearRecentReaders: 'conscent:recent-readers:clear',
  findLocalReaders: 'conscent:recent-readers:find',
  getTeamLogStatus: 'conscent:team-log:status',
  sendTeamLogTestEvent: 'conscent:team-log:test',
  openReaderWindow: 'conscent:windows:open-reader',
  getPolicy: 'conscent:policy:get',
  savePresetCredentials: 'conscent:connections:save-preset-credentials',
} as const;

/** The request/answer operations (the one subscription, onAppEvent, is not one: it has no channel to main). */
export type OperationName = keyof typeof BRIDGE_CHANNELS;

export const OPERATION_NAMES = Object.keys(BRIDGE_CHANNELS) as OperationName[];

/**
 * Operations that take no request: the preload sends nothing on their channel and main
 * reads nothing from it. Their schema in REQUEST_SCHEMAS is `null` (checked there).
 */
export const WITHOUT_REQUEST = [
  'listConnections',
  'listSavedConnections',
  'getTeamLogStatus',
  'getPolicy',
] as const satisfies readonly OperationName[];

export function takesNoRequest(name: OperationName): boolean {
  return (WITHOUT_REQUEST as readonly OperationName[]).includes(name);
}
