import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closed-port';

// `npm start` where Electron's binary cannot be had (as on this machine): a short
// explanation of the three ways to provide it and a pointer at `npm run preview`, a
// non-zero exit, and no stack trace. The script runs as npm runs it.

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ELECTRON_DIST = join(ROOT, 'node_modules', 'electron', 'dist');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runStart(extraEnv: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'conscent-npm-start-'));
  temps.push(home);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), ...extraEnv };
  const run = spawnSync(TSX, ['scripts/start.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, home };
}

function expectExplanation(output: string) {
  expect(output).toMatch(/ELECTRON_MIRROR=\S+ npm start/);
  expect(output).toMatch(/warmed cache: +copy \S+electron/);
  expect(output).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=\S+ npm start/);
  expect(output).toContain('npm run preview');
  expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/Error:|node:internal/);
}

describe('npm start without an Electron binary', () => {
  it('is the checking start script', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe('tsx scripts/start.ts');
  });

  it('with ELECTRON_OVERRIDE_DIST_PATH at a folder with no Electron, explains the three ways and points at npm run preview', () => {
    const empty = mkdtempSync(join(tmpdir(), 'conscent-no-electron-'));
    temps.push(empty);
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.status).toBe(1);
    expect(run.output).toContain(`ELECTRON_OVERRIDE_DIST_PATH has no Electron`);
    expect(run.output).toContain(join(empty, 'electron'));
    expect(run.output, 'nothing is downloaded for an override').not.toContain('Downloading');
    expectExplanation(run.output);
    expect(run.output).toContain(join(run.home, '.cache', 'electron'));
  });

  it.skipIf(existsSync(ELECTRON_DIST))(
    'when the download cannot reach its mirror, says why in one line, explains the three ways and exits non-zero',
    async () => {
      const cache = mkdtempSync(join(tmpdir(), 'conscent-electron-cache-'));
      temps.push(cache);
      const run = runStart({ ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`, electron_config_cache: cache });
      expect(run.status).toBe(1);
      expect(run.output).toContain('Downloading Electron');
      expect(run.output).toMatch(
        /Electron \d+\.\d+\.\d+ is not installed \(node_modules\/electron\/dist\/electron is missing\) and could not be downloaded \(.*fetch failed\)/,
      );
      expect(run.output).toContain(`copy ${cache} from`);
      expectExplanation(run.output);
      expect(existsSync(ELECTRON_DIST), 'nothing half-installed').toBe(false);
    },
  );
});
