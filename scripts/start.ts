// `npm start`: make sure Electron's binary is there (downloading it once, as the electron
// package would), build, and launch the app. Where Electron cannot be had, say how to
// provide it and point at `npm run preview` instead of failing with a stack trace.
import { buildApp, ensureElectron, launchApp } from './launch-app';

function main(): void {
  const binary = ensureElectron('npm start');
  if (!binary) {
    process.exitCode = 1;
    return;
  }
  const built = buildApp();
  if (built !== 0) {
    process.exitCode = built;
    return;
  }
  const app = launchApp(binary);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

main();
