import type {
  BulkControlRequest,
  BulkExportRequest,
  BulkExportResult,
  BulkFile,
  BulkProgress,
  BulkReport,
  BulkResultsPage,
  BulkResultsRequest,
  BulkStartRequest,
  BulkValidateRequest,
  DamagedRun,
  InterruptedRun,
} from '../../common/bulk-schemas';
import { fail, ok, type Result } from '../../common/result';

// A scripted stand-in for main's bulk runs in the DOM tests: the file main's dialog
// "chose", the report validation gives, and the progress the run reports, one step per
// bulkProgress call (a call waits until the test pushes the next step, as main waits for
// the run to move on).

export const RUN_ID = 'run-00000001';
const hex = (n: number) => n.toString(16).padStart(24, '0');

export function progressStep(over: Partial<BulkProgress> = {}): BulkProgress {
  return {
    runId: RUN_ID,
    seq: 1,
    mode: 'send',
    state: 'running',
    total: 47,
    saved: 0,
    failed: 0,
    unknown: 0,
    notSent: 0,
    leftOut: 0,
    remaining: 47,
    inFlight: 0,
    perSecond: 0,
    concurrency: 4,
    ...over,
  };
}

export class FakeBulk {
  file: BulkFile = {
    chosen: true,
    runId: RUN_ID,
    fileName: 'fixes.csv',
    columns: ['userId', 'name', 'email'],
    rows: 50,
    suggested: { userId: 'userId', fields: { name: 'name' } },
  };
  report: BulkReport = {
    runId: RUN_ID,
    rows: 50,
    valid: 47,
    invalid: 3,
    duplicates: 1,
    errorCount: 3,
    errors: [
      { row: 12, column: 'email', message: 'Enter a valid email address, like reader@example.com.' },
      { row: 30, column: 'userId', message: 'A ConsCent user id is 24 hexadecimal characters (0-9, a-f).' },
      { row: 44, column: 'userId', message: 'This user id is also on row 3; a reader can be changed once per run. Merge the two rows.' },
    ],
    fields: ['name'],
    connection: { id: 'sandbox', name: 'Sandbox', host: 'sandbox-api.conscent.in', production: false },
  };
  interrupted: (InterruptedRun | DamagedRun)[] = [];
  readonly controls: BulkControlRequest['action'][] = [];
  private steps: BulkProgress[] = [];
  private last: BulkProgress = progressStep();
  private waiting: (() => void) | undefined;

  chooseFile(): BulkFile {
    return structuredClone(this.file);
  }

  validate(request: BulkValidateRequest): Result<BulkReport> {
    return ok({ ...structuredClone(this.report), runId: request.runId });
  }

  start(request: BulkStartRequest): Result<BulkProgress> {
    if (request.mode === 'send' && this.report.invalid > 0 && !request.skipInvalid) return fail({ kind: 'bulk', reason: 'rows-invalid' });
    if (request.mode !== 'dry-run' && this.report.connection.production && request.confirmName !== this.report.connection.name) {
      return fail({ kind: 'bulk', reason: 'confirm-name' });
    }
    // As main does: the rows in error are left out of every pass, and counted apart.
    this.last = progressStep({ mode: request.mode, seq: 1, leftOut: this.report.invalid });
    return ok(this.last);
  }

  /** The run moves on: the waiting (or next) bulkProgress call answers with this. */
  push(over: Partial<BulkProgress>): void {
    this.steps.push(progressStep({ ...this.last, ...over, seq: this.last.seq + this.steps.length + 1 }));
    this.waiting?.();
  }

  /** Resolves once the run has moved on (a bulkProgress call waits here before it is answered, as main's does). */
  async moved(): Promise<void> {
    while (this.steps.length === 0) await new Promise<void>((resolve) => (this.waiting = resolve));
  }

  next(): Result<BulkProgress> {
    this.last = this.steps.shift() ?? this.last;
    return ok(structuredClone(this.last));
  }

  control(request: BulkControlRequest): Result<BulkProgress> {
    this.controls.push(request.action);
    return ok(structuredClone(this.last));
  }

  results(request: BulkResultsRequest): BulkResultsPage {
    const rows = Array.from({ length: 50 }, (_, i) => {
      const row = i + 2;
      if ([12, 30, 44].includes(row))
        return {
          row,
          userId: '',
          outcome: 'not-sent' as const,
          error: { kind: 'invalid-input' as const, fields: { email: 'Enter a valid email address.' } },
        };
      if (row === 20)
        return {
          row,
          userId: hex(row),
          outcome: 'failed' as const,
          error: { kind: 'not-found' as const, reason: 'no-such-reader' as const, status: 404 },
        };
      return { row, userId: hex(row), outcome: 'saved' as const, entryId: row };
    });
    return { total: rows.length, offset: request.offset, rows: rows.slice(request.offset, request.offset + request.limit) };
  }

  /** What main answers to "Save sample CSV" (its save dialog chose this path, or was cancelled). */
  sampleSaved: BulkExportResult = { saved: true, path: '/home/agent/conscent-bulk-sample.csv', rows: 5 };

  exportTo(request: BulkExportRequest): BulkExportResult {
    return { saved: true, path: `/home/agent/${request.what}.csv`, rows: 50 };
  }
}
