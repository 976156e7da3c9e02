import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPackageReport, type PackagedApp, readArchiveFile, readPackagedApp, shippedPackages } from '../../scripts/package-contents';
import { LINUX_ICON_SIZES } from '../../scripts/icons';
import { buildLinuxPackages, installedElectronVersion, type LinuxBuild, ROOT } from './run-electron-builder';
import { createStandInElectronDist, FUSE_DISABLED, FUSE_ENABLED, oppositeWire } from './stand-in-electron';

// Packages the app with electron-builder.yml (`--linux dir deb`: the unpacked app every
// installer is made from, and the deb's metadata) against a stand-in Electron and a
// stand-in fpm, then checks what an admin would install: the fuses in the executable,
// exactly which files are in app.asar and beside it, and what the deb declares and puts
// where. Needs the production build in out/ (`npm test` builds it first).

/** The fuse policy for the installed app (issue 5), independent of electron-builder.yml. */
const WANTED_FUSES: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

const KEYTAR_BINDING = 'node_modules/keytar/build/Release/keytar.node';
/** Group Policy and managed preferences (issue 21.1): loaded only on Windows and macOS, shipped on every OS. */
const POLICY_WATCHER_BINDING = 'node_modules/@vscode/policy-watcher/build/Release/vscode-policy-watcher.node';

function packageJson(path: string): { main?: unknown; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof packageJson>;
}

/** Module names a CommonJS bundle passes to require() with a literal. */
function requiredModules(source: string): string[] {
  const file = ts.createSourceFile('bundle.js', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      const [argument] = node.arguments;
      found.add(argument && ts.isStringLiteralLike(argument) ? argument.text : '<computed>');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found].sort();
}

const packageNameOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);

/** Every value given to a repeated command-line option, e.g. fpm's `-d`. */
function optionValues(args: string[], option: string): string[] {
  return args.flatMap((arg, i) => (arg === option && args[i + 1] !== undefined ? [args[i + 1] as string] : []));
}

describe('the packaged app (electron-builder --linux dir deb)', () => {
  let workDir: string;
  let build: LinuxBuild;
  let app: PackagedApp;
  let paths: Set<string>;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
      throw new Error('out/ is missing: run `npx electron-vite build` (npm test does) before the packaging tests');
    }
    workDir = await mkdtemp(join(tmpdir(), 'conscent-packaging-'));
    const electronDist = join(workDir, 'electron-dist');
    await createStandInElectronDist(electronDist, installedElectronVersion(), oppositeWire(WANTED_FUSES));
    build = await buildLinuxPackages({ workDir, electronDist, electronVersion: installedElectronVersion() });
    app = readPackagedApp(build.appOutDir);
    paths = new Set(app.files.map((file) => file.path));
    console.log(formatPackageReport(app, workDir));
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('sets every Electron fuse as the policy requires', async () => {
    const wire = await getCurrentFuseWire(build.executable);
    const actual = Object.fromEntries(Object.keys(WANTED_FUSES).map((fuse) => [FuseV1Options[Number(fuse)], wire[Number(fuse) as FuseV1Options]]));
    const expected = Object.fromEntries(
      Object.entries(WANTED_FUSES).map(([fuse, on]) => [FuseV1Options[Number(fuse)], on ? FUSE_ENABLED : FUSE_DISABLED]),
    );
    expect(actual).toEqual(expected);
  });

  it('starts the app from a main entry that is inside the archive', () => {
    const packaged = JSON.parse(readArchiveFile(app, 'package.json').toString('utf8')) as { main?: unknown; productName?: unknown };
    expect(packaged.main).toBe('out/main/index.js');
    expect(paths.has(packaged.main as string)).toBe(true);
    // Electron names the data folder (settings, logs) after productName.
    expect(packaged.productName).toBe('ConsCent Console');
  });

  it('ships the main, preload and renderer bundles', () => {
    expect(paths).toContain('out/main/index.js');
    expect(paths).toContain('out/preload/index.cjs');
    expect(paths).toContain('out/renderer/index.html');
    expect(app.files.some((file) => /^out\/renderer\/assets\/[^/]+\.js$/.test(file.path))).toBe(true);
  });

  it('ships nothing but the bundles, package.json and node_modules', () => {
    expect([...new Set(app.files.map((file) => file.path.split('/')[0]))].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const offending = app.files
      .map((file) => file.path)
      .filter(
        (path) =>
          /\.(ts|tsx|mts|cts|map)$/.test(path) || /(^|\/)(test|tests|__tests__|spec)(\/|$)/.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path),
      );
    expect(offending).toEqual([]);
  });

  it('ships only the native packages (keytar, policy-watcher and its loader): no dev dependencies, nothing the bundles already contain', () => {
    expect(shippedPackages(app)).toEqual(['@vscode/policy-watcher', 'bindings', 'file-uri-to-path', 'keytar']);
    const own = packageJson(join(ROOT, 'package.json'));
    const devDependencies = Object.keys(own.devDependencies ?? {});
    expect(devDependencies).toEqual(expect.arrayContaining(['electron', 'vite', 'vitest', 'typescript', 'playwright-core']));
    expect(shippedPackages(app).filter((name) => devDependencies.includes(name))).toEqual([]);
  });

  it('resolves every require() of the main bundle to Node, Electron or a shipped package', () => {
    const shipped = new Set(shippedPackages(app));
    const unresolved = requiredModules(readArchiveFile(app, 'out/main/index.js').toString('utf8')).filter((specifier) => {
      if (specifier === 'electron' || specifier.startsWith('node:') || builtinModules.includes(specifier)) return false;
      // A chunk the bundler split off (main's entry and the keytar helper share code) must be in the archive.
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        return !app.files.some((file) => file.path === posix.join('out/main', specifier));
      }
      return !shipped.has(packageNameOf(specifier));
    });
    expect(unresolved).toEqual([]);
  });

  it('keeps the native bindings, and only them, outside the archive where their loaders require them', () => {
    // Electron cannot dlopen from inside an archive: it redirects a require of an entry
    // the header marks unpacked to app.asar.unpacked. Everything else stays inside, where
    // the archive's integrity check covers it.
    expect(app.files.filter((file) => file.unpacked).map((file) => file.path)).toEqual([POLICY_WATCHER_BINDING, KEYTAR_BINDING]);
    expect(app.unpackedOnDisk).toEqual([POLICY_WATCHER_BINDING, KEYTAR_BINDING]);
    expect(readArchiveFile(app, 'node_modules/@vscode/policy-watcher/index.js').toString('utf8')).toContain(
      "require('bindings')('vscode-policy-watcher')",
    );
    expect(readArchiveFile(app, 'node_modules/keytar/lib/keytar.js').toString('utf8')).toContain("require('../build/Release/keytar.node')");
    expect(readArchiveFile(app, 'node_modules/keytar/package.json').toString('utf8')).toContain('"main": "./lib/keytar.js"');
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const shipped = readFileSync(join(`${app.asarPath}.unpacked`, KEYTAR_BINDING));
    expect(sha(shipped)).toBe(sha(readFileSync(join(ROOT, KEYTAR_BINDING))));
  });

  it('ships a keytar binding that loads as it is (N-API: built once by npm ci, never rebuilt for Electron)', () => {
    const load = createRequire(__filename);
    const binding = load(join(`${app.asarPath}.unpacked`, KEYTAR_BINDING)) as Record<string, unknown>;
    expect(typeof binding.getPassword).toBe('function');
    expect(typeof binding.findCredentials).toBe('function');
  });

  it('carries no auto-update configuration and produces no update feed', () => {
    expect(existsSync(join(app.resourcesDir, 'app-update.yml'))).toBe(false);
    expect(readdirSync(join(workDir, 'release')).filter((name) => /^latest.*\.yml$|\.blockmap$/.test(name))).toEqual([]);
    expect(build.log).not.toMatch(/publishing|uploading/i);
  });

  it('makes the deb depend on libsecret-1-0 (keytar) and the libraries Electron needs', () => {
    expect(optionValues(build.fpmArgs, '-t')).toEqual(['deb']);
    expect(optionValues(build.fpmArgs, '-d')).toEqual(expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3', 'xdg-utils']));
    expect(optionValues(build.fpmArgs, '--name')).toEqual(['conscent-console']);
    expect(optionValues(build.fpmArgs, '--url')[0]).toMatch(/^https:\/\//);
    expect(optionValues(build.fpmArgs, '--maintainer')[0]).toMatch(/<[^@>]+@[^>]+>$/);
  });

  it('has the deb install the unpacked app under /opt, with icons at every size and a desktop entry', () => {
    const mappings = new Map(
      build.fpmArgs
        .filter((arg) => arg.includes('=') && !arg.startsWith('-'))
        .map((arg) => [arg.slice(arg.indexOf('=') + 1), arg.slice(0, arg.indexOf('='))]),
    );
    expect(mappings.get('/opt/ConsCent Console')?.replace(/\/$/, '')).toBe(build.appOutDir);
    for (const size of LINUX_ICON_SIZES) {
      expect(mappings.get(`/usr/share/icons/hicolor/${size}x${size}/apps/conscent-console.png`)).toBe(
        join(ROOT, 'assets', 'icons', `${size}x${size}.png`),
      );
    }
    expect(mappings.has('/usr/share/applications/conscent-console.desktop')).toBe(true);
    expect(build.desktopEntry).toContain('Name=ConsCent Console\n');
    expect(build.desktopEntry).toContain('Exec="/opt/ConsCent Console/conscent-console" %U\n');
    expect(build.desktopEntry).toContain('Icon=conscent-console\n');
    // Opens conscent-console:// links from tickets (issue #11).
    expect(build.desktopEntry).toMatch(/^MimeType=.*x-scheme-handler\/conscent-console;?$/m);
    // Matches the app id Electron takes from the packaged package.json's desktopName.
    expect(build.desktopEntry).toContain('StartupWMClass=conscent-console\n');
    const packaged = JSON.parse(readArchiveFile(app, 'package.json').toString('utf8')) as { desktopName?: unknown };
    expect(packaged.desktopName).toBe('conscent-console.desktop');
  });
});
