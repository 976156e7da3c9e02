import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { distInvocation, SIGNED_TARGETS } from '../../scripts/dist';

// Issue 21 item 2: the installers an IT admin deploys with their tools (msi for Group
// Policy / Intune / SCCM, pkg for macOS MDM) beside nsis, dmg, deb and AppImage. msi and
// pkg cannot be built on Linux, so their configuration is read here exactly as
// electron-builder reads and validates electron-builder.yml, and unsigned builds are
// named so by `npm run dist` (scripts/dist.ts).

const ROOT = resolve(__dirname, '../..');
let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

const targets = (platform: 'win' | 'mac' | 'linux') => config[platform]?.target;
const NAME = /^\$\{name\}-[-${}a-zA-Z]*\$\{version\}-\$\{arch\}\.\$\{ext\}$/;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds nsis and msi on Windows, dmg and pkg on macOS, deb and AppImage on Linux', () => {
    expect(targets('win')).toEqual(['nsis', 'msi']);
    expect(targets('mac')).toEqual(['dmg', 'pkg']);
    expect(targets('linux')).toEqual(['deb', 'AppImage']);
  });

  it('makes an msi Group Policy and Intune can push: per machine, silent, no launch as SYSTEM, a fixed upgrade code', () => {
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: true, runAfterFinish: false });
    expect(config.msi?.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('makes a pkg that MDM installs into /Applications, replacing the previous version', () => {
    expect(config.pkg).toMatchObject({ installLocation: '/Applications', isRelocatable: false, overwriteAction: 'upgrade' });
  });

  it('names every Windows and macOS installer without spaces, so admins’ scripts need no quoting', () => {
    for (const target of [...SIGNED_TARGETS.win, ...SIGNED_TARGETS.mac]) expect(config[target]?.artifactName, target).toMatch(NAME);
  });

  it('holds no certificate or password: signing comes from the environment', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword|identity)\s*:/m);
    expect(config.mac).toMatchObject({ hardenedRuntime: true });
    expect(config.mac?.notarize).not.toBe(false);
  });
});

describe('npm run dist names unsigned installers so', () => {
  it('on Windows without WIN_CSC_LINK or CSC_LINK: …-unsigned.exe and …-unsigned.msi', () => {
    const run = distInvocation(config, 'win32', {});
    expect(run.unsigned).toBe(true);
    expect(run.args).toEqual([
      '--publish',
      'never',
      '-c.nsis.artifactName=${name}-setup-${version}-${arch}-unsigned.${ext}',
      '-c.msi.artifactName=${name}-${version}-${arch}-unsigned.${ext}',
    ]);
  });

  it('on macOS without CSC_LINK or CSC_NAME: …-unsigned.dmg and .pkg, and no keychain identity is picked up', () => {
    const run = distInvocation(config, 'darwin', { PATH: '/usr/bin' });
    expect(run.args.slice(2)).toEqual([
      '-c.dmg.artifactName=${name}-${version}-${arch}-unsigned.${ext}',
      '-c.pkg.artifactName=${name}-${version}-${arch}-unsigned.${ext}',
    ]);
    expect(run.env.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
  });

  it('keeps the plain names when a certificate is set', () => {
    for (const [platform, env] of [
      ['win32', { WIN_CSC_LINK: 'C:\\certs\\code.pfx' }],
      ['win32', { CSC_LINK: 'file:///certs/code.pfx' }],
      ['darwin', { CSC_LINK: 'file:///certs/developer-id.p12' }],
      ['darwin', { CSC_NAME: 'Developer ID Application: ConsCent (TEAM123456)' }],
    ] as const) {
      const run = distInvocation(config, platform, env);
      expect(run, `${platform} ${Object.keys(env).join()}`).toMatchObject({ unsigned: false, args: ['--publish', 'never'] });
      expect(run.env.CSC_IDENTITY_AUTO_DISCOVERY).toBeUndefined();
    }
  });

  it('leaves Linux package names alone (electron-builder does not code-sign them)', () => {
    expect(distInvocation(config, 'linux', {})).toMatchObject({ unsigned: false, args: ['--publish', 'never'] });
  });
});

describe('docs/building.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'building.md'), 'utf8');
  it('says where each installer is built', () => {
    for (const file of ['.msi', '.pkg', '.dmg', '.exe', '.deb', '.AppImage']) expect(doc, file).toContain(file);
  });
  it('lists every signing and notarisation variable electron-builder reads', () => {
    for (const name of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
      'CSC_INSTALLER_LINK',
      'CSC_INSTALLER_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'APPLE_API_KEY',
      'APPLE_API_KEY_ID',
      'APPLE_API_ISSUER',
    ])
      expect(doc, name).toContain(`\`${name}\``);
    expect(doc).toContain('-unsigned');
  });
});
