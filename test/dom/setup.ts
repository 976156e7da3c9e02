import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import { preloadScreens } from '../../renderer/src/lazy-screens';
import { loadLookupParser } from '../../renderer/src/reader/lookup-parser';

// Times are shown in the machine's zone (issue 22): these tests read them in UTC wherever
// they run; test/dom/local-times.test.tsx changes the zone for its own checks. (vi.stubEnv
// sets process.env.TZ, which Node applies at once.)
vi.stubEnv('TZ', 'UTC');

// How long findBy…/waitFor wait for the page to show something. The 1 s default is a
// race on a busy 2-core machine (jsdom renders a whole screen per step); a test that
// waits here still fails when the thing never shows.
configure({ asyncUtilTimeout: 4_000 });

// The app loads its screens and the lookup parser just after the first paint (issue #12);
// component tests start from there, as an agent does a moment after the page opens.
beforeAll(() => Promise.all([preloadScreens(), loadLookupParser()]));

// Unmount between tests (portals included) so one test's dialogs never leak into the next.
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});
