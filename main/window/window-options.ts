import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../../common/product';

// The console window. The page is treated as untrusted content: no Node, isolated and
// sandboxed, with only the preload's bridge. Every security-relevant preference is set
// explicitly even where it matches Electron's default, so a default changing upstream
// (or someone "fixing" a symptom here) shows up in review and in tests.

export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs); none for a window with no bridge (the user guide). */
  preloadPath?: string;
  /** DevTools are for development; a packaged build has none. */
  allowDevTools: boolean;
  title?: string;
  /** Size and place (window-state.ts); the default size, centred, when absent. */
  bounds?: { x?: number; y?: number; width: number; height: number };
}

// A light neutral meant to match the page's own background, so nothing flashes between
// the window appearing and the first paint. Keep in step with the renderer's theme.
export const WINDOW_BACKGROUND = '#f6f7f9';

export const DEFAULT_SIZE = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 960, height: 640 };

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: input.title ?? PRODUCT_NAME,
    width: input.bounds?.width ?? DEFAULT_SIZE.width,
    height: input.bounds?.height ?? DEFAULT_SIZE.height,
    ...(input.bounds?.x !== undefined && input.bounds.y !== undefined ? { x: input.bounds.x, y: input.bounds.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show', so the agent never sees a blank window.
    show: false,
    webPreferences: {
      ...(input.preloadPath ? { preload: input.preloadPath } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // The fields are names, emails, phone numbers and addresses, not prose: spelling
      // underlines would be noise, and on Windows/Linux Chromium would download
      // dictionaries from a Google CDN.
      spellcheck: false,
      // Stops a page from trapping the agent in a loop of alert()s.
      safeDialogs: true,
      enableWebSQL: false,
      devTools: input.allowDevTools,
    },
  };
}
