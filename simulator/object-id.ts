import { randomBytes } from 'node:crypto';
import type { Random } from './random';

// ConsCent ids are MongoDB ObjectIds: 4 bytes of creation time then 8 more bytes. The
// simulator keeps the time prefix consistent with createdAt so ids look and sort like
// real ones.

function timePrefix(at: Date): string {
  return Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
}

export function seededObjectId(at: Date, random: Random): string {
  return timePrefix(at) + random.hex(16);
}

export function freshObjectId(at: Date = new Date()): string {
  return timePrefix(at) + randomBytes(8).toString('hex');
}
