import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SETTINGS_FILE_NAME } from '../../main/app-paths';
import { createSettingsStore } from '../../main/settings/settings-store';
import { keychainWords } from '../../renderer/src/errors/local-failure-words';
import { startUnlockedKeyring } from '../helpers/keyring';
import { tempFolders } from '../helpers/temp-folders';

// `npm run demo` (issue 21 item 3): it prepares its own data folder and never the real
// app's settings, tells keychain trouble in the app's own sentences, and checks for
// Electron as `npm start` does. The script runs as npm runs it.

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const tempDir = tempFolders('conscent-');

const realSettings = (home: string) => join(home, '.config', 'ConsCent Console', SETTINGS_FILE_NAME);
const demoSettings = (home: string) => join(home, '.config', 'ConsCent Console Demo', SETTINGS_FILE_NAME);

function expectNoStackTrace(output: string) {
  expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/Error:|node:internal/);
}

describe('npm run demo', () => {
  it('is the checking demo script, which builds only after finding Electron', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toBe('tsx scripts/demo.ts');
  });

  it('without a keychain says what the app says about it, not "keychain (no-dbus)"', () => {
    const home = tempDir('conscent-demo-home-');
    const run = spawnSync(TSX, ['scripts/demo.ts', '--no-launch', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: home, XDG_RUNTIME_DIR: home, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-bus')}` },
      encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toContain(keychainWords({ kind: 'keychain', reason: 'no-dbus' }));
    expect(output).not.toContain('keychain (no-dbus)');
    expectNoStackTrace(output);
  });

  it('without Electron explains how to provide it, as npm start does, and sets nothing up', () => {
    const home = tempDir('conscent-demo-home-');
    const empty = tempDir('conscent-no-electron-');
    const run = spawnSync(TSX, ['scripts/demo.ts', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toContain(`npm run demo: ELECTRON_OVERRIDE_DIST_PATH has no Electron`);
    expect(output).toMatch(/ELECTRON_MIRROR=\S+ npm run demo/);
    expect(output).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=\S+ npm run demo/);
    expect(output).toContain('npm run preview');
    expectNoStackTrace(output);
    expect(existsSync(demoSettings(home)), 'nothing prepared').toBe(false);
    expect(output).not.toContain('Simulator:');
  });

  it("prepares its own data folder and leaves the real app's settings and active connection as they were", async () => {
    const keyring = await startUnlockedKeyring();
    onTestFinished(() => keyring.stop());
    const home = keyring.env.HOME;
    // The agent's real settings, with their own active connection.
    const real = createSettingsStore(realSettings(home));
    await real.upsert({ id: 'acme-prod', name: 'Acme', environment: 'production', baseUrl: 'https://api.conscent.in/api/v1', clientId: 'acme' });
    await real.setActive('acme-prod');
    const before = readFileSync(realSettings(home), 'utf8');

    const demo = spawn(TSX, ['scripts/demo.ts', '--no-launch', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...keyring.env, XDG_CONFIG_HOME: join(home, '.config') },
    });
    let output = '';
    const ready = new Promise<void>((done, fail) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Press Ctrl+C')) done();
      };
      demo.stdout.on('data', read);
      demo.stderr.on('data', read);
      demo.once('exit', () => fail(new Error(`demo exited early:\n${output}`)));
    });
    const exited = new Promise<number | null>((done) => demo.once('exit', (code) => done(code)));
    onTestFinished(() => void demo.kill('SIGKILL'));
    await ready;
    demo.kill('SIGINT');
    expect(await exited).toBe(0);

    expect(output).toContain(join(home, '.config', 'ConsCent Console Demo'));
    expect(readFileSync(realSettings(home), 'utf8'), "the real app's settings").toBe(before);
    const demoStore = createSettingsStore(demoSettings(home));
    const { settings } = await demoStore.load();
    expect(settings.connections.map((connection) => connection.name)).toEqual(['Demo (local simulator)']);
    expect(settings.activeConnectionId).toBe('demo-local-simulator');
  });
});
