import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { applyReviews, summaryLines, toCsv, type Finding } from './electronegativity-report';
import { ROOT, loadConfig, loadRunner, lockedElectronVersion, scanTarget } from './electronegativity-scan';

// Advisory Electron security scan with @doyensec/electronegativity, run by scripts/test.sh
// after the build, over what ships (out/main, out/preload, out/renderer) and over the
// sources. Prints the findings by severity, each marked reviewed or NOT REVIEWED (the
// decisions live in scripts/electronegativity.config.json and docs/security.md), and
// writes test-results/electronegativity/<target>.csv. It never fails the run: not on
// findings, and not when the scanner itself breaks (it says so in one line instead).
//
// Usage: tsx scripts/electronegativity.ts [--online]
//   --online  also run AvailableSecurityFixesGlobalCheck, which asks GitHub for Electron's
//             release notes (with no request timeout, hence off by default).

const RESULTS_DIR = join(ROOT, 'test-results', 'electronegativity');

async function main(): Promise<void> {
  const online = process.argv.includes('--online');
  const config = await loadConfig();
  for (const { from } of config.targets.flatMap((target) => target.copy)) {
    if (!(await stat(join(ROOT, from)).catch(() => undefined))) {
      console.log(`electronegativity: skipped, ${from} does not exist (build first: npx electron-vite build).`);
      return;
    }
  }
  const electronVersion = await lockedElectronVersion();
  const excluded = config.excludeChecks.map((entry) => entry.check).filter((check) => !(online && check === 'AvailableSecurityFixesGlobalCheck'));
  const runner = loadRunner();

  const findings: Finding[] = [];
  for (const target of config.targets) {
    const result = await scanTarget(runner, target, { excluded, electronVersion });
    for (const error of result.errors) {
      // A file the scanner could not parse was not checked: say so rather than look clean.
      console.log(`electronegativity: ${target.name}: could not ${error.tolerable ? 'fully ' : ''}parse ${error.file}: ${error.message}`);
    }
    findings.push(...result.findings);
  }

  const outcome = applyReviews(findings, config.reviewed);
  await mkdir(RESULTS_DIR, { recursive: true });
  const names = config.targets.map((target) => target.name);
  for (const name of names) {
    await writeFile(join(RESULTS_DIR, `${name}.csv`), toCsv(outcome.findings.filter((finding) => finding.target === name)));
  }
  console.log(`electronegativity (advisory), Electron ${electronVersion ?? 'version unknown'}; checks not run: ${excluded.join(', ') || 'none'}`);
  for (const line of summaryLines(names, outcome)) console.log(line);
  console.log(`Results: ${relative(ROOT, RESULTS_DIR)}/{${names.join(',')}}.csv`);
}

main().catch((error: unknown) => {
  // Advisory: a broken scanner must not fail the test run, and must not be silent either.
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
  console.log(`electronegativity: the scan could not run (${message}). Advisory only; continuing.`);
});
