import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write';
import { TOO_LARGE, readCapped } from '../settings/side-file';

// The window's size and place, remembered between runs (issue 22.7), as desktop apps do.
// Restored only onto a display that is still there: a window last seen on a monitor that
// has since been unplugged (or a laptop now without its dock) opens centred on one that is,
// never off-screen where the agent cannot reach its title bar.

export const WINDOW_STATE_FILE = 'window-state.json';

export type Rect = { x: number; y: number; width: number; height: number };

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

/** How much of the window must be on a display to count as reachable: its title bar, about. */
const REACHABLE = { width: 120, height: 40 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: the saved place when its top edge is on a display's work area,
 * with its size cut to that display; otherwise the saved size (cut to the first display)
 * and no position, so the OS centres it. Nothing saved: the default size, centred.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
  sizes: { default: { width: number; height: number }; min: { width: number; height: number } },
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.max(sizes.min.width, Math.min(size.width, area?.width ?? size.width)),
    height: Math.max(sizes.min.height, Math.min(size.height, area?.height ?? size.height)),
  });
  if (!saved) return { bounds: fit(sizes.default, workAreas[0]), maximized: false };
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: REACHABLE.height };
  const home = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen.width >= REACHABLE.width && seen.height >= REACHABLE.height && saved.y >= area.y;
  });
  if (!home) return { bounds: fit(saved, workAreas[0]), maximized: saved.maximized };
  const size = fit(saved, home);
  // Pulled in so the whole window is on its display when it is no larger than it.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - size.height);
  return { bounds: { x, y, ...size }, maximized: saved.maximized };
}

/** The saved state, or undefined: a missing, damaged or foreign file only means "open at the default". */
export async function readWindowState(path: string): Promise<WindowState | undefined> {
  try {
    const text = await readCapped(path, 4096);
    if (text === TOO_LARGE) return undefined;
    const parsed = WindowState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(WindowState.parse(state))}\n`);
}

/** How far down and right a new window opens from the one the agent is in (as desktop apps cascade). */
export const CASCADE_STEP = 28;

/**
 * Where a further window opens (issue 22.4): a step down and right of `from`, the same
 * size, on `from`'s display; back to that display's top-left corner when the step would
 * take it past the display's edge, so it is never off-screen and never exactly on top.
 */
export function cascadeFrom(from: Rect, workAreas: readonly Rect[]): Rect {
  const area = workAreas.find((a) => from.x >= a.x && from.x < a.x + a.width && from.y >= a.y && from.y < a.y + a.height) ?? workAreas[0];
  const stepped = { x: from.x + CASCADE_STEP, y: from.y + CASCADE_STEP, width: from.width, height: from.height };
  if (!area) return stepped;
  const width = Math.min(from.width, area.width);
  const height = Math.min(from.height, area.height);
  const fits = stepped.x + width <= area.x + area.width && stepped.y + height <= area.y + area.height;
  return fits ? { ...stepped, width, height } : { x: area.x, y: area.y, width, height };
}
