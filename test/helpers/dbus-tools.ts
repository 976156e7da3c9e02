import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

// dbus-send (package dbus-bin / dbus) is the only D-Bus client the harness needs.

export const SECRETS_NAME = 'org.freedesktop.secrets';

export function dbusSend(address: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'dbus-send',
      [`--bus=${address}`, '--print-reply', ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
      (error, stdout, stderr) => (error ? reject(new Error(`dbus-send ${args.join(' ')}: ${stderr.trim()}`)) : resolve(stdout)),
    );
  });
}

export async function nameHasOwner(address: string, name: string): Promise<boolean> {
  const reply = await dbusSend(address, [
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner',
    `string:${name}`,
  ]);
  return /boolean true/.test(reply);
}

/**
 * Polls until `name` has an owner on the bus. Each round is a real question to the bus,
 * so this waits exactly as long as the daemon needs; `gaveUp` ends it early (the daemon
 * died) and the deadline only bounds a broken setup.
 */
export async function waitForName(address: string, name: string, gaveUp: () => string | null, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await nameHasOwner(address, name)) return;
    const reason = gaveUp();
    if (reason !== null) throw new Error(`${name} never appeared on the test bus: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${name} did not appear on the test bus within ${deadlineMs} ms.`);
    await delay(20);
  }
}

const SERVICE_PATH = '/org/freedesktop/secrets';
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';

/** Locks the default collection, as an idle lock or `secret-tool lock` would; no prompt needed. */
export async function lockDefaultCollection(address: string): Promise<void> {
  await dbusSend(address, [`--dest=${SECRETS_NAME}`, SERVICE_PATH, 'org.freedesktop.Secret.Service.Lock', `array:objpath:${DEFAULT_COLLECTION}`]);
  const reply = await dbusSend(address, [
    `--dest=${SECRETS_NAME}`,
    DEFAULT_COLLECTION,
    'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection',
    'string:Locked',
  ]);
  if (!/boolean true/.test(reply)) throw new Error('The test keyring did not lock.');
}
