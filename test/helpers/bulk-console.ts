import { writeFile } from 'node:fs/promises';
import type { OperationName } from '../../common/contract';
import type { BulkFile, BulkProgress, BulkReport } from '../../common/bulk-schemas';
import { DEMO_CLIENT, type RunningSimulator } from '../../simulator';
import type { AuditHook } from '../../main/audit/audit-hook';
import { wireTestConsole } from './test-console';

// A console wired as the app wires it (real settings, history and bulk files under `dir`,
// the simulator as ConsCent), called through the bridge, with main's open and save
// dialogs answered by the test. Used by the bulk tests and by the crash test's child.

export type BulkConsole = Awaited<ReturnType<typeof bulkConsole>>;

export async function bulkConsole(
  dir: string,
  dialogs: { csv?: string | null; exportTo?: string | null; clearHistory?: boolean } = {},
  /** Audit forwarding as the app wires it (the audit bench turns it on). */
  options: { audit?: AuditHook } = {},
) {
  const console = wireTestConsole(dir, {
    ...(options.audit ? { audit: options.audit } : {}),
    chooseCsvFile: async () => dialogs.csv ?? null,
    chooseExportPath: async () => dialogs.exportTo ?? null,
    // Main's own "clear the history?" dialog (issue 18): "Keep it" unless the test says otherwise.
    confirmClearHistory: async () => dialogs.clearHistory ?? false,
  });
  async function call<T>(name: OperationName, payload?: unknown): Promise<T> {
    const result = await console.call<T>(name, payload);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { bridgeError: result.error });
    return result.value;
  }
  const raw = <T>(name: OperationName, payload?: unknown) => console.call<T>(name, payload);
  return {
    dialogs,
    call,
    raw,
    async connect(sim: RunningSimulator, connection: { name?: string; baseUrl?: string } = {}): Promise<string> {
      const saved = await call<{ id: string }>('saveConnection', {
        connection: {
          name: connection.name ?? 'Sim',
          environment: 'custom',
          baseUrl: connection.baseUrl ?? sim.baseUrl,
          clientId: DEMO_CLIENT.clientId,
        },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      });
      return saved.id;
    },
    async chooseAndValidate(
      connectionId: string,
      mapping?: BulkReport extends never ? never : Record<string, unknown>,
    ): Promise<{ file: BulkFile; report: BulkReport }> {
      const file = await call<BulkFile>('bulkChooseFile', {});
      const report = await call<BulkReport>('bulkValidate', { runId: file.runId, connectionId, mapping: mapping ?? file.suggested });
      return { file, report };
    },
    /** Follows the progress subscription until the run ends; every snapshot seen. */
    async untilEnded(runId: string, from: BulkProgress, onUpdate?: (p: BulkProgress) => void | Promise<void>): Promise<BulkProgress> {
      let progress = from;
      while (!['finished', 'cancelled', 'halted'].includes(progress.state)) {
        progress = await call<BulkProgress>('bulkProgress', { runId, seen: progress.seq });
        await onUpdate?.(progress);
      }
      return progress;
    },
  };
}

/** A CSV of `users`, one name change each (`Bulk <n>`); `extra` rows are appended as they are. */
export async function writeBulkCsv(path: string, userIds: readonly string[], extra: string[] = [], separator = ','): Promise<string> {
  const lines = [['userId', 'name'].join(separator), ...userIds.map((id, i) => [id, `Bulk ${i + 1}`].join(separator)), ...extra];
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}
