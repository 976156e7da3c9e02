import type { AppEvent } from '../../../common/app-events';
import { OPERATION_NAMES, takesNoRequest } from '../../../common/channels';
import type { ConsoleBridge } from '../../../common/contract';
import type { Result } from '../../../common/result';
import { bridgeCallStart, measureBridgeCall } from '../timing/user-timing';

// The bridge promises never to throw, but an IPC failure (main crashed, handler missing)
// still rejects in Electron. Every call goes through here so the UI only ever sees a
// Result and never has to guess what an exception means.

/** "The bridge call itself failed" (not ConsCent): its own kind, so nothing blames ConsCent. */
const UNANSWERED: Result<never> = { ok: false, error: { kind: 'no-answer' } };

function looksLikeResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function callSafely<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result: unknown = await call();
    // A value of the wrong shape is as useless as a rejection: treat it the same.
    return looksLikeResult(result) ? (result as Result<T>) : UNANSWERED;
  } catch {
    return UNANSWERED;
  }
}

/** Wraps every operation of a bridge (the table's, common/channels.ts) with callSafely. */
export function makeSafeBridge(bridge: ConsoleBridge): ConsoleBridge {
  const safe: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    // Looked up at call time, and called with the one argument it was given (none for WITHOUT_REQUEST).
    const call = (...request: [] | [unknown]) => (bridge[name] as (...request: [] | [unknown]) => Promise<Result<unknown>>)(...request);
    // Each call's span is measured on the page's timeline (issue 23; `npm run bench` reads it).
    const timed = async (run: () => Promise<Result<unknown>>) => {
      const start = bridgeCallStart();
      try {
        return await callSafely(run);
      } finally {
        measureBridgeCall(name, start);
      }
    };
    safe[name] = takesNoRequest(name) ? () => timed(() => call()) : (request: unknown) => timed(() => call(request));
  }
  safe.onAppEvent = (listener: (event: AppEvent) => void) => {
    // A preload without the subscription (or one that throws) only means no links arrive.
    try {
      const unsubscribe: unknown = bridge.onAppEvent(listener);
      return typeof unsubscribe === 'function' ? (unsubscribe as () => void) : () => undefined;
    } catch {
      return () => undefined;
    }
  };
  return safe as unknown as ConsoleBridge;
}
