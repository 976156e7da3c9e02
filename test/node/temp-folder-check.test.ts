import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, repoText } from '../helpers/repo-files';
import { isProjectTempName, leakReport, watchTempFolder } from '../helpers/temp-folder-check';

// The run's check that the system's temp folder is left as found (issue 19 item 6): what
// it reports, and that it can see every temp folder the project makes.

describe('the temp-folder check', () => {
  it('names each folder a test left behind, removes them all, and puts TMPDIR back', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: '/somewhere/else' };
    const watch = watchTempFolder(env);
    expect(env.TMPDIR).toBe(watch.runDir);
    mkdirSync(join(watch.runDir, 'cc-handlers-abc123'));
    mkdirSync(join(watch.runDir, 'conscent-keyring-def456'));
    mkdirSync(join(watch.runDir, 'tsx-1000')); // a tool's cache, not the project's

    const leaked = watch.finish();

    expect(leaked).toEqual(['cc-handlers-abc123', 'conscent-keyring-def456']);
    expect(leakReport(leaked)).toMatch(/left 2 temp folder\(s\) behind[\s\S]*cc-handlers-abc123[\s\S]*conscent-keyring-def456/);
    expect(existsSync(watch.runDir)).toBe(false);
    expect(env.TMPDIR).toBe('/somewhere/else');
  });

  it('reports nothing when the tests cleaned up', () => {
    const env: NodeJS.ProcessEnv = {};
    const watch = watchTempFolder(env);
    expect(watch.finish()).toEqual([]);
    expect(env.TMPDIR).toBeUndefined();
  });

  it('knows the prefix of every temp folder the tests and scripts make', () => {
    const made = ['test', 'scripts', 'main', 'simulator'].flatMap((dir) =>
      filesUnder(dir, /\.tsx?$/).flatMap((path) =>
        [...repoText(path).matchAll(/mkdtemp(?:Sync)?\(\s*join\([^,]+,\s*[`'"]([^`'"$]+)/g)].map((m) => ({ path, prefix: m[1]! })),
      ),
    );
    expect(made.length).toBeGreaterThan(20);
    expect(made.filter(({ prefix }) => !isProjectTempName(prefix))).toEqual([]);
  });
});
