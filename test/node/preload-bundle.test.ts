import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndCheckPreload, builtPreloadProblems, preloadBundleProblems } from '../../scripts/preload-bundle';

const GOOD = [
  'let electron = require("electron");',
  'var BRIDGE_GLOBAL = "conscent";',
  'electron.contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, {});',
].join('\n');

describe('preload bundle check', () => {
  it('accepts one CommonJS file that requires only electron and exposes once', () => {
    expect(preloadBundleProblems(GOOD)).toEqual([]);
  });

  it.each([
    ['another package', `${GOOD}\nconst z = require("zod");`, 'other than "electron"'],
    ['a relative chunk', `${GOOD}\nrequire('./chunk-1.cjs');`, 'other than "electron"'],
    ['a computed require', `${GOOD}\nrequire(name);`, 'other than "electron"'],
    ['ES module syntax', `import { ipcRenderer } from "electron";\n${GOOD}`, 'ES module'],
    ['a dynamic import', `${GOOD}\nimport("./x.js");`, 'dynamic import'],
    ['bundled zod', `${GOOD}\nclass ZodError extends Error {}`, 'zod'],
    ['a second exposure', `${GOOD}\nelectron.contextBridge.exposeInMainWorld("ipc", electron.ipcRenderer);`, '2 times'],
    ['no electron at all', 'console.log(1);', 'does not require'],
  ])('rejects %s', (_what, source, message) => {
    expect(preloadBundleProblems(source).join('\n')).toContain(message);
  });

  it('rejects a build folder holding more than the one file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preload-check-'));
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'index.cjs'), GOOD);
      expect(await builtPreloadProblems(dir)).toEqual([]);
      await writeFile(join(dir, 'chunk.cjs'), GOOD);
      expect((await builtPreloadProblems(dir)).join()).toContain('expected only index.cjs');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Builds the real preload with the project's electron-vite config (about a second).
  it('the real preload builds to a single self-contained CommonJS file', async () => {
    expect(await buildAndCheckPreload()).toEqual([]);
  });
});
