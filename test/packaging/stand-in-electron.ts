import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FuseV1Options, FuseVersion } from '@electron/fuses';

// A stand-in for an unpacked Linux Electron distribution, for electron-builder's
// `electronDist`: Electron's binary cannot be downloaded here. electron-builder copies the
// folder, renames `electron` to the executable name, moves LICENSE to LICENSE.electron.txt
// and flips fuses in the executable, which @electron/fuses finds by a sentinel followed by
// the fuse wire (version byte, length byte, one byte per fuse) — so that is all the
// stand-in binary holds after a tiny shell script.

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 8;
/** A fuse's byte on the wire: ASCII '1' or '0' (@electron/fuses does not export these). */
export const FUSE_ENABLED = 0x31;
export const FUSE_DISABLED = 0x30;

/**
 * Wires the stand-in with every fuse in the opposite state of `wanted`, so a fuse reads
 * back as wanted only if electron-builder actually set it.
 */
export function oppositeWire(wanted: Record<FuseV1Options, boolean>): number[] {
  return Array.from({ length: FUSE_COUNT }, (_, fuse) => (wanted[fuse as FuseV1Options] ? FUSE_DISABLED : FUSE_ENABLED));
}

export async function createStandInElectronDist(dir: string, version: string, wire: number[]): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for packaging tests" >&2\nexit 1\n');
  const fuseWire = Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([Number(FuseVersion.V1), wire.length, ...wire])]);
  await writeFile(join(dir, 'electron'), Buffer.concat([script, fuseWire, Buffer.from('\n')]));
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for Electron’s MIT licence.\n');
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in</title>\n');
  await writeFile(join(dir, 'version'), version);
  await writeFile(join(dir, 'locales', 'en-US.pak'), '');
}
