import { join } from 'node:path';
import type { BulkProgress } from '../../common/bulk-schemas';
import { bulkConsole } from './bulk-console';

// The crash test's console (test/node/bulk-crash-resume.test.ts): starts a bulk run of
// the CSV over the simulator at `baseUrl`, prints "started <runId>", and keeps sending
// until the test kills this process mid-run with SIGKILL.

async function main(): Promise<void> {
  const [dir = '', baseUrl = '', csv = ''] = process.argv.slice(2);
  const c = await bulkConsole(dir, { csv });
  const connectionId = await c.call<{ id: string }>('saveConnection', {
    connection: { name: 'Sim', environment: 'custom', baseUrl, clientId: 'demo-client' },
    credentials: { apiKey: 'demo-key', apiSecret: 'demo-secret' },
  });
  const { file } = await c.chooseAndValidate(connectionId.id);
  const started = await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 4, skipInvalid: false });
  process.stdout.write(`started ${file.runId} ${join(dir)}\n`);
  await c.untilEnded(file.runId, started);
  process.stdout.write('finished\n');
}

void main();
