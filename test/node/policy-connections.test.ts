import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppBridgeHandlers } from '../../main/app-services';
import { createServices } from '../../main/bridge-services';
import { appPaths } from '../../main/app-paths';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { PolicyError } from '../../main/policy/policy-error';
import { createPolicyGate } from '../../main/policy/policy-gate';
import { startPolicySource } from '../../main/policy/policy-source';
import { createSettingsStore } from '../../main/settings/settings-store';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import { memoryKeytar } from '../helpers/stand-in-electron';
import { tempFolders } from '../helpers/temp-folders';
import { PRESET_CONNECTION } from './policy-fixtures';

// The admin's policy enforced where connections are changed (issue 21.1), in main and not
// only in the page: a new connection when agents may not add their own, and editing or
// deleting one of the policy's own connections, are refused before anything is written.

const newFolder = tempFolders('cc-policy-conn-');

const preset = PRESET_CONNECTION;
const own = { name: 'My sandbox', environment: 'sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1', clientId: 'mine' } as const;
const credentials = { apiKey: 'key-1', apiSecret: 'secret-1' };

async function servicesUnder(policy: unknown) {
  const dir = newFolder();
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  const source = startPolicySource({ platform: 'linux', env: {}, filePath: policyFile, logger: silentLogger, watch: false });
  const paths = appPaths(join(dir, 'userData'), join(dir, 'logs'));
  const services = createServices({
    paths,
    connections: createSettingsStore(paths.settings),
    credentials: createMemoryCredentialStore(),
    createClient: (access) => createConsCentClient(access, { timeoutMs: 1000 }),
    logger: silentLogger,
    policy: createPolicyGate(source),
  });
  return { services, paths, source, policyFile };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PolicyError);
  return (error as PolicyError).toFacts();
}

describe('connections under a policy', () => {
  it('refuses a new connection when agents may not add their own, naming allowOwnConnections, and writes nothing', async () => {
    const { services, paths, source } = await servicesUnder({ version: 1, allowOwnConnections: false });
    expect(await refusal(services.connections.save({ connection: own, credentials }))).toEqual({
      kind: 'policy',
      reason: 'forbidden',
      key: 'allowOwnConnections',
    });
    expect(existsSync(paths.settings)).toBe(false);
    source.close();
  });

  it('refuses editing or deleting a connection the policy sets up, naming connections', async () => {
    const { services, source } = await servicesUnder({ version: 1, connections: [preset] });
    const { id: _id, ...fields } = preset;
    expect(await refusal(services.connections.save({ id: 'acme-prod', connection: fields, credentials }))).toEqual({
      kind: 'policy',
      reason: 'forbidden',
      key: 'connections',
    });
    expect(await refusal(services.connections.remove('acme-prod'))).toEqual({ kind: 'policy', reason: 'forbidden', key: 'connections' });
    source.close();
  });

  it('lets the agent add, edit and delete their own connections when the policy allows it', async () => {
    const { services, source } = await servicesUnder({ version: 1, connections: [preset], allowBulk: false });
    const saved = await services.connections.save({ connection: own, credentials });
    await services.connections.save({ id: saved.id, connection: { ...own, name: 'Renamed' } });
    await services.connections.remove(saved.id);
    // Only the policy's own connection is left.
    expect((await services.connections.list()).connections.map((c) => [c.id, c.managed])).toEqual([['acme-prod', true]]);
    source.close();
  });

  it('refuses every connection change while the policy file is broken, with its path and first error', async () => {
    const { services, paths, source, policyFile } = await servicesUnder('{"version": 1, "allowOwnConnections": "no"}');
    expect(await refusal(services.connections.save({ connection: own, credentials }))).toEqual({
      kind: 'policy',
      reason: 'policy-invalid',
      path: policyFile,
      firstError: 'allowOwnConnections: Invalid input: expected boolean, received string',
    });
    expect(existsSync(paths.settings)).toBe(false);
    source.close();
  });

  it('is wired into the app’s services from the policy file the options name', async () => {
    const dir = newFolder();
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ version: 1, allowOwnConnections: false }));
    const handlers = createAppBridgeHandlers({
      userDataDir: join(dir, 'userData'),
      logDir: join(dir, 'logs'),
      keytar: memoryKeytar(),
      policy: { platform: 'linux', env: {}, filePath: policyFile },
    });
    const result = await handlers.saveConnection({ connection: own, credentials });
    // The bridge's error union has no `policy` kind yet (it is added when the bridge change
    // lands); what matters here is that main refused and wrote nothing.
    expect(result.ok).toBe(false);
    const settings = join(dir, 'userData', 'settings.json');
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain('My sandbox');
    // The support log's line about the policy is written after the answer: waited for, so the
    // folder is not written into again after the test removed it.
    const logs = join(dir, 'logs');
    await expect
      .poll(() => (existsSync(logs) ? readdirSync(logs).some((name) => readFileSync(join(logs, name), 'utf8').includes('policy.applied')) : false))
      .toBe(true);
  });
});
