import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../common/bulk-schemas';
import type { ConnectionSummary } from '../../common/connections-contract';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../helpers/bulk-console';
import { tempFolders } from '../helpers/temp-folders';
import { wordsOf } from '../helpers/failure-words';

// A bulk run is checked for one ConsCent (its connection's base URL and Client ID). If the
// connection is pointed elsewhere before the run is started, nothing is sent, and the
// agent is told that, not that the run is gone (issue 19.2: `run-connection-moved`, no
// longer `run-missing`).

const folder = tempFolders('cc-bulk-moved-');
let sim: RunningSimulator;
let other: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 19 });
  other = await startSimulator({ userCount: 5, seed: 20 });
});
afterAll(async () => {
  await sim.stop();
  await other.stop();
});

describe('a bulk run whose connection was pointed at another ConsCent', () => {
  it('is refused as moved, sends nothing to either ConsCent, and says so in words', async () => {
    const dir = folder();
    const ids = sim.listUsers().map((u) => u.userId);
    const csv = await writeBulkCsv(join(dir, 'fix.csv'), ids);
    const c = await bulkConsole(dir, { csv });
    const connectionId = await c.connect(sim);
    const { file } = await c.chooseAndValidate(connectionId);

    const listed = await c.call<{ connections: ConnectionSummary[] }>('listConnections');
    const saved = listed.connections.find((connection) => connection.id === connectionId)!;
    const { id: _id, hasCredentials: _has, extraCertificateInfo: _info, ...fields } = saved;
    await c.call('saveConnection', {
      id: connectionId,
      connection: { ...fields, baseUrl: other.baseUrl },
      credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
    });
    sim.clearRequests();
    other.clearRequests();

    const refused = await c.raw<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: false });

    expect(refused).toEqual({ ok: false, error: { kind: 'bulk', reason: 'run-connection-moved' } });
    expect(sim.requests).toHaveLength(0);
    expect(other.requests).toHaveLength(0);
    if (!refused.ok) expect(wordsOf(refused.error, 'connections')).toMatch(/now points at another ConsCent/);
  });
});
