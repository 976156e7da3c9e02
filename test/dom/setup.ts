import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Unmount between tests (portals included) so one test's dialogs never leak into the next.
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});
