import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../logging/logger';
import { readCapped, TOO_LARGE } from '../settings/side-file';
import {
  loadPolicyWatcher as realLoader,
  managedSourceName,
  managedToPolicy,
  WATCHED_POLICIES,
  type LoadPolicyWatcher,
  type ManagedValue,
} from './managed-policy';
import { hasManagedPolicies, POLICY_BUNDLE_ID, POLICY_REGISTRY_PATH, policyFilePath } from './policy-paths';
import { firstProblem, POLICY_KEYS, POLICY_VERSION, PolicyFile, type PolicyKey } from './policy-schema';

// The admin's policy as the console holds it (issue 21.1): the machine-wide file, and on
// Windows and macOS the values Group Policy or a configuration profile set, read through
// @vscode/policy-watcher. Both are watched; every change is read again whole and listeners
// are told. A policy that fails its schema is never half-applied: the state is `locked`
// (every write refused) with where it came from and its first problem, logged once.
//
// Which wins: a managed value (Group Policy, profile) overrides the file's value of the
// same key, whole (ConnectionsJson replaces the file's connections); the file fills in
// every key the managed values do not set. Group Policy is what Windows admins audit and
// enforce, so it must not be undone by a file anyone with admin rights on one machine
// can edit.

export const MAX_POLICY_BYTES = 256 * 1024;
/** How long start-up waits for policy-watcher's first answer before going on without it. */
const MANAGED_FIRST_ANSWER_MS = 3_000;
/** Editors write a file in several steps; one read after they settle. */
const SETTLE_MS = 50;

export type PolicyState =
  | { status: 'none' }
  | { status: 'active'; policy: PolicyFile; fixed: PolicyKey[]; sources: string[] }
  | { status: 'locked'; path: string; firstError: string };

export interface PolicySource {
  current(): PolicyState;
  /** Called with each new state after the policy changed; answers a function that stops it. */
  onChange(listener: (state: PolicyState) => void): () => void;
  close(): void;
}

export interface PolicySourceOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** The policy file; policyFilePath(platform, env) when absent (tests pass a temp folder's). */
  filePath?: string | null;
  /** @vscode/policy-watcher, loaded on Windows and macOS only; tests pass a stand-in. */
  loadPolicyWatcher?: LoadPolicyWatcher;
  /** Off in tests that read once. */
  watch?: boolean;
}

type FileRead = { kind: 'missing' } | { kind: 'read'; raw: unknown } | { kind: 'bad'; firstError: string };

export async function readPolicyFile(path: string): Promise<FileRead> {
  let text: string | typeof TOO_LARGE;
  try {
    text = await readCapped(path, MAX_POLICY_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    // A file the admin put there but the console cannot read locks it: never "no policy".
    return { kind: 'bad', firstError: `The file could not be read (${code ?? 'error'}).` };
  }
  if (text === TOO_LARGE) return { kind: 'bad', firstError: `The file is larger than ${MAX_POLICY_BYTES / 1024} KiB.` };
  try {
    return { kind: 'read', raw: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return { kind: 'bad', firstError: 'The file is not JSON.' };
  }
}

/** The state from the file's reading and the managed values (see "Which wins" above). */
export function resolvePolicy(
  file: { path: string; read: FileRead } | null,
  managed: { name: string; values: Record<string, ManagedValue> },
): PolicyState {
  if (file?.read.kind === 'bad') return { status: 'locked', path: file.path, firstError: file.read.firstError };
  const fromFile = file?.read.kind === 'read' ? file.read.raw : undefined;
  if (fromFile !== undefined) {
    const alone = PolicyFile.safeParse(fromFile);
    if (!alone.success) return { status: 'locked', path: file!.path, firstError: firstProblem(alone.error) };
  }
  const mapped = managedToPolicy(managed.values);
  if (!mapped.ok) return { status: 'locked', path: managed.name, firstError: mapped.firstError };
  const managedKeys = Object.keys(mapped.policy);
  if (fromFile === undefined && managedKeys.length === 0) return { status: 'none' };
  const merged = { version: POLICY_VERSION, ...(fromFile as object | undefined), ...mapped.policy };
  const parsed = PolicyFile.safeParse(merged);
  // The file alone was sound, so what the managed values added is what is wrong.
  if (!parsed.success) return { status: 'locked', path: managed.name, firstError: firstProblem(parsed.error) };
  const sources = [...(fromFile !== undefined ? [file!.path] : []), ...(managedKeys.length > 0 ? [managed.name] : [])];
  return { status: 'active', policy: parsed.data, fixed: POLICY_KEYS.filter((key) => parsed.data[key] !== undefined), sources };
}

/** Reads the policy now and keeps it current until close(). */
export async function openPolicySource(options: PolicySourceOptions): Promise<PolicySource> {
  const { platform, logger } = options;
  const filePath = options.filePath === undefined ? policyFilePath(platform, options.env) : options.filePath;
  const managedName = managedSourceName(platform, POLICY_REGISTRY_PATH, POLICY_BUNDLE_ID);
  const managedValues: Record<string, ManagedValue> = {};
  const listeners = new Set<(state: PolicyState) => void>();
  let state: PolicyState = { status: 'none' };
  // No policy is the usual case and says nothing: a line is logged only when there is one,
  // or when one went away.
  let lastLogged = JSON.stringify(state);
  let closed = false;

  const report = (next: PolicyState) => {
    const key = JSON.stringify(next);
    if (key === lastLogged) return;
    lastLogged = key;
    if (next.status === 'locked') logger.error('policy.invalid', { path: next.path, firstError: next.firstError });
    else if (next.status === 'active') logger.info('policy.applied', { sources: next.sources.join(', '), fixed: next.fixed.join(',') });
    else logger.info('policy.none', {});
  };

  async function read(): Promise<PolicyState> {
    const file = filePath ? { path: filePath, read: await readPolicyFile(filePath) } : null;
    return resolvePolicy(file, { name: managedName, values: { ...managedValues } });
  }

  // Reads are serialised: a change while one is on its way is read after it, never lost.
  let reading: Promise<void> = Promise.resolve();
  const reread = () => {
    reading = reading.then(async () => {
      if (closed) return;
      const next = await read();
      if (closed || JSON.stringify(next) === JSON.stringify(state)) return;
      state = next;
      report(state);
      for (const listener of listeners) listener(state);
    });
    return reading;
  };

  let managedWatcher: { dispose(): void } | undefined;
  if (hasManagedPolicies(platform)) managedWatcher = await watchManaged();

  async function watchManaged(): Promise<{ dispose(): void } | undefined> {
    let module: Awaited<ReturnType<LoadPolicyWatcher>>;
    try {
      module = await (options.loadPolicyWatcher ?? realLoader)();
    } catch {
      // Said in the support log; the file still applies.
      logger.warn('policy.managed-unavailable', { reason: 'load-failed' });
      return undefined;
    }
    let answered: () => void = () => undefined;
    const firstAnswer = new Promise<void>((resolve) => (answered = resolve));
    let watcher: { dispose(): void };
    try {
      watcher = module.createWatcher(
        platform === 'darwin' ? POLICY_BUNDLE_ID : 'ConsCent Console',
        WATCHED_POLICIES,
        (update) => {
          for (const [name, value] of Object.entries(update as Record<string, ManagedValue | undefined>)) {
            if (value === undefined) delete managedValues[name];
            else managedValues[name] = value;
          }
          answered();
          answered = () => undefined;
          void reread();
        },
        { registryPath: POLICY_REGISTRY_PATH },
      );
    } catch {
      logger.warn('policy.managed-unavailable', { reason: 'watcher-failed' });
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([firstAnswer, new Promise<void>((resolve) => (timer = setTimeout(resolve, MANAGED_FIRST_ANSWER_MS)))]);
    clearTimeout(timer);
    return watcher;
  }

  state = await read();
  report(state);
  await reading;

  let fileWatcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  if (filePath && options.watch !== false) {
    try {
      // The folder, not the file: an admin's tool replaces the file (a new inode), and a
      // file created after start-up must be seen too.
      fileWatcher = watch(dirname(filePath), { persistent: false }, (_event, name) => {
        if (name !== null && name !== basename(filePath)) return;
        clearTimeout(settle);
        settle = setTimeout(() => void reread(), SETTLE_MS);
      });
      fileWatcher.on('error', () => logger.warn('policy.watch-failed', {}));
    } catch {
      // No folder, so no file: a policy file put there later applies from the next start.
    }
  }

  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(settle);
      fileWatcher?.close();
      managedWatcher?.dispose();
      listeners.clear();
    },
  };
}

/**
 * The source for wiring that cannot wait (app-services.ts builds the bridge synchronously):
 * read in the background; a service awaits ready() before it asks the gate, so no write
 * slips through before the policy is known. A source that fails to open locks the console.
 */
export function startPolicySource(options: PolicySourceOptions): PolicySource & { ready(): Promise<void> } {
  let inner: PolicySource | undefined;
  let failed: PolicyState | undefined;
  let closed = false;
  const pending = new Set<(state: PolicyState) => void>();
  const opening = openPolicySource(options).then(
    (source) => {
      inner = source;
      if (closed) source.close();
      for (const listener of pending) source.onChange(listener);
    },
    () => {
      const path = (options.filePath === undefined ? policyFilePath(options.platform, options.env) : options.filePath) ?? 'policy';
      failed = { status: 'locked', path, firstError: 'The policy could not be read.' };
      options.logger.error('policy.invalid', { path, firstError: failed.firstError });
    },
  );
  return {
    ready: () => opening,
    current: () => failed ?? inner?.current() ?? { status: 'none' },
    onChange(listener) {
      if (inner) return inner.onChange(listener);
      pending.add(listener);
      return () => pending.delete(listener);
    },
    close() {
      closed = true;
      inner?.close();
    },
  };
}
