// From channels.ts, not contract.ts: the page's first paint then needs none of the schemas.
import { BRIDGE_GLOBAL, OPERATION_NAMES } from '../../../common/channels';
import type { ConsoleBridge } from '../../../common/contract';

// The preload exposes the bridge on `window.conscent` (BRIDGE_GLOBAL, typed in
// common/bridge-global.d.ts) with contextBridge. This is the only place that reads it,
// and it does not trust the type: a failed preload leaves it missing.

/** The preload's bridge, or null when it is missing or incomplete (preload failed). */
export function getWindowBridge(): ConsoleBridge | null {
  const candidate: unknown = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const complete = OPERATION_NAMES.every((name) => typeof (candidate as Record<string, unknown>)[name] === 'function');
  return complete ? (candidate as ConsoleBridge) : null;
}
