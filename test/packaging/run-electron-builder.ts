import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

// Runs electron-builder's CLI exactly as `npx electron-builder --linux dir deb` would,
// with electron-builder.yml, except that:
// - Electron comes from a local folder (electronDist): its binary cannot be downloaded;
// - the deb is handed to a stand-in `fpm` that records what it was asked to package
//   (the real fpm is a download too), so no .deb is produced but its metadata is checked;
// - every download URL points at a closed local port, so if electron-builder tried to
//   fetch anything the build would fail instead of silently depending on the network;
// - the output and caches stay in a temporary folder.
// It runs in a child process, so its logging and process-wide state stay out of the
// test worker.

export const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const NOWHERE = 'http://127.0.0.1:9/';

// Records its arguments NUL-separated (the description spans lines) and the desktop
// entry, then creates the --package file as fpm would.
const STAND_IN_FPM = `#!/bin/sh
printf '%s\\0' "$@" > "$FPM_RECORD_DIR/args"
previous=""
for argument in "$@"; do
  case "$argument" in *.desktop=*) cp "\${argument%%=*}" "$FPM_RECORD_DIR/entry.desktop" ;; esac
  if [ "$previous" = "--package" ]; then : > "$argument"; fi
  previous="$argument"
done
`;

export function installedElectronVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('version' in pkg) || typeof pkg.version !== 'string') {
    throw new Error('node_modules/electron/package.json has no version');
  }
  return pkg.version;
}

export type LinuxBuild = {
  appOutDir: string;
  executable: string;
  log: string;
  /** What electron-builder passed to fpm for the deb. */
  fpmArgs: string[];
  desktopEntry: string;
};

export async function buildLinuxPackages(options: { workDir: string; electronDist: string; electronVersion: string }): Promise<LinuxBuild> {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const outputDir = join(options.workDir, 'release');
  const binDir = join(options.workDir, 'bin');
  const recordDir = join(options.workDir, 'fpm-record');
  await mkdir(binDir, { recursive: true });
  await mkdir(recordDir, { recursive: true });
  await writeFile(join(binDir, 'fpm'), STAND_IN_FPM);
  await chmod(join(binDir, 'fpm'), 0o755);

  const args = [
    CLI,
    '--linux',
    'dir',
    'deb',
    `--${arch}`,
    '--publish',
    'never',
    `-c.directories.output=${outputDir}`,
    `-c.electronDist=${options.electronDist}`,
    `-c.electronVersion=${options.electronVersion}`,
  ];
  const env = {
    ...process.env,
    PATH: [binDir, process.env.PATH].join(delimiter),
    USE_SYSTEM_FPM: 'true',
    FPM_RECORD_DIR: recordDir,
    ELECTRON_BUILDER_CACHE: join(options.workDir, 'cache'),
    ELECTRON_MIRROR: NOWHERE,
    ELECTRON_BUILDER_BINARIES_MIRROR: NOWHERE,
    ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
    FORCE_COLOR: '0',
  };
  const log = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`electron-builder exited with ${code}:\n${output}`))));
  });

  const appOutDir = join(outputDir, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  return {
    appOutDir,
    executable: join(appOutDir, 'conscent-console'),
    log,
    fpmArgs: (await readFile(join(recordDir, 'args'), 'utf8')).split('\0').slice(0, -1),
    desktopEntry: await readFile(join(recordDir, 'entry.desktop'), 'utf8'),
  };
}
