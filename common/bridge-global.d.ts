import type { ConsoleBridge } from './contract';

// What the preload exposes to the page (preload/index.ts). The property name must equal
// BRIDGE_GLOBAL in ./channels.
declare global {
  interface Window {
    readonly conscent: ConsoleBridge;
  }
}

export {};
