import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatPackageReport, readPackagedApp } from './package-contents';

// Usage: tsx scripts/package-report.ts [APP_OUT_DIR ...]
// Prints what each packaged app ships: the archive's size, its top-level entries and the
// files kept outside it. Without arguments, reports every release/*-unpacked folder and
// release/mac*/ folder that `npm run dist` (or `electron-builder --dir`) left.
function defaultDirs(): string[] {
  const release = resolve(__dirname, '..', 'release');
  if (!existsSync(release)) return [];
  return readdirSync(release, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (entry.name.endsWith('-unpacked') || entry.name.startsWith('mac')))
    .map((entry) => join(release, entry.name));
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : defaultDirs();
if (dirs.length === 0) {
  console.error('Nothing to report: pass an unpacked app folder, or build one with `npx electron-builder --dir`.');
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
