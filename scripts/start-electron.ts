import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';

// Where Electron's binary is, found the way the electron package finds it, but without
// its side effect: `require('electron')` starts a download when the binary is missing,
// and prints a stack trace when that fails. Used by scripts/start.ts.

export interface ElectronPackage {
  dir: string;
  version: string;
}

export function electronPackage(): ElectronPackage {
  const manifest = require.resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/** The executable inside an unpacked Electron, as electron's install.js names it. */
export function executableName(packageDir: string, platform: NodeJS.Platform): string {
  const pathFile = join(packageDir, 'path.txt');
  if (existsSync(pathFile)) return readFileSync(pathFile, 'utf8').trim();
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

export interface ElectronLocation {
  binary: string;
  /** Set from ELECTRON_OVERRIDE_DIST_PATH: use that folder, never download. */
  overridden: boolean;
}

export function locateElectron(pkg: ElectronPackage, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ElectronLocation {
  const name = executableName(pkg.dir, platform);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return { binary: join(override, name), overridden: true };
  return { binary: join(pkg.dir, 'dist', name), overridden: false };
}

/** @electron/get's default download cache for this platform (what "a warmed cache" means). */
export function electronCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home = homedir()): string {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron');
}

/**
 * What `npm start` prints when there is no Electron to launch: what is missing, the three
 * ways to provide it, and the way to use the console without it.
 */
export function explainMissingElectron(options: {
  pkg: ElectronPackage;
  location: ElectronLocation;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  cwd: string;
  /** Why the download failed, in one line; absent when none was tried. */
  downloadProblem?: string;
  /** The command the agent ran and should run again (`npm start`, `npm run demo`). */
  command?: string;
}): string {
  const { pkg, location } = options;
  const command = options.command ?? 'npm start';
  const inside = relative(options.cwd, location.binary);
  const where = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : location.binary;
  const headline = location.overridden
    ? `${command}: ELECTRON_OVERRIDE_DIST_PATH has no Electron ${pkg.version} binary (${where} is missing).`
    : `${command}: Electron ${pkg.version} is not installed (${where} is missing) and could not be downloaded${options.downloadProblem ? ` (${options.downloadProblem})` : ''}.`;
  return [
    `${headline} Provide it one of three ways:`,
    `  1. a mirror:           ELECTRON_MIRROR=https://mirror.example/electron/ ${command}`,
    `  2. a warmed cache:     copy ${electronCacheDir(options.env, options.platform)} from a machine where ${command} has run`,
    `  3. an unpacked copy:   ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-v${pkg.version} ${command}`,
    `Then run ${command} again. No Electron at all? npm run preview runs the console in this machine’s Chromium.`,
  ].join('\n');
}

/** The first line of a failed download's output that says something, without its stack. */
export function firstProblemLine(output: string): string | undefined {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '));
  return line?.replace(/^\w*Error: /, '').slice(0, 160);
}
