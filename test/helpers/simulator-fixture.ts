import { test } from 'vitest';
import { startSimulator, type SimulatorOptions } from '../../simulator';

/**
 * A `test` (use it as `it`) whose tests and hooks can ask for `sim`: one simulator for the
 * whole file, started for the first test that asks and stopped after the file's last,
 * handed to each test with no fault left over from the test before and an empty request
 * log. A test that needs a simulator of its own (other options, or one it stops) still
 * starts it itself.
 */
export function simulatorTest(options: SimulatorOptions = {}) {
  return (
    test
      // Vitest reads a fixture's dependencies from its first parameter's pattern: none here.
      // eslint-disable-next-line no-empty-pattern
      .extend('fileSimulator', { scope: 'file' }, async ({}, { onCleanup }) => {
        const sim = await startSimulator(options);
        onCleanup(() => sim.stop());
        return sim;
      })
      .extend('sim', ({ fileSimulator }) => {
        fileSimulator.clearFaults();
        fileSimulator.clearRequests();
        return fileSimulator;
      })
  );
}
