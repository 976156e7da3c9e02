import type { AuditEvent } from './audit-event';
import type { Outbox } from './outbox';
import { SyslogConnectError, connectSyslog, type SyslogConnection, type SyslogTarget, type UnreachableReason } from './syslog-sender';

// The one loop that moves events from the outbox to the collector, and the only place that
// decides "delivered" (docs/history.md): an event leaves the outbox once its bytes were
// taken by the socket (Node's write callback) AND the same connection was still up
// `confirmMs` later. Syslog over TCP has no answer of its own; a collector that dies loses
// what it had read but not yet written, and that shows as its connection going down. So
// when a connection drops, everything written on it and not yet confirmed is sent again on
// the next one: at least once, never less, a repeat with the same event id and seq.
// The forwarder (audit-forwarder.ts) owns the status the agent sees; it hears of each
// turn through `hooks`.

export interface DeliveryHooks {
  connected(): void;
  unreachable(reason: UnreachableReason, code: string | undefined): void;
  delivered(): void;
}

export interface DeliveryLoopOptions {
  outbox: Outbox;
  target: SyslogTarget;
  frame: (event: AuditEvent) => Buffer;
  /** How long a connection must stay up after a write for it to count as delivered. */
  confirmMs: number;
  /** Reconnect backoff: first wait and the longest. */
  backoff: { first: number; max: number };
  hooks: DeliveryHooks;
  onError: (error: unknown) => void;
}

export interface DeliveryLoop {
  /** Something changed (a new event): look at the outbox again now. */
  wake(): void;
  /** Whether a connection to the collector is up now. */
  readonly connected: boolean;
  /** Ends the loop: closes the connection, clears its timer, resolves once it has returned. */
  stop(): Promise<void>;
}

/** Events written to the socket in one go (a long backlog goes out in batches). */
const BATCH = 200;
/** With nothing to send and nothing to confirm, the loop looks again this often anyway. */
const IDLE_MS = 60_000;

export function startDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const { outbox, confirmMs, backoff, hooks } = options;
  let stopped = false;
  const stopping = new AbortController();
  let conn: SyslogConnection | undefined;
  let wakeUp: (() => void) | undefined;
  const wake = () => wakeUp?.();

  /** Waits for a wake-up (a new event, the connection dropping) or `ms`, whichever comes first. */
  function pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = undefined;
        resolve();
      }
      // A backoff wait is not cut short by new events, only by stop().
      wakeUp = wakeable ? done : () => (stopped ? done() : undefined);
    });
  }

  async function run(): Promise<void> {
    let wait = backoff.first;
    let sentUpTo = 0;
    let inflight: Array<{ seq: number; at: number }> = [];
    const drop = () => {
      conn?.close();
      conn = undefined;
      inflight = [];
    };
    while (!stopped) {
      if (!conn) {
        if (outbox.state().waiting === 0) {
          await pause(IDLE_MS, true);
          continue;
        }
        try {
          conn = await connectSyslog(options.target, stopping.signal);
          void conn.closed.then(wake);
          sentUpTo = outbox.state().acked;
          wait = backoff.first;
          hooks.connected();
        } catch (error) {
          if (stopped) break;
          const { reason, code } = error instanceof SyslogConnectError ? error : { reason: 'other' as const, code: undefined };
          hooks.unreachable(reason, code);
          await pause(wait, false);
          wait = Math.min(wait * 2, backoff.max);
          continue;
        }
      }
      if (!conn.alive) {
        drop();
        continue;
      }
      // Confirm what this connection has held long enough.
      const confirmed = inflight.filter((sent) => sent.at + confirmMs <= Date.now()).at(-1);
      if (confirmed) {
        inflight = inflight.filter((sent) => sent.seq > confirmed.seq);
        await outbox.ack(confirmed.seq);
        hooks.delivered();
      }
      const batch = await outbox.peek(sentUpTo, BATCH);
      const last = batch.at(-1);
      if (last) {
        try {
          await conn.write(batch.map(options.frame));
        } catch {
          drop();
          continue;
        }
        sentUpTo = last.seq;
        inflight.push({ seq: last.seq, at: Date.now() });
        continue;
      }
      const first = inflight[0];
      await pause(first ? first.at + confirmMs - Date.now() : IDLE_MS, true);
    }
    drop();
  }

  const loop = run().catch(options.onError);
  return {
    wake,
    get connected() {
      return conn?.alive ?? false;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      wake();
      // A write the collector is not reading fails at once rather than holding the loop.
      conn?.close();
      await loop;
    },
  };
}
