import { DRY_OUTCOMES, type BulkRowResult, type DryOutcome } from '../../common/bulk-schemas';

// How many rows of a run ended each way: kept in memory while it runs (only these
// numbers, never the rows), rebuilt from events.jsonl when a run is resumed or retried.

export type Counts = { saved: number; failed: number; unknown: number; notSent: number; dry: Record<DryOutcome, number> };

export function emptyCounts(): Counts {
  return { saved: 0, failed: 0, unknown: 0, notSent: 0, dry: Object.fromEntries(DRY_OUTCOMES.map((o) => [o, 0])) as Record<DryOutcome, number> };
}

export function countResult(counts: Counts, result: BulkRowResult): void {
  const outcome = result.outcome;
  if (outcome === 'saved') counts.saved += 1;
  else if (outcome === 'failed') counts.failed += 1;
  else if (outcome === 'unknown') counts.unknown += 1;
  else if (outcome === 'not-sent') counts.notSent += 1;
  else counts.dry[outcome] += 1;
}
