import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { credentialsFor } from '../../main/credentials/credential-binding';
import { createKeytarCredentialStore } from '../../main/credentials/credential-store';
import { PresetConnection } from '../../main/policy/policy-schema';
import { makeInspectingCa } from '../helpers/inspecting-ca';
import { repoText } from '../helpers/repo-files';
import { memoryKeytar } from '../helpers/stand-in-electron';

// docs/installing.md tells admins how to put each agent's key and secret in the keychain
// beforehand (issue 21.1): service "ConsCent Console", account = the connection's id, one
// JSON line. The entry written exactly as documented must be read by the console's
// credential store and used for the policy's connection, without the agent typing it.

const documented = /^\{"apiKey":"KEY".*\}$/m.exec(repoText('docs/installing.md'))?.[0] ?? '';
const preset = PresetConnection.parse({
  id: 'acme-prod',
  name: 'Acme production',
  environment: 'production',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'acme_client_id',
});

async function storedAs(value: string, connection = preset) {
  const keytar = memoryKeytar();
  await keytar.setPassword(KEYCHAIN_SERVICE, connection.id, value);
  const store = createKeytarCredentialStore(keytar);
  return { store, use: () => credentialsFor(store, connection.id, connection.baseUrl, connection, 'connection') };
}

describe('an API key and secret provisioned as docs/installing.md says', () => {
  it('is read by the console’s credential store and used for the policy’s connection', async () => {
    expect(documented).not.toBe('');
    const { use } = await storedAs(documented.replace('KEY', 'key-123').replace('SECRET', 'secret-456'));
    expect(await use()).toEqual({ apiKey: 'key-123', apiSecret: 'secret-456' });
  });

  it('is read when cmdkey stored it as UTF-16, as Windows tools do', async () => {
    // keytar hands a generic credential's bytes over as they are.
    const utf16 = Buffer.from(documented.replace('KEY', 'key-123').replace('SECRET', 'secret-456'), 'utf16le').toString('utf8');
    expect(utf16).toContain('\0');
    const { use } = await storedAs(utf16);
    expect(await use()).toEqual({ apiKey: 'key-123', apiSecret: 'secret-456' });
  });

  it('is not sent anywhere else: a connection on another host refuses it', async () => {
    const elsewhere = PresetConnection.parse({ ...preset, environment: 'custom', baseUrl: 'https://conscent.example.net/api/v1' });
    const { use } = await storedAs(documented.replace('KEY', 'key-123').replace('SECRET', 'secret-456'), elsewhere);
    await expect(use()).rejects.toMatchObject({ facts: { reason: 'credentials-elsewhere' } });
  });

  it('binds to a manual proxy and an extra certificate by the fingerprint openssl prints', async () => {
    const { caCert } = await makeInspectingCa('api.conscent.in');
    let fingerprint: string;
    try {
      fingerprint = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: caCert, encoding: 'utf8' }).trim().split('=')[1]!;
    } catch {
      fingerprint = new X509Certificate(caCert).fingerprint256; // no openssl here: the same form
    }
    const behindProxy = PresetConnection.parse({ ...preset, proxy: { mode: 'manual', url: 'http://proxy.corp:8080' }, extraCertificate: caCert });
    const value = JSON.stringify({
      apiKey: 'key-123',
      apiSecret: 'secret-456',
      origin: 'https://api.conscent.in',
      trustPath: { certificate: fingerprint, proxy: { mode: 'manual', url: 'http://proxy.corp:8080' } },
    });
    const { use } = await storedAs(value, behindProxy);
    expect(await use()).toEqual({ apiKey: 'key-123', apiSecret: 'secret-456' });
  });

  it('reports a value that is not the documented JSON as a damaged entry, never as credentials', async () => {
    const { store } = await storedAs('key-123:secret-456');
    await expect(store.get('acme-prod')).rejects.toMatchObject({ reason: 'corrupt-entry' });
  });
});
