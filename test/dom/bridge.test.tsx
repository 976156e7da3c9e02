import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, OPERATION_NAMES, type ConsoleBridge } from '../../common/contract';
import { callSafely, makeSafeBridge } from '../../renderer/src/bridge/safe-call';
import { getWindowBridge } from '../../renderer/src/bridge/window-bridge';
import { MissingBridge } from '../../renderer/src/ui/MissingBridge';
import { FakeBridge } from './fake-bridge';

// How the page gets the bridge (window.conscent, checked) and how every call is made safe.

const globals = window as unknown as Record<string, unknown>;

afterEach(() => {
  delete globals[BRIDGE_GLOBAL];
});

describe('getWindowBridge', () => {
  it('returns the preload object when every operation is there', () => {
    const bridge = new FakeBridge();
    globals[BRIDGE_GLOBAL] = bridge;
    expect(getWindowBridge()).toBe(bridge);
  });

  it('returns null when the preload did not run', () => {
    expect(getWindowBridge()).toBeNull();
  });

  it('returns null when an operation is missing', () => {
    const partial: Record<string, unknown> = {};
    for (const name of OPERATION_NAMES.slice(1)) partial[name] = () => undefined;
    globals[BRIDGE_GLOBAL] = partial;
    expect(getWindowBridge()).toBeNull();
  });

  it('says so in words when the bridge is missing', () => {
    render(<MissingBridge />);
    expect(screen.getByRole('alert')).toHaveTextContent('The console could not start');
  });
});

describe('callSafely', () => {
  it('passes results through', async () => {
    expect(await callSafely(async () => ({ ok: true as const, value: 1 }))).toEqual({ ok: true, value: 1 });
  });

  it('turns a rejected promise into an error result', async () => {
    const result = await callSafely(() => Promise.reject(new Error('boom')));
    expect(result).toEqual({ ok: false, error: { kind: 'no-answer' } });
  });

  it('turns an answer of the wrong shape into an error result', async () => {
    const result = await callSafely(() => Promise.resolve('nonsense' as unknown as { ok: true; value: number }));
    expect(result.ok).toBe(false);
  });

  it('wraps every operation of a bridge', async () => {
    const rejecting = Object.fromEntries(OPERATION_NAMES.map((name) => [name, () => Promise.reject(new Error(name))])) as unknown as ConsoleBridge;
    const safe = makeSafeBridge(rejecting);
    for (const name of OPERATION_NAMES) {
      const call = safe[name] as (request?: unknown) => Promise<{ ok: boolean }>;
      expect((await call({})).ok).toBe(false);
    }
  });
});
