import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, spawnGuarded, type GuardedProcess } from './guarded-process';
import { setTimeout as delay } from 'node:timers/promises';
import { SECRETS_NAME, lockDefaultCollection, nameHasOwner, waitForName } from './dbus-tools';

// Each test gets its OWN session bus and keyring in a fresh temp HOME; nothing from the
// machine's session is used. Needs the Debian packages dbus-daemon and dbus-bin (both in
// `dbus`) and gnome-keyring.
//
// GLib caches the session-bus connection per process, so one process can only ever talk
// to one bus: run keytar in the test process against at most one keyring (see
// useUnlockedKeyringInThisProcess), and anything else in a child process.

export interface KeyringEnv {
  DBUS_SESSION_BUS_ADDRESS: string;
  HOME: string;
  XDG_RUNTIME_DIR: string;
  XDG_DATA_HOME: string;
  XDG_CONFIG_HOME: string;
  XDG_CACHE_HOME: string;
}

export interface TestKeyring {
  /** What a process needs to use this keyring (and nothing of the machine's session). */
  env: KeyringEnv;
  /** Temp dir holding HOME, the runtime dir and the bus socket; removed by stop(). */
  root: string;
  /** Locks the default collection, as an idle lock would. Rejects if there is no keyring daemon. */
  lock(): Promise<void>;
  /**
   * On a bus that has no Secret Service yet: starts gnome-keyring there with an unlocked
   * "login" keyring, as an agent starting their keyring would. Rejects otherwise.
   */
  startSecretService(): Promise<void>;
  /** Ends gnome-keyring (its keyring files stay), as a crash or `systemctl --user stop` would. */
  stopSecretService(): Promise<void>;
  stop(): Promise<void>;
}

/** The login keyring's password; only ever used inside the temp HOME. */
const KEYRING_PASSWORD = 'test-keyring-password';

interface Options {
  keyring: 'unlocked' | 'no-default-collection' | 'none';
  bus: 'open' | 'deny-secrets' | 'none';
}

const liveRoots = new Set<string>();
process.once('exit', () => {
  // The daemons die with their guard pipes (see guarded-process.ts); this tidies the files.
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// No <servicedir> and no <standard_session_servicedirs/>: nothing can be D-Bus-activated,
// so the Secret Service exists only if we start it, and gnome-keyring's unlock prompter
// cannot be activated either (a prompt fails at once instead of waiting for a user).
function busConfig(socket: string, denySecrets: boolean): string {
  const deny = denySecrets ? `<policy context="mandatory"><deny send_destination="${SECRETS_NAME}"/></policy>` : '';
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${xml(socket)}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  ${deny}
</busconfig>
`;
}

function makeDirs(root: string): Omit<KeyringEnv, 'DBUS_SESSION_BUS_ADDRESS'> {
  const home = join(root, 'home');
  const dirs = {
    HOME: home,
    XDG_RUNTIME_DIR: join(root, 'run'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dirs;
}

async function start(options: Options): Promise<TestKeyring> {
  const root = mkdtempSync(join(tmpdir(), 'conscent-keyring-'));
  liveRoots.add(root);
  const dirs = makeDirs(root);
  const socket = join(root, 'bus');
  // Daemons get exactly this environment: no DISPLAY, so nothing can reach an X server
  // or autolaunch another bus; C locale so error texts are the ones we classify.
  const base = { ...dirs, PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };
  const daemons: GuardedProcess[] = [];
  const stop = async () => {
    // Keyring first, then the bus it lives on.
    for (const daemon of [...daemons].reverse()) await daemon.stop();
    rmSync(root, { recursive: true, force: true });
    liveRoots.delete(root);
  };

  try {
    let address = `unix:path=${socket}`; // for 'none': a socket that never exists
    if (options.bus !== 'none') {
      const config = join(root, 'bus.conf');
      writeFileSync(config, busConfig(socket, options.bus === 'deny-secrets'));
      const bus = spawnGuarded('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], base);
      daemons.push(bus);
      address = await firstLine(bus, 'dbus-daemon');
    }
    const env: KeyringEnv = { ...dirs, DBUS_SESSION_BUS_ADDRESS: address };

    let keyringDaemon: GuardedProcess | null = null;
    const startKeyring = async (unlock: boolean) => {
      const args = ['--foreground', '--components=secrets', ...(unlock ? ['--unlock'] : [])];
      // With --unlock the password comes on stdin and a fresh HOME gets an encrypted
      // "login" keyring as default; without it there is no collection at all.
      const keyring = spawnGuarded('gnome-keyring-daemon', args, { ...base, ...env }, unlock ? KEYRING_PASSWORD : '');
      daemons.push(keyring);
      keyringDaemon = keyring;
      let exited = false;
      void keyring.exited.then(() => (exited = true));
      await waitForName(address, SECRETS_NAME, () => (exited ? `gnome-keyring-daemon exited: ${keyring.stderr().trim()}` : null));
    };
    let hasKeyring = options.keyring !== 'none';
    if (hasKeyring) await startKeyring(options.keyring === 'unlocked');

    return {
      env,
      root,
      lock: () => (hasKeyring ? lockDefaultCollection(address) : Promise.reject(new Error('There is no keyring daemon to lock.'))),
      async startSecretService() {
        if (hasKeyring || options.bus !== 'open') throw new Error('This situation cannot gain a Secret Service.');
        hasKeyring = true;
        await startKeyring(true);
      },
      async stopSecretService() {
        if (!keyringDaemon) throw new Error('There is no keyring daemon to stop.');
        const daemon = keyringDaemon;
        keyringDaemon = null;
        await daemon.stop();
        // Gone from the bus too, as the console would then find it.
        while (await nameHasOwner(address, SECRETS_NAME)) await delay(20);
        daemons.splice(daemons.indexOf(daemon), 1);
        hasKeyring = false;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A bus with gnome-keyring on it, its "login" keyring default and unlocked. */
export const startUnlockedKeyring = () => start({ keyring: 'unlocked', bus: 'open' });

/**
 * As startUnlockedKeyring, then locked. Reliable: with nothing activatable on the bus
 * gnome-keyring cannot show an unlock prompt, so libsecret's unlock attempt is dismissed
 * at once. Use startUnlockedKeyring + lock() to store something before locking.
 */
export async function startLockedKeyring(): Promise<TestKeyring> {
  const keyring = await startUnlockedKeyring();
  try {
    await keyring.lock();
  } catch (error) {
    await keyring.stop();
    throw error;
  }
  return keyring;
}

/** A working bus on which nothing owns org.freedesktop.secrets and nothing can be activated. */
export const startBusWithoutSecretService = () => start({ keyring: 'none', bus: 'open' });

/** An unlocked keyring behind a bus policy that rejects every message to it. */
export const startKeyringDenyingAccess = () => start({ keyring: 'unlocked', bus: 'deny-secrets' });

/** gnome-keyring with no keyring at all (never unlocked at login, no prompt to create one). */
export const startKeyringWithoutDefaultCollection = () => start({ keyring: 'no-default-collection', bus: 'open' });

/** No bus at all: DBUS_SESSION_BUS_ADDRESS names a socket that does not exist. */
export const startWithoutDBus = () => start({ keyring: 'none', bus: 'none' });

const BOUND = Symbol.for('conscent-console.test-keyring');

export type KeyringSituation = 'unlocked' | 'locked' | 'no-secret-service' | 'no-dbus';

const STARTERS: Record<KeyringSituation, () => Promise<TestKeyring>> = {
  unlocked: startUnlockedKeyring,
  locked: startLockedKeyring,
  'no-secret-service': startBusWithoutSecretService,
  'no-dbus': startWithoutDBus,
};

/**
 * For test files that use keytar in their own process (e.g. end-to-end tests of main
 * handlers): starts an unlocked keyring and points this process at it (bus address,
 * HOME and XDG dirs; DISPLAY removed), restoring the variables on stop(). Call it before
 * keytar is first *used* (importing keytar is fine: it connects on the first call).
 * Once per process: GLib keeps the first bus connection for the life of the process,
 * and vitest's forks pool runs every test file in its own process.
 */
export const useUnlockedKeyringInThisProcess = (): Promise<TestKeyring> => useKeyringSituationInThisProcess('unlocked');

/** As useUnlockedKeyringInThisProcess, for any of the keychain situations above. */
export async function useKeyringSituationInThisProcess(situation: KeyringSituation): Promise<TestKeyring> {
  const holder = globalThis as { [BOUND]?: string };
  if (holder[BOUND]) {
    throw new Error(
      `This process already uses the test keyring on ${holder[BOUND]}; GLib cannot switch buses. ` +
        'Use one keyring per test file, or run other scenarios in a child process.',
    );
  }
  const keyring = await STARTERS[situation]();
  holder[BOUND] = keyring.env.DBUS_SESSION_BUS_ADDRESS;
  // HOME and XDG dirs too, so anything this process writes "at home" lands in the
  // keyring's temp root, where tests can inspect it and stop() removes it.
  const names = [...(Object.keys(keyring.env) as Array<keyof KeyringEnv>), 'DISPLAY', 'WAYLAND_DISPLAY'] as const;
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  Object.assign(process.env, keyring.env);
  // So a mistake can never reach a desktop's bus, keychain or prompt.
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
  return {
    ...keyring,
    async stop() {
      await keyring.stop();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
