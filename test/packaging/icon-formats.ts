import { inflateSync } from 'node:zlib';

// Readers for the three icon formats, written from the format descriptions rather than
// from scripts/icons.ts, to check what that script produced.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR';
}

/** Width, height and colour type from the IHDR chunk (colour type 6 = RGBA). */
export function pngHeader(bytes: Buffer): { width: number; height: number; colourType: number } {
  if (!isPng(bytes)) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes.readUInt8(25) };
}

/** Straight-alpha RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what resvg writes). */
export function pngPixels(bytes: Buffer): Uint8Array {
  const { width, height, colourType } = pngHeader(bytes);
  if (colourType !== 6 || bytes.readUInt8(24) !== 8 || bytes.readUInt8(28) !== 0) {
    throw new Error('only 8-bit RGBA, non-interlaced PNGs are read here');
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (out[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] ?? 0) : 0;
      out[y * stride + x] = (value + unfilter(filter ?? 0, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function unfilter(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

export type IcoImage = { width: number; height: number; format: 'png' | 'bmp'; data: Buffer };

export function icoImages(bytes: Buffer): IcoImage[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const size = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    const data = bytes.subarray(offset, offset + size);
    if (data.length !== size) throw new Error(`ICO entry ${i} runs past the end of the file`);
    return {
      width: bytes.readUInt8(entry) || 256,
      height: bytes.readUInt8(entry + 1) || 256,
      format: isPng(data) ? 'png' : 'bmp',
      data,
    };
  });
}

/** Straight-alpha RGBA, top-down, from an ICO's 32-bit BMP entry (header, BGRA bottom-up, AND mask). */
export function icoBitmapPixels(image: IcoImage): Uint8Array {
  const { data, width, height } = image;
  if (data.readUInt32LE(0) !== 40) throw new Error('BMP entry lacks a BITMAPINFOHEADER');
  if (data.readInt32LE(4) !== width || data.readInt32LE(8) !== height * 2) throw new Error('BMP size disagrees with the directory');
  if (data.readUInt16LE(14) !== 32) throw new Error('BMP entry is not 32 bits per pixel');
  const maskRow = Math.ceil(width / 32) * 4;
  if (data.length !== 40 + width * height * 4 + maskRow * height) throw new Error('BMP entry has the wrong length');
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = 40 + ((height - 1 - y) * width + x) * 4;
      const to = (y * width + x) * 4;
      out[to] = data[from + 2] ?? 0;
      out[to + 1] = data[from + 1] ?? 0;
      out[to + 2] = data[from] ?? 0;
      out[to + 3] = data[from + 3] ?? 0;
    }
  }
  return out;
}

export function icnsEntries(bytes: Buffer): { type: string; data: Buffer }[] {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('ICNS length field disagrees with the file');
  const entries: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`ICNS entry at ${at} has a bad length`);
    entries.push({ type: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}
