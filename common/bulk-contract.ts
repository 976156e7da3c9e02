import {
  BulkControlRequest,
  BulkExportRequest,
  BulkProgressRequest,
  BulkResultsRequest,
  BulkStartRequest,
  BulkValidateRequest,
  type BulkExportResult,
  type BulkFile,
  type BulkProgress,
  type BulkReport,
  type BulkResultsPage,
  type DamagedRun,
  type InterruptedRun,
} from './bulk-schemas';
import { z } from 'zod';
import type { Result } from './result';

// Bulk corrections' part of the one bridge contract (common/contract.ts includes it).
// Progress is one narrow, named operation: bulkProgress answers when the run has moved on,
// at most a few times a second (main/bulk/progress-waiter.ts); the page calls it again
// with the `seq` it was given (renderer/src/bulk/use-bulk-progress.ts).

export interface BulkBridge {
  /** Main's open dialog chooses the CSV; the page never gets or gives a path. */
  bulkChooseFile(request: Record<string, never>): Promise<Result<BulkFile | { chosen: false }>>;
  bulkValidate(request: BulkValidateRequest): Promise<Result<BulkReport>>;
  bulkStart(request: BulkStartRequest): Promise<Result<BulkProgress>>;
  bulkControl(request: BulkControlRequest): Promise<Result<BulkProgress>>;
  bulkProgress(request: BulkProgressRequest): Promise<Result<BulkProgress>>;
  bulkResults(request: BulkResultsRequest): Promise<Result<BulkResultsPage>>;
  /** Main's save dialog chooses where. */
  bulkExport(request: BulkExportRequest): Promise<Result<BulkExportResult>>;
  bulkInterrupted(request: Record<string, never>): Promise<Result<(InterruptedRun | DamagedRun)[]>>;
}

export const BULK_REQUEST_SCHEMAS = {
  bulkChooseFile: z.strictObject({}),
  bulkValidate: BulkValidateRequest,
  bulkStart: BulkStartRequest,
  bulkControl: BulkControlRequest,
  bulkProgress: BulkProgressRequest,
  bulkResults: BulkResultsRequest,
  bulkExport: BulkExportRequest,
  bulkInterrupted: z.strictObject({}),
} as const;
