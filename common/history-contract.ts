import type { Result } from './result';
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

// The change history's part of the one bridge contract (common/contract.ts includes it):
// listing a page, exporting, preparing a revert, the history's settings, clearing it.

export interface HistoryBridge {
  listHistory(request: ListHistoryRequest): Promise<Result<HistoryPage>>;
  /** Main asks the agent where to save (a save dialog); the page never names a path. */
  exportHistory(request: ExportHistoryRequest): Promise<Result<ExportHistoryResult>>;
  prepareRevert(request: PrepareRevertRequest): Promise<Result<RevertPlan>>;
  getHistorySettings(request: Record<string, never>): Promise<Result<HistorySettings>>;
  saveHistorySettings(request: HistoryPreferences): Promise<Result<HistorySettings>>;
  /** Main asks the agent to confirm in its own dialog; `cancelled` when they did not. */
  clearHistory(request: ClearHistoryRequest): Promise<Result<{ removed: number; cancelled?: true }>>;
}

export const HISTORY_REQUEST_SCHEMAS = {
  listHistory: ListHistoryRequest,
  exportHistory: ExportHistoryRequest,
  prepareRevert: PrepareRevertRequest,
  getHistorySettings: GetHistorySettingsRequest,
  saveHistorySettings: HistoryPreferences,
  clearHistory: ClearHistoryRequest,
} as const;

export type HistoryOperation = keyof HistoryBridge;
