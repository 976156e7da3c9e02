import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, OPERATION_NAMES, WITHOUT_REQUEST, takesNoRequest } from '../../common/channels';
import { REQUEST_SCHEMAS, type ConsoleBridge } from '../../common/contract';
import type { OperationImplementations } from '../../main/ipc/bridge-handlers';

// The bridge is one table (issue 19.1): channel, request schema and result type per
// operation, everything else derived. The compile-time half of this file is in
// typeLevelChecks: `npm run typecheck` fails if leaving an operation out of the bridge or
// out of main's use-cases ever stops being an error.

describe('the bridge table', () => {
  it('has a schema for every operation with a channel, and none for the ones without a request', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(OPERATION_NAMES.filter((name) => REQUEST_SCHEMAS[name] === null)).toEqual([...WITHOUT_REQUEST]);
    expect(OPERATION_NAMES.filter(takesNoRequest)).toEqual([...WITHOUT_REQUEST]);
  });

  it('gives each operation a channel of its own under the console’s prefix', () => {
    const channels = Object.values(BRIDGE_CHANNELS);
    expect(new Set(channels).size).toBe(OPERATION_NAMES.length);
    for (const channel of channels) expect(channel).toMatch(/^conscent:[a-z-]+(:[a-z-]+)+$/);
  });
});

// Compile-time checks (never run): each marked line must stay a type error.
export function typeLevelChecks(bridge: ConsoleBridge, implementations: OperationImplementations): void {
  const { lookupReader: _lookup, ...bridgeWithoutOne } = bridge;
  // @ts-expect-error a bridge without one of the table's operations is not a ConsoleBridge
  const incomplete: ConsoleBridge = bridgeWithoutOne;
  const { openReader: _open, ...mainWithoutOne } = implementations;
  // @ts-expect-error main cannot leave an operation without its use-case
  const unimplemented: OperationImplementations = mainWithoutOne;
  // @ts-expect-error an operation takes its own request, not another's
  void bridge.openReader({ connectionId: 'c', query: 'a@b.c' });
  void incomplete;
  void unimplemented;
}
