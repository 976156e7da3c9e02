import { readFile } from 'node:fs/promises';

export const IPC_BINDING = '__conscentE2eIpcInvoke';
/** Where the shell delivers what main sends (webContents.send): called by the test process only. */
export const IPC_EMIT = '__conscentE2eIpcEmit';

/**
 * The real built preload bundle, wrapped so that its `require('electron')` gets a thin
 * stand-in: `ipcRenderer.invoke` goes to a Playwright binding (and from there to the
 * real main-process handlers), `contextBridge.exposeInMainWorld` defines the global.
 * Only Electron's transport is replaced; the bundle's own code runs unchanged.
 */
export async function preloadInitScript(bundlePath: string): Promise<string> {
  let bundle: string;
  try {
    bundle = await readFile(bundlePath, 'utf8');
  } catch {
    throw new Error(`No built preload at ${bundlePath}: run \`npm run build\` first.`);
  }
  return `(() => {
  const send = window[${JSON.stringify(IPC_BINDING)}];
  // ipcRenderer.on: main's sends arrive through IPC_EMIT, as Electron hands them to the
  // preload: an event object first, then the payload.
  const listeners = new Map();
  Object.defineProperty(window, ${JSON.stringify(IPC_EMIT)}, {
    value: (channel, payload) => (listeners.get(channel) || []).forEach((listener) => listener({}, payload)),
    enumerable: false, configurable: false, writable: false,
  });
  const electron = Object.freeze({
    ipcRenderer: Object.freeze({
      invoke: (channel, ...args) => send(channel, args.length ? args[0] : undefined),
      on: (channel, listener) => void listeners.set(channel, [...(listeners.get(channel) || []), listener]),
    }),
    contextBridge: Object.freeze({
      exposeInMainWorld: (key, api) =>
        Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true, configurable: false, writable: false }),
    }),
  });
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('The sandboxed preload tried to require ' + name);
  };
  (function (exports, require, module) {
${bundle}
  })(module.exports, require, module);
})();`;
}
