// What `npm start` and `npm run demo` share: find Electron's binary (downloading it once,
// as the electron package would) or explain how to provide it, build the bundles, and
// launch the app. Where Electron cannot be had, the agent reads how to provide it and
// that `npm run preview` works without it, never a stack trace.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { electronPackage, explainMissingElectron, firstProblemLine, locateElectron } from './start-electron';

export const ROOT = resolve(__dirname, '..');

/** Electron's binary, or undefined after printing how to provide it. */
export function ensureElectron(command: string): string | undefined {
  const pkg = electronPackage();
  const location = locateElectron(pkg, process.env, process.platform);
  if (existsSync(location.binary)) return location.binary;

  let downloadProblem: string | undefined;
  if (!location.overridden) {
    console.log(`Downloading Electron ${pkg.version} (once)…`);
    // electron's own installer: honours ELECTRON_MIRROR, the cache and the checksums.
    const install = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], { encoding: 'utf8' });
    if (install.status === 0 && existsSync(location.binary)) return location.binary;
    downloadProblem = firstProblemLine(`${install.stderr ?? ''}\n${install.stdout ?? ''}`) ?? install.error?.message;
  }
  console.error(explainMissingElectron({ pkg, location, env: process.env, platform: process.platform, cwd: ROOT, downloadProblem, command }));
  return undefined;
}

/** `electron-vite build`; its exit status (0 when built). */
export function buildApp(): number {
  const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return build.status ?? 1;
}

/** Launches the built app with `args` after its folder (e.g. --user-data-dir=…). */
export function launchApp(binary: string, args: readonly string[] = []): ChildProcess {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron a plain Node
  return spawn(binary, ['.', ...args], { cwd: ROOT, stdio: 'inherit', env });
}
