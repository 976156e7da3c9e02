// `npm run bench`: the figures issue #3 asks for, measured in one run on this machine.
// Needs a build (`npm run build`), Debian's Chromium, and D-Bus + gnome-keyring (the
// bench gets its own private keyring, as the tests do).
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import axios from 'axios';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../simulator';
import { launchConsole } from '../test/e2e/harness';
import { CHROMIUM_PATH, chromiumArgs } from './chromium-shell/chromium';

const ROOT = resolve(__dirname, '..');
const RUNS = 15;
const SAVES = 60;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function assetSizes(dir: string): Promise<Record<'js' | 'css', { raw: number; gzip: number }>> {
  const sizes = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 } };
  for (const name of await readdir(join(dir, 'assets'))) {
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : undefined;
    if (!kind) continue;
    const data = await readFile(join(dir, 'assets', name));
    sizes[kind].raw += data.length;
    sizes[kind].gzip += gzipSync(data, { level: 9 }).length;
  }
  return sizes;
}

/** A bare React 19 page, built by the same Vite and React plugin as the renderer. */
async function buildBarePage(): Promise<string> {
  // Inside node_modules/.cache so react resolves from the project, and never in out/,
  // which is what gets packaged.
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-bare-react');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>');
  await writeFile(
    join(dir, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<input aria-label=\"Find a reader\" />);\n",
  );
  await build({
    root: dir,
    logLevel: 'silent',
    plugins: [react()],
    // The renderer's build settings as electron-vite applies them.
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, modulePreload: { polyfill: false }, target: 'chrome140' },
  });
  return join(dir, 'dist');
}

async function main(): Promise<void> {
  await stat(join(ROOT, 'out/renderer/index.html')).catch(() => {
    throw new Error('No build: run `npm run build` first.');
  });
  const bareDir = await buildBarePage();
  const app = await assetSizes(join(ROOT, 'out/renderer'));
  const bare = await assetSizes(bareDir);

  // Interactive lookup screen: navigation start → the search field is enabled.
  const consoleApp = await launchConsole({ userCount: 200, seed: 5 });
  const saved = (await consoleApp.page.evaluate(
    (connection) => (window as unknown as { conscent: { saveConnection(r: unknown): Promise<{ ok: boolean; value?: { id: string } }> } }).conscent.saveConnection(connection),
    { connection: { name: 'Bench', environment: 'custom', baseUrl: consoleApp.sim.baseUrl, clientId: DEMO_CLIENT.clientId }, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } },
  ));
  if (!saved.ok || !saved.value) throw new Error('could not create the bench connection');
  const connectionId = saved.value.id;
  const appTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await consoleApp.page.reload();
    await consoleApp.page.getByLabel('Find a reader').waitFor({ state: 'visible' });
    appTimes.push(await consoleApp.page.evaluate(() => performance.now()));
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs({ headless: true }) });
  const { createServer } = await import('node:http');
  const bareServer = createServer((req, res) => {
    const file = join(bareDir, (req.url ?? '/') === '/' ? 'index.html' : (req.url ?? '').slice(1));
    readFile(file).then(
      (data) => {
        res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
        res.end(data);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));
  const barePort = (bareServer.address() as { port: number }).port;
  const barePage = await browser.newPage();
  const bareTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await barePage.goto(`http://127.0.0.1:${barePort}/`);
    await barePage.getByLabel('Find a reader').waitFor({ state: 'visible' });
    bareTimes.push(await barePage.evaluate(() => performance.now()));
  }

  // A save through the whole bridge (page → preload → IPC → handler → keychain → HTTP)
  // next to the same PATCH made directly with axios.
  const bridgeTimes: number[] = [];
  for (let i = 0; i < SAVES; i += 1) {
    bridgeTimes.push(
      await consoleApp.page.evaluate(
        async ({ connectionId, userId, i }) => {
          const start = performance.now();
          const result = await (window as unknown as { conscent: { updateReader(r: unknown): Promise<{ ok: boolean }> } }).conscent.updateReader({ connectionId, userId, changes: { name: `Bench ${i}` } });
          if (!result.ok) throw new Error('save failed');
          return performance.now() - start;
        },
        { connectionId, userId: SEED_EXAMPLE_USER_ID, i },
      ),
    );
  }
  const directTimes: number[] = [];
  for (let i = 0; i < SAVES; i += 1) {
    const start = performance.now();
    await axios.patch(`${consoleApp.sim.baseUrl}/client/update-user`, { name: `Direct ${i}` }, {
      params: { userId: SEED_EXAMPLE_USER_ID },
      auth: { username: DEMO_CLIENT.apiKey, password: DEMO_CLIENT.apiSecret },
    });
    directTimes.push(performance.now() - start);
  }

  await barePage.close();
  await browser.close();
  bareServer.close();
  await consoleApp.close();
  await rm(join(bareDir, '..'), { recursive: true, force: true });

  const rows: [string, string, string][] = [
    ['renderer JS (raw / gzip)', `${kib(app.js.raw)} / ${kib(app.js.gzip)}`, `${kib(bare.js.raw)} / ${kib(bare.js.gzip)}`],
    ['renderer CSS (raw / gzip)', `${kib(app.css.raw)} / ${kib(app.css.gzip)}`, `${kib(bare.css.raw)} / ${kib(bare.css.gzip)}`],
    [`navigation → interactive lookup, median of ${RUNS}`, ms(median(appTimes)), ms(median(bareTimes))],
  ];
  console.log('\nConsCent Console figures (this machine, one run)\n');
  console.log('| figure | console | bare React 19 page |\n| --- | --- | --- |');
  for (const [name, a, b] of rows) console.log(`| ${name} | ${a} | ${b} |`);
  console.log(`\n| save, median of ${SAVES} | through the bridge | direct axios PATCH |\n| --- | --- | --- |`);
  console.log(`| PATCH /client/update-user | ${ms(median(bridgeTimes))} | ${ms(median(directTimes))} |`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
