import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../common/channels';
import { launchConsole, type ConsoleUnderTest } from './harness';

let app: ConsoleUnderTest;
beforeAll(async () => {
  app = await launchConsole({ userCount: 10 });
});
afterAll(() => app?.close());

describe('the built preload in Chromium', () => {
  it('exposes exactly the contract operations and the one subscription, reaching the real main-process handlers', async () => {
    const keys = await app.page.evaluate(() => Object.keys((window as unknown as { conscent: object }).conscent).sort());
    expect(keys).toEqual([...OPERATION_NAMES, 'onAppEvent'].sort());
    const result = await app.page.evaluate(() =>
      (window as unknown as { conscent: { listConnections(): Promise<unknown> } }).conscent.listConnections(),
    );
    expect(result).toEqual({ ok: true, value: { connections: [], activeConnectionId: null } });
  });

  it('refuses the app page in a window the console did not open: only console windows reach main', async () => {
    const other = await app.page.context().newPage();
    try {
      await other.goto(app.page.url());
      const fromOther = await other.evaluate(() =>
        (window as unknown as { conscent: { listConnections(): Promise<unknown> } }).conscent.listConnections(),
      );
      expect(fromOther).toMatchObject({ ok: false, error: { kind: 'rejected-sender' } });
    } finally {
      await other.close();
    }
    const fromMain = await app.page.evaluate(() =>
      (window as unknown as { conscent: { listConnections(): Promise<unknown> } }).conscent.listConnections(),
    );
    expect(fromMain).toMatchObject({ ok: true });
  });

  it('gives the page no Node, no ipcRenderer and no require', async () => {
    const globals = await app.page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
  });

  it('serves the page with the strict CSP: no inline script, no remote fetch', async () => {
    // (eval cannot be probed from page.evaluate: DevTools-originated code bypasses CSP.)
    const outcome = await app.page.evaluate(async (simUrl) => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      let fetched = 'fetch ran';
      try {
        // no-cors: without the CSP this resolves (opaque) even cross-origin.
        await fetch(`${simUrl}/client/purchases/subscriptions`, { mode: 'no-cors' });
      } catch {
        fetched = 'fetch blocked';
      }
      return [(window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'inline ran' : 'inline blocked', fetched];
    }, app.sim.baseUrl);
    expect(outcome).toEqual(['inline blocked', 'fetch blocked']);
  });
});
