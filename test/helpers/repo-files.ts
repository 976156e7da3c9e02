import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

// The repository's own files, for tests that check what is written or built.

export const ROOT = resolve(__dirname, '../..');

/** A file of the repository as text. */
export function repoText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** A file of the build output; says how to produce it rather than failing obscurely. */
export function builtText(path: string): string {
  try {
    return readFileSync(join(ROOT, 'out', path), 'utf8');
  } catch {
    throw new Error(`out/${path} is missing: build first (npx electron-vite build, or npm test).`);
  }
}

/** Every file under a repository folder (no node_modules), as repository-relative paths. */
export function filesUnder(dir: string, pattern = /./): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, pattern);
    return pattern.test(entry.name) ? [path.split(sep).join('/')] : [];
  });
}
