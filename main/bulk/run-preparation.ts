import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { BULK_FIELDS, type BulkMapping, type BulkReport } from '../../common/bulk-schemas';
import { suggestMapping } from '../../common/bulk-row';
import { environmentOfHost } from '../../common/environment-of-host';
import type { StoredConnection } from '../settings/settings-schema';
import { hostOfUrl } from '../credentials/credential-binding';
import { validateFile } from './bulk-validate';
import type { CsvHeader } from './csv-source';
import { RUN_VERSION, type RunMeta } from './run-events';
import { ensureRunFolder, writeJson, type RunPaths } from './run-files';

// From the file the agent chose to a run that can be sent: the mapping offered for its
// header, then every row checked into the run's folder and run.json written with the
// connection it was checked for (a send refuses a connection pointed elsewhere since).
// Nothing here sends; bulk-service.ts decides when this runs (not while a pass is going).

export type ChosenFile = CsvHeader & { path: string };

/** Headers that already say what they hold are mapped; the user id falls back to the first column. */
export function offeredMapping(header: CsvHeader): BulkMapping {
  const suggested = suggestMapping(header.columns, BULK_FIELDS);
  return {
    userId: suggested.userId ?? header.columns[0] ?? '',
    fields: suggested.fields,
    ...(suggested.ticket ? { ticket: suggested.ticket } : {}),
  };
}

/** Checks every row into the run's folder (a new mapping starts the report over) and writes run.json. */
export async function prepareRun(
  runId: string,
  file: ChosenFile,
  connection: StoredConnection,
  mapping: BulkMapping,
  paths: RunPaths,
): Promise<BulkReport> {
  await ensureRunFolder(paths.dir);
  await Promise.all([rm(paths.rows, { force: true }), rm(paths.errors, { force: true }), rm(paths.events, { force: true })]);
  const counts = await validateFile({
    path: file.path,
    delimiter: file.delimiter,
    mapping,
    rowsFile: paths.rows,
    errorsFile: paths.errors,
    codec: paths.codec,
  });
  const production = environmentOfHost(connection.baseUrl).kind === 'production';
  const host = hostOfUrl(connection.baseUrl);
  const record: RunMeta = {
    v: RUN_VERSION,
    runId,
    fileName: basename(file.path),
    createdAt: new Date().toISOString(),
    connection: { id: connection.id, name: connection.name, host, baseUrl: connection.baseUrl, clientId: connection.clientId, production },
    mapping,
    fields: counts.fields,
    rows: counts.rows,
    valid: counts.valid,
    invalid: counts.invalid,
  };
  await writeJson(paths.run, record);
  return { runId, ...counts, connection: { id: connection.id, name: connection.name, host, production } };
}
