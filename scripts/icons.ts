import { Resvg } from '@resvg/resvg-js';

// Every icon file the installers use, rendered from the one source image, assets/icon.svg.
// Each size is rasterised from the vector art (not scaled down from one big bitmap), so the
// 16 px icons stay crisp. The ICO and ICNS containers are written here rather than by a
// converter that resamples one large PNG.

export const ICON_SOURCE = 'assets/icon.svg';
/** freedesktop hicolor sizes; electron-builder reads assets/icons/<n>x<n>.png for Linux. */
export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const;
/** Windows shell sizes; 256 is what Explorer's large views and electron-builder require. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Below this, ICO entries are BMP: older shell views and resource editors mishandle PNG there. */
const ICO_PNG_FROM = 64;
/** Apple's PNG-typed ICNS entries (type, pixel size); @2x types share sizes with plain ones. */
export const ICNS_ENTRIES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
] as const;

type Raster = { png: Buffer; rgba: Buffer; size: number };

function rasterise(svg: Buffer, size: number): Raster {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  if (image.width !== size || image.height !== size) {
    throw new Error(`${ICON_SOURCE} must be square: rendering at ${size} gave ${image.width}x${image.height}`);
  }
  return { png: image.asPng(), rgba: unpremultiply(image.pixels), size };
}

/** resvg hands out premultiplied RGBA; BMP icons want straight alpha. */
function unpremultiply(pixels: Buffer): Buffer {
  const out = Buffer.from(pixels);
  for (let i = 0; i < out.length; i += 4) {
    const alpha = out[i + 3] ?? 0;
    if (alpha === 0 || alpha === 255) continue;
    for (let c = 0; c < 3; c++) out[i + c] = Math.min(255, Math.round(((out[i + c] ?? 0) * 255) / alpha));
  }
  return out;
}

/** A 32-bit BMP (DIB) as ICO stores it: double height, bottom-up BGRA, then a 1-bit AND mask. */
function icoBitmap({ rgba, size }: Raster): Buffer {
  const header = Buffer.alloc(40);
  const maskRowBytes = Math.ceil(size / 32) * 4;
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRowBytes * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = (row * size + x) * 4;
      pixels[to] = rgba[from + 2] ?? 0;
      pixels[to + 1] = rgba[from + 1] ?? 0;
      pixels[to + 2] = rgba[from] ?? 0;
      pixels[to + 3] = rgba[from + 3] ?? 0;
      if ((rgba[from + 3] ?? 0) === 0) {
        const at = row * maskRowBytes + (x >> 3);
        mask[at] = (mask[at] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([header, pixels, mask]);
}

export function encodeIco(rasters: readonly Raster[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(rasters.length, 4);
  const images = rasters.map((raster) => (raster.size >= ICO_PNG_FROM ? raster.png : icoBitmap(raster)));
  const directory = Buffer.alloc(16 * rasters.length);
  let offset = header.length + directory.length;
  rasters.forEach((raster, i) => {
    const image = images[i] as Buffer;
    const entry = i * 16;
    directory.writeUInt8(raster.size >= 256 ? 0 : raster.size, entry); // 0 means 256
    directory.writeUInt8(raster.size >= 256 ? 0 : raster.size, entry + 1);
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(image.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, directory, ...images]);
}

export function encodeIcns(entries: readonly { type: string; png: Buffer }[]): Buffer {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Every generated file, keyed by its path relative to the repository root. */
export function renderIconFiles(svg: Buffer): Map<string, Buffer> {
  const sizes = new Set<number>([...LINUX_ICON_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, size]) => size)]);
  const rasters = new Map([...sizes].map((size) => [size, rasterise(svg, size)]));
  const at = (size: number): Raster => rasters.get(size) as Raster;

  const files = new Map<string, Buffer>();
  for (const size of LINUX_ICON_SIZES) files.set(`assets/icons/${size}x${size}.png`, at(size).png);
  files.set('assets/icon.ico', encodeIco(ICO_SIZES.map(at)));
  files.set('assets/icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, png: at(size).png }))));
  return files;
}
