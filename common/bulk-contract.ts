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

// Bulk corrections' part of the one bridge table (common/contract.ts joins the slices).
// Progress is one narrow, named operation: bulkProgress answers when the run has moved on,
// at most a few times a second (main/bulk/progress-waiter.ts); the page calls it again
// with the `seq` it was given (renderer/src/bulk/use-bulk-progress.ts).

export const BULK_REQUEST_SCHEMAS = {
  /** Main's open dialog chooses the CSV; the page never gets or gives a path. */
  bulkChooseFile: z.strictObject({}),
  bulkValidate: BulkValidateRequest,
  bulkStart: BulkStartRequest,
  bulkControl: BulkControlRequest,
  bulkProgress: BulkProgressRequest,
  bulkResults: BulkResultsRequest,
  /** Main's save dialog chooses where. */
  bulkExport: BulkExportRequest,
  bulkInterrupted: z.strictObject({}),
  /** A sample CSV of every column the parser takes, saved where main's save dialog says. */
  bulkSaveSample: z.strictObject({}),
} as const;

export type BulkResults = {
  bulkChooseFile: BulkFile | { chosen: false };
  bulkValidate: BulkReport;
  bulkStart: BulkProgress;
  bulkControl: BulkProgress;
  bulkProgress: BulkProgress;
  bulkResults: BulkResultsPage;
  bulkExport: BulkExportResult;
  bulkInterrupted: (InterruptedRun | DamagedRun)[];
  bulkSaveSample: BulkExportResult;
};
