import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../common/history-schemas';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import type { CredentialStore } from '../../main/credentials/credential-store';
import { createSettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { value } from '../helpers/bridge-result';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import { appPaths } from '../../main/app-paths';

// Issue 17 item 1, main's side: the lookup never returns the address lists, so the ones
// the console shows are remembered. Main says which memory they came from and when they
// were known: a save ConsCent answered in this running console ('session-save'), or only
// the history of an earlier one ('history', a guess the review makes the agent confirm).

const AUTH = `Basic ${Buffer.from(`${DEMO_CLIENT.apiKey}:${DEMO_CLIENT.apiSecret}`).toString('base64')}`;

let sim: RunningSimulator;
let dir: string;
let credentials: CredentialStore;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 9 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  dir = await mkdtemp(join(tmpdir(), 'cc-remembered-source-'));
  credentials = createMemoryCredentialStore();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A console over `dir`; a second one is the console started again (same settings, keychain and history). */
function startConsole() {
  return wireBridgeHandlers({
    connections: createSettingsStore(join(dir, 'settings.json')),
    credentials,
    createClient: (access) => createConsCentClient(access, { timeoutMs: 800, retryRuntime: { sleep: async () => undefined } }),
    logger: silentLogger,
    paths: appPaths(dir, join(dir, 'logs')),
  });
}

/** The reader adds an address somewhere else (their own account page, another computer). */
async function addressAddedElsewhere(city: string): Promise<void> {
  const stored = sim.getUser(SEED_EXAMPLE_USER_ID)!.shippingAddress;
  const response = await fetch(`${sim.baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
    method: 'PATCH',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ shippingAddress: [...stored, { ...stored[0]!, _id: undefined, city }] }),
  });
  expect(response.status).toBe(200);
}

describe('where a remembered address list comes from, and when it was known', () => {
  it('a save ConsCent answered in this console: "session-save"; after a restart only the history knows it', async () => {
    const first = startConsole();
    const connectionId = value(
      await first.saveConnection({
        connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      }),
    ).id;
    const reader = { connectionId, userId: SEED_EXAMPLE_USER_ID };
    value(await first.openReader(reader));
    const saved = value(await first.updateReader({ ...reader, changes: { name: 'Shivam Remembered' } }));

    const sameSession = value(await first.openReader(reader));
    expect(sameSession.remembered).toMatchObject({ from: 'session-save', fields: expect.arrayContaining(['shippingAddress', 'billingAddress']) });
    expect(sameSession.shippingAddress).toEqual(saved.user.shippingAddress);

    // A refusal applied nothing: what ConsCent returned in this session still holds.
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 403 }, times: 1 });
    expect((await first.updateReader({ ...reader, changes: { name: 'Refused' } })).ok).toBe(false);
    expect(value(await first.openReader(reader)).remembered?.from).toBe('session-save');

    await addressAddedElsewhere('Chennai');
    const page: HistoryPage = value(await first.listHistory({ filter: {}, page: { offset: 0, limit: 10 } }));
    const savedAt = page.entries.find((entry) => entry.status === 'saved')?.completedAt;
    expect(savedAt).toBeDefined();

    const restarted = startConsole();
    const fromHistory = value(await restarted.openReader(reader));
    expect(fromHistory.remembered).toMatchObject({ from: 'history', at: savedAt, fields: expect.arrayContaining(['shippingAddress']) });
    // What it shows is the list as it was then: Chennai, added since, is not in it.
    expect(fromHistory.shippingAddress).toEqual(saved.user.shippingAddress);
    expect(fromHistory.shippingAddress?.map((entry) => entry.city)).not.toContain('Chennai');

    // Once ConsCent answers a save in the restarted console, its list is this session's again.
    const again = value(await restarted.updateReader({ ...reader, changes: { name: 'Shivam Again' } }));
    expect(again.user.shippingAddress?.map((entry) => entry.city)).toContain('Chennai');
    expect(value(await restarted.openReader(reader)).remembered?.from).toBe('session-save');
  });
});
