import { leakReport, watchTempFolder } from './temp-folder-check';

// vitest globalSetup: the run leaves the system's temp folder as it found it. Every test
// process makes its temp folders in a folder of this run (TMPDIR), and the run fails,
// naming them, if any of the project's are still there at the end.

export default function setup(): () => void {
  const watch = watchTempFolder();
  return () => {
    const leaked = watch.finish();
    if (leaked.length === 0) return;
    // Vitest logs an error thrown here ("error during close") but keeps the exit code: set it, so the run fails.
    process.exitCode = 1;
    throw new Error(leakReport(leaked));
  };
}
