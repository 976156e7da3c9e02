// `npm run preview [-- --headless] [-- --port 4010] [-- --no-build]`: the console in the
// system's Chromium, for machines without Electron (see scripts/preview-session.ts).
// With a display it opens a window and runs until the window is closed or Ctrl+C;
// without one (or with --headless) it saves a screenshot of the console and stops.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_EXAMPLE_USER_ID } from '../simulator';
import { PREVIEW_CONNECTION_NAME, startPreview } from './preview-session';

const ROOT = resolve(__dirname, '..');
export const PREVIEW_SCREENSHOT = join(ROOT, 'test-results', 'preview.png');

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: '4010' },
    'no-build': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  if (!values['no-build']) {
    const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('the build failed (see above)');
  }
  const headless = values.headless || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

  const preview = await startPreview({ headless, port });
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The lookup screen of the ready connection is what the agent sees first.
  await preview.page.getByLabel('Find a reader').waitFor();
  console.log(`Simulator: ${preview.sim.baseUrl}; connection "${PREVIEW_CONNECTION_NAME}" is ready, try the reader ${SEED_EXAMPLE_USER_ID}.`);

  if (headless) {
    await mkdir(dirname(PREVIEW_SCREENSHOT), { recursive: true });
    await preview.page.screenshot({ path: PREVIEW_SCREENSHOT, fullPage: true });
    console.log(`No display: the console ran headless. Screenshot: ${PREVIEW_SCREENSHOT}`);
    await preview.close();
    return;
  }
  console.log('The console is open in Chromium. Close its window or press Ctrl+C to stop.');
  await preview.closed;
  await preview.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
