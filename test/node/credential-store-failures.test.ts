// How the real store fails on real broken keychain setups. GLib binds a process to one
// session bus, so every scenario runs the store over the real keytar in a child process
// (test/helpers/credential-probe.ts) with that scenario's environment.
import { describe, expect, onTestFinished, test } from 'vitest';
import type { ProbeOp } from '../helpers/credential-probe-protocol';
import { runCredentialProbe, type ProbeRun } from '../helpers/credential-probe-runner';
import {
  startBusWithoutSecretService,
  startKeyringDenyingAccess,
  startKeyringWithoutDefaultCollection,
  startUnlockedKeyring,
  startWithoutDBus,
  type TestKeyring,
} from '../helpers/keyring';

const credentials = { apiKey: 'probe-key-7731', apiSecret: 'probe-secret-Ω-5208' };

const everyOperation: ProbeOp[] = [
  { op: 'set', connectionId: 'acme', credentials },
  { op: 'get', connectionId: 'acme' },
  { op: 'delete', connectionId: 'acme' },
  { op: 'list' },
];

async function scenario(start: () => Promise<TestKeyring>): Promise<TestKeyring> {
  const keyring = await start();
  onTestFinished(() => keyring.stop());
  return keyring;
}

/** Every operation failed with `reason`, told the agent what to do, and leaked nothing. */
function expectEveryOperationFails(run: ProbeRun, reason: string, advice: RegExp): void {
  expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  expect(run.outcomes).toHaveLength(everyOperation.length);
  for (const outcome of run.outcomes) {
    expect(outcome).toMatchObject({ ok: false, name: 'KeychainError', reason });
    if (outcome.ok) continue;
    expect(outcome.message).toMatch(advice);
    const visible = `${outcome.message} ${outcome.detail ?? ''} ${outcome.serialized}`;
    expect(visible).not.toContain(credentials.apiSecret);
    expect(visible).not.toContain(credentials.apiKey);
    // The raw keychain text stays out of what the agent reads and of serialized errors.
    expect(outcome.serialized).not.toContain(outcome.detail ?? '\u0000');
  }
}

describe('credential store when the keychain is unusable', () => {
  test('no D-Bus session (the bus socket does not exist)', async () => {
    const keyring = await scenario(startWithoutDBus);
    const run = await runCredentialProbe({ ...keyring.env }, everyOperation);
    expectEveryOperationFails(run, 'no-dbus', /Start the console from a normal desktop login/);
  });

  test('no D-Bus address and no display to autolaunch one', async () => {
    const keyring = await scenario(startWithoutDBus);
    // XDG_RUNTIME_DIR stays set (an empty dir), so GLib cannot find a bus there either.
    const env: Record<string, string> = { ...keyring.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const run = await runCredentialProbe(env, everyOperation);
    expectEveryOperationFails(run, 'no-dbus', /Start the console from a normal desktop login/);
  });

  test('a session bus with no Secret Service on it', async () => {
    const keyring = await scenario(startBusWithoutSecretService);
    const run = await runCredentialProbe({ ...keyring.env }, everyOperation);
    expectEveryOperationFails(run, 'no-secret-service', /install and start GNOME Keyring/);
  });

  test('a locked keychain reads as locked, not as empty, and listing does not crash the app', async () => {
    const keyring = await scenario(startUnlockedKeyring);
    const seeded = await runCredentialProbe({ ...keyring.env }, [{ op: 'set', connectionId: 'acme', credentials }]);
    expect(seeded.outcomes).toEqual([{ ok: true, value: null }]);
    await keyring.lock();
    // keytar alone would answer get with null and kill the process with SIGSEGV on list.
    const run = await runCredentialProbe({ ...keyring.env }, everyOperation);
    expectEveryOperationFails(run, 'locked', /The keychain is locked\. Unlock it/);
  });

  test('a bus policy that denies access to the keychain', async () => {
    const keyring = await scenario(startKeyringDenyingAccess);
    const run = await runCredentialProbe({ ...keyring.env }, everyOperation);
    expectEveryOperationFails(run, 'access-denied', /refused access/);
  });

  test('a keychain service with no keyring to save into', async () => {
    const keyring = await scenario(startKeyringWithoutDefaultCollection);
    const run = await runCredentialProbe({ ...keyring.env }, everyOperation);
    expectEveryOperationFails(run, 'no-keyring', /create a keyring/);
  });
});
