import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../../common/product';
import { APP_ORIGIN } from './app-protocol';
import { createWindowOptions } from './window-options';

// Help → User Guide (issue 22.7): the agent's guide, built from docs/using.md into a static
// page beside the app's (scripts/user-guide/render-guide.ts), opened offline in a window of
// its own. It has no preload, so no bridge; it is hardened like every window (no
// navigation away, no new windows), and has no script to run anyway.

export const USER_GUIDE_URL = `${APP_ORIGIN}/guide.html`;

export function userGuideWindowOptions(): BrowserWindowConstructorOptions {
  return createWindowOptions({ allowDevTools: false, title: `${PRODUCT_NAME} — user guide`, bounds: { width: 960, height: 760 } });
}
