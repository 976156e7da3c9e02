import { join, resolve } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import type { ConsoleBridge } from '../common/contract';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../simulator';
import { useKeyringSituationInThisProcess } from '../test/helpers/keyring';
import { openConsoleShell } from './chromium-shell/console-shell';

// `npm run preview`: the console for a machine without Electron. The real built renderer
// and preload run in the system's Chromium, wired to the real main-process handlers, a
// real (private, throwaway) gnome-keyring and the ConsCent simulator: the end-to-end
// tests' wiring (scripts/chromium-shell/), with a ready connection to the simulator.
// Nothing of the developer's own keychain or settings is touched.

const ROOT = resolve(__dirname, '..');
export const PREVIEW_CONNECTION_NAME = 'Simulator (preview)';

export interface PreviewOptions {
  /** No window: for machines without a display, and for tests. */
  headless: boolean;
  /** The simulator's port; 0 picks a free one. */
  port: number;
}

export interface Preview {
  page: Page;
  sim: RunningSimulator;
  /** Resolves when the agent closes the console's window (never, headless, until close()). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  // The private keyring takes this process's HOME, bus and display (so nothing can reach
  // the desktop's keychain); Chromium still gets the display for its window.
  const display = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY, XAUTHORITY: process.env.XAUTHORITY };
  const keyring = await useKeyringSituationInThisProcess('unlocked');
  const stops: Array<() => Promise<void>> = [() => keyring.stop()];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const sim = await startSimulator({ port: options.port });
    stops.push(() => sim.stop());
    const shell = await openConsoleShell({
      rendererDir: join(ROOT, 'out', 'renderer'),
      preloadPath: join(ROOT, 'out', 'preload', 'index.cjs'),
      services: { userDataDir: join(keyring.env.HOME, 'userData'), logDir: join(keyring.env.HOME, 'logs'), keytar },
      browserProfileDir: join(keyring.env.HOME, 'chromium-profile'),
      headless: options.headless,
      browserEnv: { ...process.env, ...display },
    });
    stops.push(() => shell.close());
    const page = await shell.open();
    await addSimulatorConnection(page, sim);
    const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
    return { page, sim, closed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Saves a connection to the simulator the way the agent's form does: through the bridge. */
async function addSimulatorConnection(page: Page, sim: RunningSimulator): Promise<void> {
  const request = {
    connection: { name: PREVIEW_CONNECTION_NAME, environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
    credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
  } as const;
  const saved = await page.evaluate((r) => (globalThis as unknown as { conscent: ConsoleBridge }).conscent.saveConnection(r), request);
  if (!saved.ok) throw new Error(`could not add the simulator connection: ${JSON.stringify(saved.error)}`);
  await page.reload();
}
