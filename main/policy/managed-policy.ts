import type { createWatcher } from '@vscode/policy-watcher';
import type { PolicyKey } from './policy-schema';

// Group Policy (Windows registry) and configuration profiles (macOS managed preferences)
// hold flat, typed values: a string, a number (REG_QWORD) or a boolean (REG_DWORD), read
// and watched by @vscode/policy-watcher as VS Code reads its own. Each one maps onto one
// key of the policy file; the two lists (connections, audit) are JSON text in a string,
// as VS Code's object-valued policies are. The names are the ADMX's and the
// .mobileconfig's (docs/policy/).

export type ManagedValue = string | number | boolean;
export type ManagedValues = Readonly<Record<string, ManagedValue>>;

type Mapping = { name: string; type: 'string' | 'number' | 'boolean'; key: PolicyKey; json?: true };

export const MANAGED_POLICIES = [
  { name: 'ConnectionsJson', type: 'string', key: 'connections', json: true },
  { name: 'DefaultConnection', type: 'string', key: 'defaultConnection' },
  { name: 'AllowOwnConnections', type: 'boolean', key: 'allowOwnConnections' },
  { name: 'MinRetentionDays', type: 'number', key: 'minRetentionDays' },
  { name: 'AllowClearHistory', type: 'boolean', key: 'allowClearHistory' },
  { name: 'AllowBulk', type: 'boolean', key: 'allowBulk' },
  { name: 'AllowRevert', type: 'boolean', key: 'allowRevert' },
  { name: 'AllowProductionWrites', type: 'boolean', key: 'allowProductionWrites' },
  { name: 'RequireTicket', type: 'boolean', key: 'requireTicket' },
  { name: 'AuditJson', type: 'string', key: 'audit', json: true },
  { name: 'DisplayNameTemplate', type: 'string', key: 'displayNameTemplate' },
] as const satisfies readonly Mapping[];

/** What policy-watcher is told to read: every managed name with its type. */
export const WATCHED_POLICIES = Object.fromEntries(MANAGED_POLICIES.map((p) => [p.name, { type: p.type }])) as {
  [P in (typeof MANAGED_POLICIES)[number] as P['name']]: { type: P['type'] };
};

/**
 * The managed values as policy-file keys, or the first problem (a JSON value that is not
 * JSON), named by its managed name so the admin finds it in the GPO or the profile.
 */
export function managedToPolicy(
  values: ManagedValues,
): { ok: true; policy: Partial<Record<PolicyKey, unknown>> } | { ok: false; firstError: string } {
  const policy: Partial<Record<PolicyKey, unknown>> = {};
  for (const mapping of MANAGED_POLICIES) {
    const value = values[mapping.name];
    if (value === undefined) continue;
    if ('json' in mapping && typeof value === 'string') {
      try {
        policy[mapping.key] = JSON.parse(value) as unknown;
      } catch {
        return { ok: false, firstError: `${mapping.name}: the value is not JSON.` };
      }
    } else policy[mapping.key] = value;
  }
  return { ok: true, policy };
}

/** Where an admin finds the managed values, for the locked state's `path`. */
export function managedSourceName(platform: NodeJS.Platform, registryPath: string, bundleId: string): string {
  return platform === 'win32' ? `HKLM\\${registryPath}` : `managed preferences ${bundleId}`;
}

export type CreateWatcher = typeof createWatcher;
/** Loads @vscode/policy-watcher; tests pass a stand-in. */
export type LoadPolicyWatcher = () => Promise<{ createWatcher: CreateWatcher }>;

/**
 * The real module, loaded only when asked (only on Windows and macOS): a native module,
 * kept out of main's bundle (electron.vite.config.ts) and unpacked from the archive
 * (electron-builder.yml), as keytar is.
 */
export const loadPolicyWatcher: LoadPolicyWatcher = async () => {
  const loaded = (await import('@vscode/policy-watcher')) as { createWatcher?: CreateWatcher; default?: { createWatcher: CreateWatcher } };
  const create = loaded.createWatcher ?? loaded.default?.createWatcher;
  if (typeof create !== 'function') throw new Error('@vscode/policy-watcher has no createWatcher');
  return { createWatcher: create };
};
