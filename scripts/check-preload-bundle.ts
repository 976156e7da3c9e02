import { BUILT_PRELOAD_DIR, buildAndCheckPreload, builtPreloadProblems } from './preload-bundle';

// Usage: tsx scripts/check-preload-bundle.ts            builds the preload alone and checks it
//        tsx scripts/check-preload-bundle.ts --built    checks out/preload from `electron-vite build`
async function main(): Promise<void> {
  const built = process.argv.includes('--built');
  const problems = built ? await builtPreloadProblems(BUILT_PRELOAD_DIR) : await buildAndCheckPreload();
  if (problems.length > 0) {
    console.error(`Preload bundle check failed:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
    return;
  }
  console.log('Preload bundle OK: one CommonJS file; its only require is require("electron").');
}

main().catch((error: unknown) => {
  console.error('Preload bundle check could not run:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
