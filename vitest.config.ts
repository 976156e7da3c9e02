import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Four projects: Node tests for main, preload, scripts and the simulator (never importing
// Electron at runtime); DOM tests for the React renderer; end-to-end tests of the built
// page and preload in Chromium (out/ must be built first); and packaging (icons and an
// electron-builder build).
export default defineConfig({
  test: {
    // Every run leaves the system's temp folder as it found it (issue 19 item 6).
    globalSetup: ['test/helpers/temp-folder-guard.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          globals: true,
          include: ['test/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['test/dom/setup.ts'],
          // A journey of many clicks through jsdom takes seconds on a busy 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Icons and an unpacked electron-builder build of the app (issue 5).
        test: {
          name: 'packaging',
          environment: 'node',
          include: ['test/packaging/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
