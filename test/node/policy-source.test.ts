import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicyWatcher, type LoadPolicyWatcher } from '../../main/policy/managed-policy';
import { MAX_POLICY_BYTES, openPolicySource, type PolicySource, type PolicyState } from '../../main/policy/policy-source';
import type { LogFields, Logger } from '../../main/logging/logger';
import { tempFolders } from '../helpers/temp-folders';
import { PRESET_CONNECTION } from './policy-fixtures';

// Reading the admin's policy (issue 21.1): the file at its machine-wide path (injected: a
// temp folder here), Group Policy / managed preferences through a stand-in for
// @vscode/policy-watcher, the merge, the locked state and watching for changes.

const newFolder = tempFolders('cc-policy-');
const opened: PolicySource[] = [];
afterEach(() => opened.splice(0).forEach((source) => source.close()));

type Logged = { level: string; event: string; fields?: LogFields };
function recordingLogger(): Logger & { lines: Logged[] } {
  const lines: Logged[] = [];
  const at = (level: string) => (event: string, fields?: LogFields) => void lines.push({ level, event, ...(fields ? { fields } : {}) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const connection = PRESET_CONNECTION;

function policyFileIn(policy?: unknown): string {
  const path = join(newFolder(), 'policy.json');
  if (policy !== undefined) writeFileSync(path, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return path;
}

async function open(options: {
  filePath: string | null;
  platform?: NodeJS.Platform;
  loadPolicyWatcher?: LoadPolicyWatcher;
  logger?: Logger;
  watch?: boolean;
}) {
  const source = await openPolicySource({ platform: 'linux', env: {}, logger: options.logger ?? recordingLogger(), watch: false, ...options });
  opened.push(source);
  return source;
}

const nextChange = (source: PolicySource) => new Promise<PolicyState>((resolve) => source.onChange(resolve));

/** A stand-in for @vscode/policy-watcher: answers its first update with `values`, and lets the test send more. */
function standInWatcher(values: Record<string, string | number | boolean>) {
  const calls: Array<{ productName: string; policies: Record<string, { type: unknown }>; options: unknown }> = [];
  let send: (update: Record<string, unknown>) => void = () => undefined;
  let disposed = false;
  const load: LoadPolicyWatcher = async () => ({
    createWatcher: ((
      productName: string,
      policies: Record<string, { type: unknown }>,
      onDidChange: (update: Record<string, unknown>) => void,
      options: unknown,
    ) => {
      calls.push({ productName, policies, options });
      send = onDidChange;
      setTimeout(() => onDidChange({ ...values }), 5);
      return { dispose: () => void (disposed = true) };
    }) as never,
  });
  return { load, calls, send: (update: Record<string, unknown>) => send(update), disposed: () => disposed };
}

describe('the policy file', () => {
  it('is no policy when there is no file', async () => {
    const source = await open({ filePath: policyFileIn() });
    expect(source.current()).toEqual({ status: 'none' });
  });

  it('applies a valid file and names the keys it sets', async () => {
    const path = policyFileIn({ version: 1, connections: [connection], allowBulk: false, minRetentionDays: 90 });
    const state = (await open({ filePath: path })).current();
    expect(state).toMatchObject({ status: 'active', fixed: ['connections', 'minRetentionDays', 'allowBulk'], sources: [path] });
  });

  it('locks the console on a file that fails validation, with the path and the first error, logged once', async () => {
    const logger = recordingLogger();
    const path = policyFileIn({ version: 1, allowBulk: 'no', allowRevert: 'no' });
    const source = await open({ filePath: path, logger, watch: true });
    expect(source.current()).toEqual({ status: 'locked', path, firstError: 'allowBulk: Invalid input: expected boolean, received string' });
    // Rewritten with the same mistake: still locked, not logged again.
    writeFileSync(path, JSON.stringify({ version: 1, allowBulk: 'no', allowRevert: 'no' }, null, 2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logger.lines.filter((line) => line.event === 'policy.invalid')).toEqual([
      { level: 'error', event: 'policy.invalid', fields: { path, firstError: 'allowBulk: Invalid input: expected boolean, received string' } },
    ]);
  });

  it('locks on a file that is not JSON, too large or unreadable: never read as no policy', async () => {
    const notJson = policyFileIn('{ "version": 1, ');
    expect((await open({ filePath: notJson })).current()).toEqual({ status: 'locked', path: notJson, firstError: 'The file is not JSON.' });
    const large = policyFileIn(`{"version":1,"displayNameTemplate":"${'x'.repeat(MAX_POLICY_BYTES)}"}`);
    expect((await open({ filePath: large })).current()).toMatchObject({ status: 'locked', firstError: 'The file is larger than 256 KiB.' });
    const unreadable = policyFileIn({ version: 1 });
    chmodSync(unreadable, 0o000);
    const state = (await open({ filePath: unreadable })).current();
    chmodSync(unreadable, 0o600);
    // root reads any file: then it is simply applied.
    if (process.getuid?.() !== 0) expect(state).toEqual({ status: 'locked', path: unreadable, firstError: 'The file could not be read (EACCES).' });
  });

  it('picks up a changed file while the console runs: fixed, replaced, removed', async () => {
    const path = policyFileIn({ version: 1, allowBulk: 'no' });
    const source = await open({ filePath: path, watch: true });
    expect(source.current().status).toBe('locked');

    let change = nextChange(source);
    writeFileSync(path, JSON.stringify({ version: 1, allowBulk: false }));
    expect(await change).toMatchObject({ status: 'active', fixed: ['allowBulk'] });

    // Replaced as admins' tools do: a new file renamed over the old one.
    change = nextChange(source);
    writeFileSync(`${path}.new`, JSON.stringify({ version: 1, allowRevert: false }));
    renameSync(`${path}.new`, path);
    expect(await change).toMatchObject({ status: 'active', fixed: ['allowRevert'] });
  });

  it('sees a policy file created after start-up in an existing folder', async () => {
    const path = policyFileIn();
    const source = await open({ filePath: path, watch: true });
    const change = nextChange(source);
    writeFileSync(path, JSON.stringify({ version: 1, requireTicket: true }));
    expect(await change).toMatchObject({ status: 'active', fixed: ['requireTicket'] });
  });

  it('starts without a policy, and logs nothing, when the folder does not exist', async () => {
    const logger = recordingLogger();
    const path = join(newFolder(), 'missing', 'policy.json');
    const source = await open({ filePath: path, watch: true, logger });
    expect(source.current()).toEqual({ status: 'none' });
    expect(logger.lines).toEqual([]);
  });
});

describe('Group Policy and managed preferences (a stand-in for @vscode/policy-watcher)', () => {
  it('is never loaded on Linux', async () => {
    const watcher = standInWatcher({ AllowBulk: false });
    const source = await open({ filePath: policyFileIn(), platform: 'linux', loadPolicyWatcher: watcher.load });
    expect(watcher.calls).toEqual([]);
    expect(source.current()).toEqual({ status: 'none' });
  });

  it('reads the registry key on Windows, every value mapped onto its policy key', async () => {
    const watcher = standInWatcher({
      ConnectionsJson: JSON.stringify([connection]),
      DefaultConnection: 'acme-prod',
      AllowOwnConnections: false,
      MinRetentionDays: 365,
      AllowClearHistory: false,
      AllowBulk: false,
      AllowRevert: false,
      AllowProductionWrites: false,
      RequireTicket: true,
      AuditJson: JSON.stringify({ host: 'syslog.corp', port: 6514 }),
      DisplayNameTemplate: '{osUser} (Support)',
    });
    const source = await open({ filePath: policyFileIn(), platform: 'win32', loadPolicyWatcher: watcher.load });
    expect(watcher.calls).toHaveLength(1);
    expect(watcher.calls[0]!.options).toEqual({ registryPath: 'SOFTWARE\\Policies\\ConsCent\\Console' });
    expect(watcher.calls[0]!.policies).toMatchObject({
      ConnectionsJson: { type: 'string' },
      MinRetentionDays: { type: 'number' },
      AllowBulk: { type: 'boolean' },
    });
    const state = source.current();
    expect(state).toMatchObject({ status: 'active', sources: ['HKLM\\SOFTWARE\\Policies\\ConsCent\\Console'] });
    if (state.status !== 'active') throw new Error('not active');
    expect(state.policy).toMatchObject({
      connections: [connection],
      defaultConnection: 'acme-prod',
      allowOwnConnections: false,
      minRetentionDays: 365,
      allowClearHistory: false,
      allowBulk: false,
      allowRevert: false,
      allowProductionWrites: false,
      requireTicket: true,
      audit: { host: 'syslog.corp', port: 6514, tls: true },
      displayNameTemplate: '{osUser} (Support)',
    });
  });

  it('reads the app’s managed preferences on macOS, and a managed value wins over the file’s', async () => {
    const watcher = standInWatcher({ AllowBulk: true, MinRetentionDays: 30 });
    const path = policyFileIn({ version: 1, allowBulk: false, allowRevert: false });
    const state = (await open({ filePath: path, platform: 'darwin', loadPolicyWatcher: watcher.load })).current();
    expect(watcher.calls[0]!.productName).toBe('in.conscent.console');
    expect(state).toMatchObject({
      status: 'active',
      policy: { version: 1, allowBulk: true, allowRevert: false, minRetentionDays: 30 },
      sources: [path, 'managed preferences in.conscent.console'],
    });
  });

  it('follows a change Group Policy makes while the console runs, and a value removed', async () => {
    const watcher = standInWatcher({ AllowBulk: false });
    const source = await open({ filePath: policyFileIn(), platform: 'win32', loadPolicyWatcher: watcher.load });
    expect(source.current()).toMatchObject({ status: 'active', fixed: ['allowBulk'] });
    let change = nextChange(source);
    watcher.send({ AllowBulk: false, RequireTicket: true });
    expect(await change).toMatchObject({ status: 'active', fixed: ['allowBulk', 'requireTicket'] });
    change = nextChange(source);
    watcher.send({ AllowBulk: undefined, RequireTicket: undefined });
    expect(await change).toEqual({ status: 'none' });
    source.close();
    expect(watcher.disposed()).toBe(true);
  });

  it('locks on a managed JSON value that is not JSON, or that fails the schema, naming the registry key', async () => {
    const notJson = standInWatcher({ ConnectionsJson: '[{' });
    expect((await open({ filePath: null, platform: 'win32', loadPolicyWatcher: notJson.load })).current()).toEqual({
      status: 'locked',
      path: 'HKLM\\SOFTWARE\\Policies\\ConsCent\\Console',
      firstError: 'ConnectionsJson: the value is not JSON.',
    });
    const leak = standInWatcher({ ConnectionsJson: JSON.stringify([{ ...connection, apiSecret: 's' }]) });
    expect((await open({ filePath: null, platform: 'win32', loadPolicyWatcher: leak.load })).current()).toEqual({
      status: 'locked',
      path: 'HKLM\\SOFTWARE\\Policies\\ConsCent\\Console',
      firstError: 'connections[0]: Unknown setting "apiSecret".',
    });
  });

  it('loads the real @vscode/policy-watcher, which refuses on this Linux machine: the file alone applies, and the log says so', async () => {
    const logger = recordingLogger();
    const path = policyFileIn({ version: 1, allowRevert: false });
    const source = await open({ filePath: path, platform: 'win32', loadPolicyWatcher, logger });
    expect(source.current()).toMatchObject({ status: 'active', sources: [path], fixed: ['allowRevert'] });
    expect(logger.lines).toContainEqual({ level: 'warn', event: 'policy.managed-unavailable', fields: { reason: 'watcher-failed' } });
  });

  it('uses the file alone, and says so in the log, when policy-watcher cannot be loaded', async () => {
    const logger = recordingLogger();
    const path = policyFileIn({ version: 1, allowBulk: false });
    const failing: LoadPolicyWatcher = () => Promise.reject(new Error('The specified module could not be found.'));
    const source = await open({ filePath: path, platform: 'win32', loadPolicyWatcher: failing, logger });
    expect(source.current()).toMatchObject({ status: 'active', sources: [path], fixed: ['allowBulk'] });
    expect(logger.lines).toContainEqual({ level: 'warn', event: 'policy.managed-unavailable', fields: { reason: 'load-failed' } });
  });
});
