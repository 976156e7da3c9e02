import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_CONNECTION_NAME, startPreview, type Preview } from '../../scripts/preview-session';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';

// `npm run preview`: the console without Electron, in Debian's Chromium, with the real
// main-process handlers, a private keyring and the simulator. Needs a build (out/).

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'test-results', 'preview.png');

describe('npm run preview (headless, as on a machine without a display)', () => {
  it('starts, shows the lookup screen of its simulator connection, saves a screenshot and stops', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.preview).toBe('tsx scripts/preview.ts');
    rmSync(SCREENSHOT, { force: true });
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/preview.ts', '--port', '0', '--no-build'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`connection "${PREVIEW_CONNECTION_NAME}" is ready`);
    expect(run.stdout).toContain(`Screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});

describe('the preview session', () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await startPreview({ headless: true, port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('finds a reader through the real handlers, keychain and simulator', async () => {
    const { page } = preview;
    await page.getByLabel('Find a reader', { exact: true }).fill(SEED_EXAMPLE_USER_ID);
    await page.getByLabel('Find a reader', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    expect(preview.sim.requests.some((request) => request.query.userId === SEED_EXAMPLE_USER_ID)).toBe(true);
  });
});
