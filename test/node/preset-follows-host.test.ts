// Issue #8 item 3 in main: a preset that contradicts its host is refused on save (on the
// Environment field) and corrected on load (settings already on disk are not lost).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { wireBridgeHandlers } from '../../main/bridge-services';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { createFileLogger } from '../../main/logging/logger';
import { createSettingsStore } from '../../main/settings/settings-store';
import { failure } from '../helpers/bridge-result';
import { tempFolders } from '../helpers/temp-folders';
import { appPaths } from '../../main/app-paths';

const tempDir = tempFolders('cc-preset-');

let dir: string;
let handlers: BridgeHandlers;
const good = { apiKey: 'key-1', apiSecret: 'secret-1' };

function start() {
  handlers = wireBridgeHandlers({
    connections: createSettingsStore(join(dir, 'settings.json')),
    credentials: createMemoryCredentialStore(),
    createClient: () => {
      throw new Error('no ConsCent call is expected here');
    },
    logger: createFileLogger({ dir: join(dir, 'logs') }),
    paths: appPaths(dir, join(dir, 'logs')),
  });
}

beforeEach(async () => {
  dir = tempDir();
  start();
});

describe('preset and host', () => {
  it.each([
    ['sandbox', 'https://api.conscent.in/api/v1', 'api.conscent.in'],
    ['production', 'http://127.0.0.1:4010/api/v1', '127.0.0.1:4010'],
  ] as const)('refuses to save the %s preset with %s, on the Environment field', async (environment, baseUrl, host) => {
    const error = failure(await handlers.saveConnection({ connection: { name: 'Demo', environment, baseUrl, clientId: 'c-1' }, credentials: good }));
    expect(error.kind).toBe('invalid-input');
    expect(error.kind === 'invalid-input' ? error.fields?.['connection.environment'] : undefined).toContain(host);
    const listed = await handlers.listConnections();
    expect(listed.ok && listed.value.connections).toEqual([]);
  });

  it('corrects a contradicting preset found on disk to Custom, keeping the connection and its host', async () => {
    const settings = {
      version: 2,
      activeConnectionId: 'old-live',
      connections: [
        { id: 'old-live', name: 'Demo sandbox', environment: 'sandbox', baseUrl: 'https://api.conscent.in/api/v1', clientId: 'c-1' },
        { id: 'real-sandbox', name: 'Sandbox', environment: 'sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1', clientId: 'c-2' },
      ],
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(settings));
    start();
    const listed = await handlers.listConnections();
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    expect(listed.value.recovered).toBeUndefined();
    expect(listed.value.connections.map(({ id, environment, baseUrl }) => ({ id, environment, baseUrl }))).toEqual([
      { id: 'old-live', environment: 'custom', baseUrl: 'https://api.conscent.in/api/v1' },
      { id: 'real-sandbox', environment: 'sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1' },
    ]);
  });
});
