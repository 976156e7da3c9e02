import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { createFileLogger, type LogFields, type Logger } from '../../main/logging/logger';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, type Fault } from '../../simulator';
import { bridgeTest } from '../helpers/bridge-fixture';

// Every code path of main that logs, driven through success and every failure, with a
// key and secret nobody could miss. The spy sees what callers hand the logger BEFORE
// redaction, so this proves main never logs credentials or headers, not merely that the
// redaction caught them.

const KEY = 'LOGCHECK-key-3e5a7c9b';
const SECRET = 'LOGCHECK-secret-1d2f4b6a';
const WRONG = 'LOGCHECK-wrong-8c7b6a5d';
const FORBIDDEN = [
  KEY,
  SECRET,
  WRONG,
  Buffer.from(`${KEY}:${SECRET}`).toString('base64'),
  Buffer.from(`${KEY}:${WRONG}`).toString('base64'),
  'Basic ',
  'authorization',
];

const raw: string[] = [];

function spy(inner: Logger): Logger {
  const record = (level: string) => (event: string, fields?: LogFields) => {
    raw.push(JSON.stringify({ level, event, fields }));
    inner[level as keyof Logger](event, fields);
  };
  return { info: record('info'), warn: record('warn'), error: record('error') };
}

const it = bridgeTest({
  simulator: { userCount: 10, seed: 9, clients: [{ clientId: DEMO_CLIENT.clientId, apiKey: KEY, apiSecret: SECRET }] },
  client: { timeoutMs: 300, retryRuntime: { sleep: async () => undefined } },
  // No `secrets` option on purpose: nothing must depend on exact-secret scrubbing.
  logger: (logDir) => spy(createFileLogger({ dir: logDir, maxBytes: 4096, keepFiles: 2 })),
});

describe('main never logs credentials or HTTP headers', () => {
  it('through saves, lookups, updates and every failure', async ({ sim, bridge }) => {
    const { handlers } = bridge;
    const connection = { name: 'Log check', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
    const saved = await handlers.saveConnection({ connection, credentials: { apiKey: KEY, apiSecret: SECRET } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const connectionId = saved.value.id;

    await handlers.saveConnection({ connection, credentials: { apiKey: KEY, apiSecret: `${SECRET} x` } });
    await handlers.testConnection({ connection, credentials: { apiKey: KEY, apiSecret: WRONG } });
    await handlers.testConnection({ id: connectionId, connection });
    const user = sim.listUsers().find((u) => u.userId !== SEED_EXAMPLE_USER_ID)!;
    for (const query of [SEED_EXAMPLE_USER_ID, user.email, `${user.countryCode} ${user.phone}`, 'nobody@example.com']) {
      await handlers.lookupReader({ connectionId, query });
    }
    await handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID });
    await handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Logged Change' } });

    const faults: Fault[] = [
      { kind: 'status', status: 401 },
      { kind: 'status', status: 429, retryAfterSeconds: 5 },
      { kind: 'status', status: 500 },
      { kind: 'html' },
      { kind: 'drop' },
      { kind: 'hang' },
      { kind: 'malformed-json' },
    ];
    for (const fault of faults) {
      sim.clearFaults();
      sim.addFault({ fault });
      await handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Faulted Change' } });
      await handlers.lookupReader({ connectionId, query: user.email });
      await handlers.testConnection({ id: connectionId, connection });
    }
    sim.clearFaults();
    await handlers.deleteConnection({ id: connectionId });

    expect(raw.length).toBeGreaterThan(20);
    const written = await Promise.all((await readdir(bridge.logDir)).map((name) => readFile(join(bridge.logDir, name), 'utf8')));
    for (const text of [raw.join('\n'), written.join('\n')]) {
      for (const forbidden of FORBIDDEN) expect(text.toLowerCase()).not.toContain(forbidden.toLowerCase());
    }
  });
});
