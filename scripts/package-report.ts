import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PRODUCT_NAME } from '../common/product';
import { formatPackageReport, readPackagedApp } from './package-contents';

// Usage: npx tsx scripts/package-report.ts [APP_FOLDER ...]
// Prints what each packaged app ships: the archive's size, its top-level entries and the
// files kept outside it. Without arguments it reports the builds in ./release that
// `npm run dist` (or `electron-builder --dir`) left (release/*-unpacked, release/mac*/),
// and where there are none, the console installed on this machine by its installer, so
// the command works as written both on a build machine and on an admin's machine.

function releaseDirs(release: string): string[] {
  if (!existsSync(release)) return [];
  return readdirSync(release, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (entry.name.endsWith('-unpacked') || entry.name.startsWith('mac')))
    .map((entry) => join(release, entry.name));
}

/** Where the installers put the app (docs/installing.md), per OS. */
export function installedAppDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') return [`/Applications/${PRODUCT_NAME}.app`];
  if (platform === 'win32') {
    return [
      ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Programs', PRODUCT_NAME)] : []),
      ...(env.ProgramFiles ? [join(env.ProgramFiles, PRODUCT_NAME)] : []),
    ];
  }
  return [`/opt/${PRODUCT_NAME}`];
}

const release = resolve(process.cwd(), 'release');
const installed = installedAppDirs(process.platform, process.env);
const fromRelease = releaseDirs(release);
const dirs = process.argv.length > 2 ? process.argv.slice(2) : fromRelease.length > 0 ? fromRelease : installed.filter((dir) => existsSync(dir));
if (dirs.length === 0) {
  console.error(
    [
      `No build to report: ${release} holds no unpacked app, and the console is not installed here (${installed.join(', ')}).`,
      'Build one first (`npm run dist`, or `npx electron-builder --dir` for the unpacked app only) and run this again,',
      'or name an app folder: npx tsx scripts/package-report.ts "/path/to/ConsCent Console"',
    ].join('\n'),
  );
  process.exitCode = 1;
}
for (const dir of dirs) {
  try {
    console.log(formatPackageReport(readPackagedApp(dir)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
