import { describe, expect, it, vi } from 'vitest';
import { APP_EVENT_CHANNEL, type AppEvent } from '../../common/app-events';
import { BRIDGE_CHANNELS, OPERATION_NAMES } from '../../common/channels';
import type { ConsoleBridge, OperationName } from '../../common/contract';
import { buildBridge, type BridgeInvoke, type BridgeListen } from '../../preload/build-bridge';
import { WITHOUT_REQUEST, takesNoRequest } from '../../common/channels';

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
  it('has exactly one method per operation of the contract and the one subscription, and nothing else', () => {
    const bridge = buildBridge(fakeInvoke().invoke);
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onAppEvent'].sort());
    for (const name of OPERATION_NAMES) expect(typeof bridge[name]).toBe('function');
    expect(Object.getOwnPropertySymbols(bridge)).toEqual([]);
  });

  it('cannot be extended or altered by the page', () => {
    const bridge = buildBridge(fakeInvoke().invoke);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it.each(OPERATION_NAMES.filter((name) => !takesNoRequest(name)))(
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

  it.each(WITHOUT_REQUEST)('%s sends no request at all, even when given arguments', async (name) => {
    const { invoke, calls } = fakeInvoke();
    const bridge = buildBridge(invoke);

    await callWith(bridge, name, { sneaky: 'payload' });

    expect(calls).toEqual([{ channel: BRIDGE_CHANNELS[name], args: [] }]);
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

describe('preload bridge: the one subscription (links and menu commands, issue 11)', () => {
  function fakeListen() {
    const channels = new Map<string, (payload: unknown) => void>();
    const listen: BridgeListen = (channel, listener) => void channels.set(channel, listener);
    return { listen, channels, send: (payload: AppEvent) => channels.get(APP_EVENT_CHANNEL)?.(payload) };
  }
  const link: AppEvent = { kind: 'open-link', link: { kind: 'email', value: 'asha@example.com' } };
  const command: AppEvent = { kind: 'command', command: 'focus-search' };

  it('listens on the app-event channel only', () => {
    const main = fakeListen();
    buildBridge(fakeInvoke().invoke, main.listen);
    expect([...main.channels.keys()]).toEqual([APP_EVENT_CHANNEL]);
  });

  it('keeps what main sent before the page subscribed and hands it over, in order, once', async () => {
    const main = fakeListen();
    const bridge = buildBridge(fakeInvoke().invoke, main.listen);
    main.send(link);
    main.send(command);
    const first = vi.fn();
    // As React's StrictMode does: subscribe, unsubscribe, subscribe again.
    bridge.onAppEvent(first)();
    const second = vi.fn();
    bridge.onAppEvent(second);
    await Promise.resolve();
    expect(first).not.toHaveBeenCalled();
    expect(second.mock.calls).toEqual([[link], [command]]);
    main.send(link);
    expect(second).toHaveBeenCalledTimes(3);
  });

  it('stops delivering once unsubscribed', () => {
    const main = fakeListen();
    const bridge = buildBridge(fakeInvoke().invoke, main.listen);
    const listener = vi.fn();
    const unsubscribe = bridge.onAppEvent(listener);
    main.send(command);
    unsubscribe();
    main.send(command);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
