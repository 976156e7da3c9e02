import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, filesUnder } from '../helpers/repo-files';

// What ships is what the three entries import; a file under main/, preload/, common/ or
// renderer/src that no entry reaches is test code or dead code living among the product's
// (an in-memory credential store under main/ reads like a plaintext fallback the app has).
// Test helpers belong in test/helpers/.

// main/keytar-helper.ts is the keytar process main starts after the keychain restarted (issue 17.5): its own bundle entry.
const ENTRIES = ['main/index.ts', 'main/keytar-helper.ts', 'preload/index.ts', 'renderer/src/main.tsx'];
const APP_FOLDERS = ['main', 'preload', 'common', 'renderer/src'];

/** The repository file a relative import names, as the bundler resolves it; undefined for a package. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.map((path) => relative(ROOT, join(ROOT, path))).find((path) => /\.tsx?$/.test(path) && existsSync(join(ROOT, path)));
}

/** Every repository file reached from the entries through static, dynamic and type imports. */
function reachedFromEntries(): Set<string> {
  const reached = new Set<string>();
  const pending = [...ENTRIES];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolveImport(file, fileName);
      if (target) pending.push(target);
    }
  }
  return reached;
}

describe('the app folders hold only the app', () => {
  const reached = reachedFromEntries();

  it('reaches files through relative imports (the walk itself works)', () => {
    expect(reached).toContain('main/start-app.ts');
    expect(reached).toContain('common/contract.ts');
    expect(reached).toContain('renderer/src/App.tsx');
  });

  it('every source file under main/, preload/, common/ and renderer/src is imported by an entry', () => {
    const sources = APP_FOLDERS.flatMap((folder) => filesUnder(folder, /\.tsx?$/)).filter((path) => !path.endsWith('.d.ts'));
    expect(sources.filter((path) => !reached.has(path))).toEqual([]);
  });
});
