import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../common/channels';
import { buildBridge } from './build-bridge';

// The whole preload: the page gets the typed bridge and nothing else. ipcRenderer itself
// never crosses into the page, only these closures do.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridge(
    (channel, ...request) => ipcRenderer.invoke(channel, ...request),
    (channel, listener) => void ipcRenderer.on(channel, (_event, payload: unknown) => listener(payload)),
  ),
);
