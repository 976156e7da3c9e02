import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatorOptions } from '../../simulator';
import { simulatorTest } from './simulator-fixture';
import { wireTestConsole, type TestConsoleOptions } from './test-console';

export { APP_PAGE, wireTestConsole, type TestConsole, type TestConsoleOptions } from './test-console';

/**
 * A `test` (use it as `it`) whose tests can ask for `sim` (simulatorTest: one simulator
 * per file, reset for each test) and `bridge`: a fresh console for each test, over a
 * temp folder removed after it.
 */
export function bridgeTest(options: TestConsoleOptions & { simulator?: SimulatorOptions } = {}) {
  const { simulator, ...consoleOptions } = options;
  return (
    simulatorTest(simulator)
      // eslint-disable-next-line no-empty-pattern
      .extend('bridge', async ({}, { onCleanup }) => {
        const dir = mkdtempSync(join(tmpdir(), 'cc-bridge-'));
        onCleanup(() => rmSync(dir, { recursive: true, force: true }));
        return wireTestConsole(dir, consoleOptions);
      })
  );
}
