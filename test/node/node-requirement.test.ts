import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Issue 21 item 3: the Node a newcomer needs is stated the same everywhere, it is the one
// Electron's packages ask for, and `npm run setup` says it once, plainly, instead of npm's
// EBADENGINE warnings, while still setting up on Node 20 (where CI runs).

const ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const engines = (file: string) => (JSON.parse(read(file)) as { engines?: { node?: string } }).engines?.node ?? '';
const floor = (range: string) => /(\d+\.\d+)\.?\d*\s*$/.exec(range)?.[1];

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function requirement(version: string) {
  const run = spawnSync(process.execPath, ['scripts/node-requirement.mjs', '--node-version', version], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('the Node requirement', () => {
  it('is the floor Electron and its installer ask for, in package.json', () => {
    expect(floor(engines('node_modules/electron/package.json'))).toBe('22.12');
    expect(floor(engines('node_modules/@electron/get/package.json'))).toBe('22.12');
    expect(engines('package.json')).toBe('>=22.12');
  });

  it('is stated as Node.js 22.12+ in the README and docs/building.md, never 20.19+ alone', () => {
    for (const file of ['README.md', 'docs/building.md']) {
      expect(read(file), file).toContain('Node.js 22.12+');
      expect(read(file), file).not.toMatch(/Node\.js 20\.19\+ and npm/);
    }
  });

  it('on Node 20 says once what is needed and what still works, without failing', () => {
    const run = requirement('20.20.2');
    expect(run.status).toBe(0);
    expect(run.out.trim().split('\n')).toEqual([
      'setup: Node 22.12+ is required to run the app and package its installers; this machine has Node 20.20.2. ' +
        'The tests, typecheck, lint, `npm run build` and `npm run preview` still work here; `npm start`, `npm run demo` and `npm run dist` need Node 22.12+.',
    ]);
  });

  it('says nothing on Node 22.12 or later', () => {
    for (const version of ['22.12.0', 'v24.1.0']) expect(requirement(version)).toMatchObject({ status: 0, out: '' });
  });

  it('stops below Node 20.19, where even the tests cannot run', () => {
    const run = requirement('18.20.4');
    expect(run.status).toBe(1);
    expect(run.out).toContain('Install Node 22.12+ and run npm run setup again.');
  });
});

describe('npm run setup on Node 20', () => {
  it('prints the requirement once and leaves out npm’s EBADENGINE warnings, keeping its other output', () => {
    // Stand-ins for dpkg-query (every system package present) and npm (what `npm ci`
    // prints on Node 20: EBADENGINE blocks plus an unrelated warning).
    const bin = mkdtempSync(join(tmpdir(), 'conscent-setup-bin-'));
    temps.push(bin);
    writeFileSync(join(bin, 'dpkg-query'), "#!/bin/sh\nprintf 'install ok installed'\n");
    writeFileSync(
      join(bin, 'npm'),
      [
        '#!/bin/sh',
        'for p in electron@45.5.0 @electron/get@4.0.2; do',
        '  printf \'npm warn EBADENGINE Unsupported engine {\\nnpm warn EBADENGINE   package: %s,\\nnpm warn EBADENGINE }\\n\' "$p" >&2',
        'done',
        "echo 'npm warn deprecated something@1.0.0: kept' >&2",
        "echo 'added 900 packages'",
      ].join('\n'),
    );
    chmodSync(join(bin, 'dpkg-query'), 0o755);
    chmodSync(join(bin, 'npm'), 0o755);
    const run = spawnSync('bash', ['scripts/setup.sh'], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
      encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    if (process.versions.node.startsWith('20.')) {
      expect(output.match(/Node 22\.12\+ is required/g)).toHaveLength(1);
    }
    expect(output).not.toContain('EBADENGINE');
    expect(output).toContain('npm warn deprecated something@1.0.0: kept');
    expect(output).toContain('added 900 packages');
    expect(output).toContain('setup: done');
  });
});
