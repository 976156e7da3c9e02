// The system's Chromium and the switches it runs with, for the end-to-end tests, the
// bench and `npm run preview`: defined once here.

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumArgs(options: { headless: boolean }): string[] {
  return [
    ...(options.headless ? ['--headless=new'] : []),
    // Chromium refuses to start its sandbox as root (tests and containers run as root).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-gpu',
    // No background networking: the closed network here refuses it, noisily.
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
