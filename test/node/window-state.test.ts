import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState, type WindowState } from '../../main/window/window-state';
import { tempFolders } from '../helpers/temp-folders';

// Issue 22.7: the window opens where the agent left it, but only where it can be reached.

const SIZES = { default: { width: 1280, height: 860 }, min: { width: 960, height: 640 } };
const LAPTOP = { x: 0, y: 0, width: 1440, height: 860 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1400 };
const saved = (state: Partial<WindowState>): WindowState => ({ x: 100, y: 80, width: 1200, height: 800, maximized: false, ...state });

describe('where the window opens', () => {
  it('nothing remembered: the default size, centred by the OS', () => {
    expect(placeWindow(undefined, [LAPTOP], SIZES)).toEqual({ bounds: { width: 1280, height: 860 }, maximized: false });
  });

  it('where it was left, on a display that is still there', () => {
    expect(placeWindow(saved({ x: 1600, y: 100, width: 1800, height: 1000 }), [LAPTOP, MONITOR], SIZES)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1000 },
      maximized: false,
    });
  });

  it('left on a monitor that was unplugged: its size (cut to the display there is), centred, never off-screen', () => {
    expect(placeWindow(saved({ x: 1600, y: 100, width: 1800, height: 1000 }), [LAPTOP], SIZES)).toEqual({
      bounds: { width: 1440, height: 860 },
      maximized: false,
    });
  });

  it('larger than its display now (a lower resolution): cut to fit, and pulled in so all of it shows', () => {
    expect(placeWindow(saved({ x: 600, y: 300, width: 1400, height: 900 }), [LAPTOP], SIZES)).toEqual({
      bounds: { x: 40, y: 0, width: 1400, height: 860 },
      maximized: false,
    });
  });

  it('a title bar above the top of every display cannot be grabbed: centred instead', () => {
    expect(placeWindow(saved({ y: -500 }), [LAPTOP], SIZES).bounds).toEqual({ width: 1200, height: 800 });
  });

  it('never smaller than the window allows, and maximised again when it was', () => {
    expect(placeWindow(saved({ width: 300, height: 200, maximized: true }), [LAPTOP], SIZES)).toEqual({
      bounds: { x: 100, y: 80, width: 960, height: 640 },
      maximized: true,
    });
  });
});

describe('the remembered state on disk', () => {
  const temp = tempFolders('cc-window-state-');

  it('is read back as written', async () => {
    const path = join(temp(), 'window-state.json');
    await writeWindowState(path, saved({ maximized: true }));
    expect(await readWindowState(path)).toEqual(saved({ maximized: true }));
  });

  it('missing, damaged or of another shape: the default, never an error', async () => {
    const dir = temp();
    expect(await readWindowState(join(dir, 'none.json'))).toBeUndefined();
    await writeFile(join(dir, 'bad.json'), '{"x": 1, "y":');
    expect(await readWindowState(join(dir, 'bad.json'))).toBeUndefined();
    await writeFile(join(dir, 'odd.json'), JSON.stringify({ x: 'left', y: 0, width: 10, height: 10, maximized: false }));
    expect(await readWindowState(join(dir, 'odd.json'))).toBeUndefined();
  });
});
