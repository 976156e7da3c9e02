import { posix, win32 } from 'node:path';

// Where the machine-wide policy lives on each OS (issue 21.1): a place only an admin can
// write, outside every agent's own data folder. Platform and environment are arguments,
// so each OS's path is tested on any machine (as app-paths.ts does for the data folder).

export const POLICY_FILE_NAME = 'policy.json';

/** Group Policy's registry key under HKLM (and HKCU, which policy-watcher reads second). */
export const POLICY_REGISTRY_PATH = 'SOFTWARE\\Policies\\ConsCent\\Console';

/** The macOS managed-preferences domain: the app's bundle id (electron-builder.yml appId). */
export const POLICY_BUNDLE_ID = 'in.conscent.console';

/**
 * The policy file for `platform`, or null on an OS the console does not know. On Windows
 * %ProgramData% comes from the environment (C:\ProgramData when unset, as on every
 * default install).
 */
export function policyFilePath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string | null {
  switch (platform) {
    case 'win32':
      return win32.join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'ConsCent Console', POLICY_FILE_NAME);
    case 'darwin':
      return posix.join('/Library/Application Support/ConsCent Console', POLICY_FILE_NAME);
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return posix.join('/etc/conscent-console', POLICY_FILE_NAME);
    default:
      return null;
  }
}

/** Whether the OS has managed policies policy-watcher reads (Group Policy, configuration profiles). */
export function hasManagedPolicies(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}
