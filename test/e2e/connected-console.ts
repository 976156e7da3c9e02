import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SimulatorOptions } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

/**
 * One console for the test file: launched before its tests, with the "Local simulator"
 * connection saved as an agent would save it, and closed after them.
 */
export function connectedConsole(simOptions: SimulatorOptions): { readonly app: ConsoleUnderTest; readonly page: Page } {
  let app: ConsoleUnderTest | undefined;
  beforeAll(async () => {
    app = await launchConsole(simOptions);
    await steps(() => app!.page).connectToSimulator(app.sim.baseUrl);
  });
  afterAll(() => app?.close());
  return {
    get app() {
      if (!app) throw new Error('the console is launched in beforeAll');
      return app;
    },
    get page() {
      return this.app.page;
    },
  };
}
