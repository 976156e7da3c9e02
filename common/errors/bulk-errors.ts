import { z } from 'zod';

// The bridge error of bulk corrections (issue 14, main/bulk/): one member, its reasons and
// facts.

/** For `bulk` errors: what was wrong with the CSV file or the run. */
export const BULK_REASONS = [
  'file-unreadable',
  'file-empty',
  /** More rows than the console takes (`limit`). */
  'file-too-large',
  /** Not CSV as the console reads it (`row`: where, `code`: the parser's code). */
  'file-not-csv',
  'file-not-utf8',
  /** A header is empty or repeated (`column`). */
  'header-problem',
  'mapping-problem',
  /** No run of that id is known (never started here, or its files are gone). */
  'run-missing',
  /** The run's connection now points at another ConsCent or Client ID than the run was checked for: nothing is sent there. */
  'run-connection-moved',
  'run-busy',
  /** Rows are in error and the agent did not choose to skip them. */
  'rows-invalid',
  'nothing-to-send',
  /** On a Production connection, the name typed does not match the connection's. */
  'confirm-name',
  'run-files-unwritable',
  /** A file of the run (`path`: its name; `line`: which line) is damaged: the run is not resumed. */
  'run-file-damaged',
] as const;
export type BulkReason = (typeof BULK_REASONS)[number];

export const BULK_ERRORS = [
  z.object({
    kind: z.literal('bulk'),
    reason: z.enum(BULK_REASONS).optional(),
    /** The CSV row (the header is row 1) and column concerned. */
    row: z.number().int().nonnegative().optional(),
    column: z.string().optional(),
    /** For `file-too-large`: how many rows the console takes. */
    limit: z.number().int().optional(),
    /** The parser's or the file system's error code. */
    code: z.string().optional(),
    /** For `run-file-damaged`: the run's file, and its damaged line. */
    path: z.string().optional(),
    line: z.number().int().positive().optional(),
  }),
] as const;
