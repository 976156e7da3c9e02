// `npm start`: make sure Electron's binary is there (downloading it once, as the electron
// package would), build, and launch the app. Where Electron cannot be had, say how to
// provide it and point at `npm run preview` instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { electronPackage, explainMissingElectron, firstProblemLine, locateElectron } from './start-electron';

const ROOT = resolve(__dirname, '..');

function ensureElectron(): string | undefined {
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
  console.error(explainMissingElectron({ pkg, location, env: process.env, platform: process.platform, cwd: ROOT, downloadProblem }));
  return undefined;
}

function main(): void {
  const binary = ensureElectron();
  if (!binary) {
    process.exitCode = 1;
    return;
  }
  const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.exitCode = build.status ?? 1;
    return;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron a plain Node
  const app = spawn(binary, ['.'], { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

main();
