import { EventEmitter } from 'node:events';
import type { SessionLike, WindowOpenDetails, WindowOpenResponse } from '../../main/window/security-handlers';

// Stand-ins for the Electron session and webContents the security modules are handed
// (Electron itself cannot load in Node tests): they keep the handlers installed on them
// and fire events the way Electron does.

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
