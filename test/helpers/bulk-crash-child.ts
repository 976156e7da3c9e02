import { join } from 'node:path';
import type { BulkProgress, InterruptedRun } from '../../common/bulk-schemas';
import { bulkConsole } from './bulk-console';

// The crash tests' console (test/node/bulk-crash-*.test.ts): `send` starts a bulk run of
// the CSV over the simulator at `baseUrl`; `resume` resumes the run a killed console left.
// It prints "started <runId>" and keeps sending until the test kills this process with
// SIGKILL (or a kill point, test/helpers/kill-points.ts, does), else prints "finished".

async function main(): Promise<void> {
  const [dir = '', baseUrl = '', csv = '', mode = 'send', concurrency = '4'] = process.argv.slice(2);
  const c = await bulkConsole(dir, { csv });
  const connection = { name: 'Sim', environment: 'custom', baseUrl, clientId: 'demo-client' };
  const credentials = { apiKey: 'demo-key', apiSecret: 'demo-secret' };
  let runId: string;
  let started: BulkProgress;
  if (mode === 'resume') {
    // The keychain outlives the process; the tests' stand-in for it lives in memory, so the key goes in again.
    const { connections } = await c.call<{ connections: { id: string }[] }>('listConnections');
    await c.call('saveConnection', { id: connections[0]!.id, connection, credentials });
    const [run] = await c.call<InterruptedRun[]>('bulkInterrupted', {});
    runId = run!.runId;
    started = await c.call<BulkProgress>('bulkStart', { runId, mode: 'resume', concurrency: Number(concurrency), skipInvalid: false });
  } else {
    const saved = await c.call<{ id: string }>('saveConnection', { connection, credentials });
    const { file } = await c.chooseAndValidate(saved.id);
    runId = file.runId;
    started = await c.call<BulkProgress>('bulkStart', { runId, mode: 'send', concurrency: Number(concurrency), skipInvalid: false });
  }
  process.stdout.write(`started ${runId} ${join(dir)}\n`);
  await c.untilEnded(runId, started);
  process.stdout.write('finished\n');
  process.exit(0);
}

void main();
