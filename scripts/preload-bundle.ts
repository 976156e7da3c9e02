import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The preload runs sandboxed: its only `require` is Electron's own limited one, which can
// load 'electron' but nothing from node_modules or the disk. So the built preload must
// be one CommonJS file whose only import is require("electron"). These checks keep it so.

const ROOT = resolve(__dirname, '..');
export const BUILT_PRELOAD_DIR = join(ROOT, 'out', 'preload');
export const PRELOAD_FILE = 'index.cjs';

/** What is wrong with a built preload's source; empty when it is fine. */
export function preloadBundleProblems(source: string): string[] {
  const problems: string[] = [];
  const requires = [...source.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => (match[1] ?? '').trim());
  const others = requires.filter((argument) => argument !== '"electron"' && argument !== "'electron'");
  if (others.length > 0) problems.push(`requires something other than "electron": ${others.join(', ')}`);
  if (requires.length === 0) problems.push('does not require "electron"');
  if (/^\s*(import|export)\s/m.test(source)) problems.push('contains ES module import/export statements');
  if (/\bimport\s*\(/.test(source)) problems.push('contains a dynamic import()');
  // Validation belongs to main; zod in the preload means the contract's schemas leaked in.
  if (/ZodError/.test(source)) problems.push('bundles zod');
  const exposures = source.match(/\bexposeInMainWorld\s*\(/g)?.length ?? 0;
  if (exposures !== 1) problems.push(`calls exposeInMainWorld ${exposures} times, not once`);
  return problems;
}

/** Problems with a built preload folder: it must hold exactly the one file. */
export async function builtPreloadProblems(dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => !name.endsWith('.map'));
  } catch {
    return [`${dir} does not exist; build first`];
  }
  if (files.length !== 1 || files[0] !== PRELOAD_FILE) {
    return [`expected only ${PRELOAD_FILE} in ${dir}, found: ${files.join(', ') || 'nothing'}`];
  }
  return preloadBundleProblems(await readFile(join(dir, PRELOAD_FILE), 'utf8'));
}

/**
 * Builds only the preload, with the project's own electron-vite config, into a temporary
 * folder, and returns that folder's problems. Independent of main and renderer builds.
 */
export async function buildAndCheckPreload(): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), 'conscent-preload-'));
  try {
    // The generated config is bundled and run from `work`, so it needs the project's packages.
    await symlink(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'junction');
    const outDir = join(work, 'out');
    const configPath = join(work, 'preload-only.config.mjs');
    await writeFile(
      configPath,
      [
        `import config from ${JSON.stringify(join(ROOT, 'electron.vite.config.ts'))};`,
        `export default { preload: { ...config.preload, build: { ...config.preload.build, outDir: ${JSON.stringify(outDir)} } } };`,
      ].join('\n'),
    );
    const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    await promisify(execFile)(process.execPath, [cli, 'build', '--config', configPath, '--ignoreConfigWarning', '--logLevel', 'error'], {
      cwd: ROOT,
    });
    return await builtPreloadProblems(outDir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
