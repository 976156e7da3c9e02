import {
  ClearHistoryRequest,
  ExportHistoryRequest,
  GetHistorySettingsRequest,
  HistoryPreferences,
  ListHistoryRequest,
  PrepareRevertRequest,
  type ExportHistoryResult,
  type HistoryPage,
  type HistorySettings,
  type RevertPlan,
} from './history-schemas';

// The change history's part of the one bridge table (common/contract.ts joins the slices):
// listing a page, exporting, preparing a revert, the history's settings, clearing it.
// Per operation: its request schema here, its result type below.

export const HISTORY_REQUEST_SCHEMAS = {
  listHistory: ListHistoryRequest,
  /** Main asks the agent where to save (a save dialog); the page never names a path. */
  exportHistory: ExportHistoryRequest,
  prepareRevert: PrepareRevertRequest,
  getHistorySettings: GetHistorySettingsRequest,
  saveHistorySettings: HistoryPreferences,
  /** Main asks the agent to confirm in its own dialog; `cancelled` when they did not. */
  clearHistory: ClearHistoryRequest,
} as const;

export type HistoryResults = {
  listHistory: HistoryPage;
  exportHistory: ExportHistoryResult;
  prepareRevert: RevertPlan;
  getHistorySettings: HistorySettings;
  saveHistorySettings: HistorySettings;
  clearHistory: { removed: number; cancelled?: true };
};
