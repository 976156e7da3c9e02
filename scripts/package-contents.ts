import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { extractFile, getRawHeader } from '@electron/asar';

// What an electron-builder output folder (e.g. release/linux-unpacked) actually ships:
// the files inside resources/app.asar, the files beside it in app.asar.unpacked, and
// sizes. Used by scripts/package-report.ts and by test/packaging.

export type ArchiveFile = { path: string; size: number; unpacked: boolean };

export type PackagedApp = {
  resourcesDir: string;
  asarPath: string;
  asarBytes: number;
  /** Every file recorded in the archive's header, including those stored unpacked. */
  files: ArchiveFile[];
  /** Files on disk under app.asar.unpacked, relative to it, '/'-separated. */
  unpackedOnDisk: string[];
};

/** resources/ on Linux and Windows, <Product>.app/Contents/Resources on macOS. */
export function findResourcesDir(appOutDir: string): string {
  // An installed macOS app is named directly (/Applications/ConsCent Console.app).
  const own = join(appOutDir, 'Contents', 'Resources');
  if (appOutDir.endsWith('.app') && existsSync(join(own, 'app.asar'))) return own;
  const flat = join(appOutDir, 'resources');
  if (existsSync(join(flat, 'app.asar'))) return flat;
  const bundle = readdirSync(appOutDir).find((name) => name.endsWith('.app'));
  const mac = bundle ? join(appOutDir, bundle, 'Contents', 'Resources') : undefined;
  if (mac && existsSync(join(mac, 'app.asar'))) return mac;
  throw new Error(`No app.asar under ${appOutDir} (looked in resources/ and *.app/Contents/Resources/)`);
}

type HeaderNode = { files?: Record<string, HeaderNode>; size?: number; unpacked?: boolean; link?: string };

function archiveFiles(node: HeaderNode, prefix: string, out: ArchiveFile[]): void {
  for (const [name, child] of Object.entries(node.files ?? {})) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (child.files) archiveFiles(child, path, out);
    else out.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true });
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => entry.split(sep).join('/'))
    .sort();
}

export function readPackagedApp(appOutDir: string): PackagedApp {
  const resourcesDir = findResourcesDir(appOutDir);
  const asarPath = join(resourcesDir, 'app.asar');
  const files: ArchiveFile[] = [];
  archiveFiles(getRawHeader(asarPath).header as HeaderNode, '', files);
  return {
    resourcesDir,
    asarPath,
    asarBytes: statSync(asarPath).size,
    files: files.sort((a, b) => a.path.localeCompare(b.path)),
    unpackedOnDisk: filesUnder(`${asarPath}.unpacked`),
  };
}

/** A file's content, from the archive or, if stored unpacked, from beside it. */
export function readArchiveFile(app: PackagedApp, path: string): Buffer {
  return extractFile(app.asarPath, path);
}

/** Package names under the archive's top-level node_modules (scoped names kept whole). */
export function shippedPackages(app: PackagedApp): string[] {
  const names = new Set<string>();
  for (const { path } of app.files) {
    const [top, first, second] = path.split('/');
    if (top !== 'node_modules' || !first || !second) continue;
    names.add(first.startsWith('@') ? `${first}/${second}` : first);
  }
  return [...names].sort();
}

/** Bytes per top-level entry of the archive: in total, and of that stored unpacked. */
export function topLevelSizes(app: PackagedApp): Map<string, { bytes: number; unpackedBytes: number }> {
  const sizes = new Map<string, { bytes: number; unpackedBytes: number }>();
  for (const { path, size, unpacked } of app.files) {
    const top = path.split('/')[0] ?? path;
    const entry = sizes.get(top) ?? { bytes: 0, unpackedBytes: 0 };
    entry.bytes += size;
    if (unpacked) entry.unpackedBytes += size;
    sizes.set(top, entry);
  }
  return sizes;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export function formatPackageReport(app: PackagedApp, cwd = process.cwd()): string {
  const unpacked = app.files.filter((f) => f.unpacked);
  const unpackedBytes = unpacked.reduce((sum, f) => sum + f.size, 0);
  const shown = relative(cwd, app.asarPath);
  const lines = [
    `${shown && !shown.startsWith('..') ? shown : app.asarPath}: ${kib(app.asarBytes)}, ${app.files.length} files` +
      ` (${unpacked.length} of them, ${kib(unpackedBytes)}, in app.asar.unpacked)`,
    'top level:',
    ...[...topLevelSizes(app)].map(
      ([name, { bytes, unpackedBytes }]) =>
        `  ${name.padEnd(14)} ${kib(bytes).padStart(12)}${unpackedBytes ? `  (${kib(unpackedBytes)} of it unpacked)` : ''}`,
    ),
    `node_modules packages: ${shippedPackages(app).join(', ') || '(none)'}`,
    'app.asar.unpacked:',
    ...app.unpackedOnDisk.map((path) => `  ${posix.normalize(path)}`),
  ];
  return lines.join('\n');
}
