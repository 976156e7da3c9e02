import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_ENTRIES, ICO_SIZES, ICON_SOURCE, LINUX_ICON_SIZES, renderIconFiles } from '../../scripts/icons';
import { icnsEntries, icoBitmapPixels, icoImages, pngHeader, pngPixels } from './icon-formats';

// The installers' icons are generated from assets/icon.svg by `npm run icons` and
// committed. These tests fail when they are stale or not what each platform needs.

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path));

describe('installer icons', () => {
  it('are exactly what `npm run icons` makes from assets/icon.svg (run it after changing the SVG)', () => {
    const expected = renderIconFiles(read(ICON_SOURCE));
    const stale = [...expected].filter(([path, bytes]) => !existsSync(join(ROOT, path)) || !read(path).equals(bytes));
    expect(stale.map(([path]) => path)).toEqual([]);
  });

  it('give Linux an RGBA PNG at every size, each as large as its name says', () => {
    for (const size of LINUX_ICON_SIZES) {
      expect(pngHeader(read(`assets/icons/${size}x${size}.png`)), `${size}x${size}.png`).toEqual({
        width: size,
        height: size,
        colourType: 6,
      });
    }
  });

  it('give Windows an ICO with 16 to 256 px images, each the size its directory entry claims', () => {
    const images = icoImages(read('assets/icon.ico'));
    expect(images.map((image) => [image.width, image.height])).toEqual(ICO_SIZES.map((size) => [size, size]));
    expect(Math.max(...images.map((image) => image.width))).toBe(256); // electron-builder's minimum
    for (const image of images.filter((each) => each.format === 'png')) {
      const { width, height } = pngHeader(image.data);
      expect([width, height]).toEqual([image.width, image.height]);
    }
  });

  it('draw the small Windows icons (stored as bitmaps) the same as the PNGs, the right way up', () => {
    const bitmaps = icoImages(read('assets/icon.ico')).filter((image) => image.format === 'bmp');
    expect(bitmaps.map((image) => image.width)).toEqual([16, 24, 32, 48]);
    for (const image of bitmaps.filter((each) => (LINUX_ICON_SIZES as readonly number[]).includes(each.width))) {
      const fromIco = icoBitmapPixels(image);
      const fromPng = pngPixels(read(`assets/icons/${image.width}x${image.width}.png`));
      const worst = fromIco.reduce((max, value, i) => Math.max(max, Math.abs(value - (fromPng[i] ?? 0))), 0);
      // Both come from one rendering; only un-premultiplying alpha may round differently.
      expect(worst, `${image.width}px`).toBeLessThanOrEqual(2);
    }
  });

  it('give macOS an ICNS with every PNG type from 16@2x to 512@2x, each its declared size', () => {
    const entries = icnsEntries(read('assets/icon.icns'));
    expect(entries.map((entry) => entry.type)).toEqual(ICNS_ENTRIES.map(([type]) => type));
    for (const [i, entry] of entries.entries()) {
      const size = ICNS_ENTRIES[i]?.[1];
      const { width, height } = pngHeader(entry.data);
      expect([entry.type, width, height]).toEqual([entry.type, size, size]);
    }
  });
});
