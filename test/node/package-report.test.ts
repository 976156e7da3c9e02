import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createPackage } from '@electron/asar';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../helpers/temp-folders';

// docs/installing.md says `npx tsx scripts/package-report.ts` prints what a build holds
// (issue 21 item 3). Run as written where a build is, it must report it; where none is,
// it must say how to get one or name one, not just "Nothing to report".

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const tempDir = tempFolders('conscent-');

/** An app folder as electron-builder leaves it: resources/app.asar holding package.json and main's bundle. */
async function fakeBuild(resourcesDir: string): Promise<void> {
  const src = tempDir('conscent-app-src-');
  mkdirSync(join(src, 'out', 'main'), { recursive: true });
  writeFileSync(join(src, 'package.json'), '{"name":"conscent-console","version":"0.1.0"}');
  writeFileSync(join(src, 'out', 'main', 'index.js'), 'module.exports = {};\n');
  mkdirSync(resourcesDir, { recursive: true });
  await createPackage(src, join(resourcesDir, 'app.asar'));
}

function report(cwd: string, args: string[] = []) {
  const run = spawnSync(TSX, [join(ROOT, 'scripts', 'package-report.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npx tsx scripts/package-report.ts', () => {
  it('as written in a checkout after a build, reports release/linux-unpacked', async () => {
    const checkout = tempDir('conscent-checkout-');
    await fakeBuild(join(checkout, 'release', 'linux-unpacked', 'resources'));
    const run = report(checkout);
    expect(run.output).toContain('release/linux-unpacked/resources/app.asar');
    expect(run.output).toMatch(/app\.asar: [\d.]+ KiB, 2 files/);
    expect(run.output).toMatch(/^ {2}out /m);
    expect(run.output).not.toContain('Nothing to report');
    expect(run.status).toBe(0);
  });

  it('reports an installed macOS app named by its .app folder', async () => {
    const apps = tempDir('conscent-applications-');
    await fakeBuild(join(apps, 'ConsCent Console.app', 'Contents', 'Resources'));
    const run = report(apps, [join(apps, 'ConsCent Console.app')]);
    expect(run.status).toBe(0);
    expect(run.output).toContain('Contents/Resources/app.asar');
  });

  it('with no build and no installed console, says how to build one or name one', () => {
    const empty = tempDir('conscent-empty-checkout-');
    const run = report(empty);
    expect(run.status).toBe(1);
    expect(run.output).toContain('npm run dist');
    expect(run.output).toContain('npx tsx scripts/package-report.ts "/path/to/ConsCent Console"');
  });

  it('is documented with both ways to run it', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'installing.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain('`npx tsx scripts/package-report.ts` prints what a build holds');
    expect(doc).toContain('`npx tsx scripts/package-report.ts "/opt/ConsCent Console"`');
  });
});
