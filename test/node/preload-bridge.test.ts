import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS, OPERATION_NAMES } from '../../common/channels';
import type { ConsoleBridge, OperationName } from '../../common/contract';
import { buildBridge, type BridgeInvoke } from '../../preload/build-bridge';

function fakeInvoke() {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const invoke: BridgeInvoke = (channel, ...args) => {
    calls.push({ channel, args });
    return Promise.resolve({ ok: true, value: `answer from ${channel}` });
  };
  return { invoke, calls };
}

// Calls one bridge method with one argument, whatever its declared request type.
function callWith(bridge: ConsoleBridge, name: OperationName, ...args: unknown[]): Promise<unknown> {
  const method = bridge[name] as (...a: unknown[]) => Promise<unknown>;
  return method(...args);
}

describe('preload bridge', () => {
  it('has exactly one method per operation of the contract, and nothing else', () => {
    const bridge = buildBridge(fakeInvoke().invoke);
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(typeof bridge[name]).toBe('function');
    expect(Object.getOwnPropertySymbols(bridge)).toEqual([]);
  });

  it('cannot be extended or altered by the page', () => {
    const bridge = buildBridge(fakeInvoke().invoke);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it.each(OPERATION_NAMES.filter((name) => name !== 'listConnections'))(
    '%s sends its request, untouched and alone, on its own channel and returns the answer',
    async (name) => {
      const { invoke, calls } = fakeInvoke();
      const bridge = buildBridge(invoke);
      const request = { connectionId: 'prod', nested: { list: [1, 2], keep: 'as is' } };

      const answer = await callWith(bridge, name, request, 'an extra argument', { another: true });

      expect(calls).toHaveLength(1);
      expect(calls[0]?.channel).toBe(BRIDGE_CHANNELS[name]);
      expect(calls[0]?.args).toHaveLength(1);
      expect(calls[0]?.args[0]).toBe(request);
      expect(request).toEqual({ connectionId: 'prod', nested: { list: [1, 2], keep: 'as is' } });
      expect(answer).toEqual({ ok: true, value: `answer from ${BRIDGE_CHANNELS[name]}` });
    },
  );

  it('listConnections sends no request at all, even when given arguments', async () => {
    const { invoke, calls } = fakeInvoke();
    const bridge = buildBridge(invoke);

    await callWith(bridge, 'listConnections', { sneaky: 'payload' });

    expect(calls).toEqual([{ channel: BRIDGE_CHANNELS.listConnections, args: [] }]);
  });

  it('uses a different channel for every operation', () => {
    const channels = OPERATION_NAMES.map((name) => BRIDGE_CHANNELS[name]);
    expect(new Set(channels).size).toBe(OPERATION_NAMES.length);
  });

  it('passes main’s rejection through rather than inventing an answer', async () => {
    const failure = new Error('no handler');
    const invoke = vi.fn<BridgeInvoke>().mockRejectedValue(failure);
    const bridge = buildBridge(invoke);
    await expect(bridge.openReader({ connectionId: 'prod', userId: '0123456789abcdef01234567' })).rejects.toBe(failure);
  });
});
