import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { SessionLike, WindowOpenDetails, WindowOpenResponse } from '../../main/window/security-handlers';

// Stand-ins for the few Electron objects the security modules are handed, plus file
// helpers, shared by the security-*.test.ts files. Electron itself cannot load here.

export const ROOT = resolve(__dirname, '../..');

export class FakeSession implements SessionLike {
  request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
  check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
  device?: Parameters<SessionLike['setDevicePermissionHandler']>[0];
  setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>) {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['check']>) {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['device']>) {
    this.device = handler;
  }
  /** What a page asking for `permission` would be told: granted or not (undefined: never answered). */
  requestPermission(permission: string): boolean | undefined {
    let answer: boolean | undefined;
    this.request?.(null, permission, (granted) => (answer = granted));
    return answer;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  openHandler?: (details: WindowOpenDetails) => WindowOpenResponse;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenResponse) {
    this.openHandler = handler;
  }
  /** Emits a preventable event the way Electron does; true if a listener prevented it. */
  fire(event: string, url?: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

/** A file of the repository as text. */
export function repoText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** A file of the build output; says how to produce it rather than failing obscurely. */
export function builtText(path: string): string {
  try {
    return readFileSync(join(ROOT, 'out', path), 'utf8');
  } catch {
    throw new Error(`out/${path} is missing: build first (npx electron-vite build, or npm test).`);
  }
}

/** Every file under a repository folder (no node_modules), as repository-relative paths. */
export function filesUnder(dir: string, pattern = /./): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, pattern);
    return pattern.test(entry.name) ? [path.split(sep).join('/')] : [];
  });
}
