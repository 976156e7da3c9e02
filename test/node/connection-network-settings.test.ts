import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, ConnectionsState } from '../../common/connections-contract';
import type { Result } from '../../common/result';
import { createAppBridgeHandlers } from '../../main/app-services';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { SettingsFile } from '../../main/settings/settings-schema';
import { DEMO_CLIENT } from '../../simulator';
import { wordsOf } from '../helpers/failure-words';
import { INSPECTING_CA_NAME, makeInspectingCa } from '../helpers/inspecting-ca';
import { memoryKeytar } from '../helpers/stand-in-electron';

// Issue 13: a connection's proxy choice and extra trusted certificate in the settings
// file. The certificate is public, so it is stored there; main reads it with crypto
// before saving and describes it (subject, issuer) for the form. Older files without
// either field keep working, as "System (default)" without an extra certificate.

let dir: string;
let handlers: BridgeHandlers;
let caPem: string;
beforeAll(async () => {
  caPem = (await makeInspectingCa('conscent.example')).caCert;
  dir = await mkdtemp(join(tmpdir(), 'conscent-network-settings-'));
  handlers = createAppBridgeHandlers({ userDataDir: join(dir, 'userData'), logDir: join(dir, 'logs'), keytar: memoryKeytar() });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const call = <T>(name: keyof BridgeHandlers, request: unknown) => (handlers[name] as (r: unknown) => Promise<Result<T>>)(request);
const fields = { name: 'Corp', environment: 'custom', baseUrl: 'https://conscent.example/api/v1', clientId: DEMO_CLIENT.clientId };
const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

describe("a connection's network settings", () => {
  it('are saved with the connection, and the extra certificate comes back described by who it names and who issued it', async () => {
    const saved = await call<ConnectionSummary>('saveConnection', {
      connection: { ...fields, proxy: { mode: 'manual', url: 'proxy.corp:8080' }, extraCertificate: caPem },
      credentials,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        proxy: { mode: 'manual', url: 'http://proxy.corp:8080' },
        extraCertificateInfo: { subject: INSPECTING_CA_NAME, issuer: INSPECTING_CA_NAME },
      },
    });
    const listed = await call<ConnectionsState>('listConnections', undefined);
    expect(listed.ok && listed.value.connections[0]?.extraCertificateInfo?.subject).toBe(INSPECTING_CA_NAME);
    const file = JSON.parse(await readFile(join(dir, 'userData', 'settings.json'), 'utf8')) as { connections: Record<string, unknown>[] };
    expect(file.connections[0]).toMatchObject({ proxy: { mode: 'manual', url: 'http://proxy.corp:8080' }, extraCertificate: caPem.trim() });
    expect(file.connections[0]).not.toHaveProperty('extraCertificateInfo');
  });

  it('a PEM block crypto cannot read is refused on its field, and nothing is saved', async () => {
    const broken = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----';
    const saved = await call<ConnectionSummary>('saveConnection', {
      connection: { ...fields, name: 'Broken', extraCertificate: broken },
      credentials,
    });
    expect(saved).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', fields: { 'connection.extraCertificate': expect.stringMatching(/could not be read/) } },
    });
    // The message is said once, on the field; the notice points there.
    if (!saved.ok) expect(wordsOf(saved.error, 'save-connection')).toMatch(/Fix the fields marked below/);
    const listed = await call<ConnectionsState>('listConnections', undefined);
    expect(listed.ok && listed.value.connections.map((c) => c.name)).toEqual(['Corp']);
  });

  it('an older settings file without them still reads, as "System" and no extra certificate', () => {
    const old = { version: 2, activeConnectionId: 'a', connections: [{ id: 'a', ...fields }] };
    const parsed = SettingsFile.parse(old);
    expect(parsed.connections[0]).not.toHaveProperty('proxy');
    expect(parsed.connections[0]).not.toHaveProperty('extraCertificate');
  });
});
