import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../common/product';
import { createWindowOptions } from '../../main/window/window-options';

const PRELOAD = '/app/out/preload/index.cjs';

describe('console window options', () => {
  const options = createWindowOptions({ preloadPath: PRELOAD, allowDevTools: false });
  const prefs = options.webPreferences ?? {};

  it('loads the built preload and nothing else into the page', () => {
    expect(prefs.preload).toBe(PRELOAD);
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['safeDialogs', true],
    ['enableWebSQL', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs).toHaveProperty(key, value);
  });

  it('enables no Blink features and no extra command-line switches', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('has DevTools only when asked for (development)', () => {
    expect(prefs.devTools).toBe(false);
    expect(createWindowOptions({ preloadPath: PRELOAD, allowDevTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until the page is ready to show', () => {
    expect(options.show).toBe(false);
  });

  it('has a title, a background, and a usable size that cannot shrink below the layout', () => {
    expect(options.title).toBe(PRODUCT_NAME);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? Infinity);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? Infinity);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
  });

  it('returns a fresh object each time, so one window cannot change another’s settings', () => {
    const a = createWindowOptions({ preloadPath: PRELOAD, allowDevTools: false });
    const b = createWindowOptions({ preloadPath: PRELOAD, allowDevTools: false });
    expect(a).not.toBe(b);
    expect(a.webPreferences).not.toBe(b.webPreferences);
  });
});
