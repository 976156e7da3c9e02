import { hostname } from 'node:os';
import { lineCodec } from '../at-rest/sealed-text';
import type { DataKeyring } from '../at-rest/data-key';
import type { JournalHead, JournalObserver } from '../history/journal-observer';
import type { Logger } from '../logging/logger';
import { NODE_NETWORK, type NetworkEnvironment } from '../network/network-environment';
import { trustedCertificates } from '../network/trusted-certificates';
import { eventOfLine, severityOf, type AuditEvent, type AuditEventBody } from './audit-event';
import type { AuditSettings } from './audit-settings';
import { OutboxFullError, openOutbox, type Outbox } from './outbox';
import { frameOctetCounted, formatSyslogMessage } from './syslog-message';
import { SyslogConnectError, connectSyslog, type SyslogConnection, type UnreachableReason } from './syslog-sender';
import type { TeamLogStatus } from '../../common/audit-contract';

// Audit forwarding (issue 20; docs/history.md "Forwarding to the organisation's log"):
// every journal line becomes an event in the outbox before the line itself is written
// (main/history/journal-observer.ts), and a loop sends what waits to the collector.
//
// Delivered: an event is acknowledged (and leaves the outbox) once its bytes were taken by
// the socket (Node's write callback: handed to the kernel) AND the same connection was
// still up `confirmMs` later (no error, no close, no end from the collector). Syslog over
// TCP has no answer of its own; a collector that dies loses what it had read but not yet
// written, and that shows as its connection going down, within a moment on a LAN. So when
// a connection drops, everything written on it and not yet confirmed is sent again on the
// next one: at least once, never less, and a repeat carries the same event id and seq.

/** How forwarding is going, as the bridge reports it (common/audit-contract.ts), and where it sends. */
export type AuditStatus = TeamLogStatus & {
  /** host:port, and whether over TLS. */
  target: string;
  tls: boolean;
};

export interface AuditForwarderOptions {
  /** The outbox's folder (the data folder's `audit/`). */
  dir: string;
  settings: AuditSettings;
  dataKeys: DataKeyring;
  /** The OS certificate store (the app's), for a TLS collector; Node's reading of it when absent. */
  network?: Pick<NetworkEnvironment, 'systemCertificates'>;
  /** The computer's name, in the syslog HOSTNAME and each event. */
  machine?: string;
  logger?: Logger;
  now?: () => Date;
  /** How long a connection must stay up after a write for it to count as delivered. */
  confirmMs?: number;
  /** Reconnect backoff: first wait and the longest. */
  backoffMs?: { first: number; max: number };
}

export interface AuditForwarder extends JournalObserver {
  status(): AuditStatus;
  /** Queues a 'test' event and waits (up to `timeoutMs`) for it to be delivered. */
  sendTestEvent(timeoutMs?: number): Promise<{ eventId: string; delivered: boolean; status: AuditStatus }>;
  /** Queues a 'head' event now (it is also sent at open and every `headEveryMinutes`). */
  sendHead(): Promise<void>;
  /** Resolves once nothing is waiting (or rejects after `timeoutMs`). */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 200;

export async function openAuditForwarder(options: AuditForwarderOptions): Promise<AuditForwarder> {
  const { settings, logger } = options;
  const now = options.now ?? (() => new Date());
  const machine = options.machine ?? (hostname() || 'unknown');
  const confirmMs = options.confirmMs ?? 1000;
  const backoff = options.backoffMs ?? { first: 500, max: 30_000 };
  const codec = lineCodec(await options.dataKeys.get(), 'audit-outbox');
  const outbox: Outbox = await openOutbox({
    dir: options.dir,
    codec,
    capacity: settings.outboxSize,
    whenFull: settings.whenFull,
    machine,
    now,
    ...(logger ? { logger } : {}),
  });
  const target = {
    host: settings.host,
    port: settings.port,
    tls: settings.tls,
    ...(settings.tls ? { ca: trustedCertificates({ ...NODE_NETWORK, ...options.network }, settings.extraCertificate) } : {}),
  };

  let head: JournalHead | undefined;
  let stopped = false;
  let conn: SyslogConnection | undefined;
  let lastDeliveredAt: string | undefined;
  let unreachable: { since: string; reason: UnreachableReason; code?: string } | undefined;
  const watchers = new Set<() => void>();
  let wakeUp: (() => void) | undefined;
  const wake = () => wakeUp?.();

  function frameOf(event: AuditEvent): Buffer {
    const message = formatSyslogMessage(
      {
        facility: settings.facility,
        severity: severityOf(event.kind),
        timestamp: event.at,
        hostname: machine,
        appName: settings.appName,
        procId: String(process.pid),
        msgId: event.kind,
        params: { eventId: event.eventId, seq: String(event.seq) },
      },
      JSON.stringify(event),
    );
    return frameOctetCounted(message);
  }

  async function enqueue(body: AuditEventBody): Promise<AuditEvent | undefined> {
    try {
      const result = await outbox.add(body);
      wake();
      return 'added' in result ? result.added : undefined;
    } catch (error) {
      // Refusing the line (and so the change) is the setting's choice; any other failure
      // to keep the event is told, and the journal goes on.
      if (error instanceof OutboxFullError) throw error;
      logger?.error('audit.outbox-unwritable', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return undefined;
    }
  }

  function status(): AuditStatus {
    const state = outbox.state();
    return {
      target: `${settings.host}:${settings.port}`,
      tls: settings.tls,
      state: unreachable ? 'unreachable' : state.waiting > 0 ? 'waiting' : 'delivered',
      waiting: state.waiting,
      capacity: state.capacity,
      filling: state.filling,
      full: state.full,
      dropped: state.dropped,
      ...(lastDeliveredAt ? { lastDeliveredAt } : {}),
      ...(unreachable
        ? { unreachableSince: unreachable.since, problem: { reason: unreachable.reason, ...(unreachable.code ? { code: unreachable.code } : {}) } }
        : {}),
    };
  }

  const changed = () => {
    for (const watcher of [...watchers]) watcher();
  };

  /** Waits for a wake-up (a new event, the connection dropping) or `ms`, whichever comes first. */
  function pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = undefined;
        resolve();
      }
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
          await pause(60_000, true);
          continue;
        }
        try {
          conn = await connectSyslog(target);
          void conn.closed.then(wake);
          sentUpTo = outbox.state().acked;
          wait = backoff.first;
          if (unreachable) logger?.info('audit.collector-back', { target: status().target });
          unreachable = undefined;
          changed();
        } catch (error) {
          const { reason, code } = error instanceof SyslogConnectError ? error : { reason: 'other' as const, code: undefined };
          if (!unreachable) logger?.warn('audit.collector-unreachable', { reason, ...(code ? { code } : {}) });
          unreachable = { since: unreachable?.since ?? now().toISOString(), reason, ...(code ? { code } : {}) };
          changed();
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
        lastDeliveredAt = now().toISOString();
        changed();
      }
      const batch = await outbox.peek(sentUpTo, BATCH);
      const last = batch.at(-1);
      if (last) {
        try {
          await conn.write(batch.map(frameOf));
        } catch {
          drop();
          continue;
        }
        sentUpTo = last.seq;
        inflight.push({ seq: last.seq, at: Date.now() });
        continue;
      }
      const first = inflight[0];
      await pause(first ? first.at + confirmMs - Date.now() : 60_000, true);
    }
    drop();
  }

  const loop = run().catch((error: unknown) => logger?.error('audit.forwarder-stopped', { message: String(error) }));
  const headTimer = setInterval(() => void sendHead(), settings.headEveryMinutes * 60_000);
  headTimer.unref();

  async function sendHead(): Promise<void> {
    if (head) await enqueue({ kind: 'head', at: now().toISOString(), machine, head }).catch(() => undefined);
  }

  function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (!test()) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      function finish(ok: boolean) {
        clearTimeout(timer);
        watchers.delete(check);
        resolve(ok);
      }
      watchers.add(check);
      check();
    });
  }

  return {
    opened(at) {
      head = at;
      void sendHead();
    },
    async writing(line, hash, at) {
      head = at;
      await enqueue(eventOfLine(line, hash, { machine, values: settings.values }));
    },
    status,
    async sendTestEvent(timeoutMs = 10_000) {
      const event = await enqueue({ kind: 'test', at: now().toISOString(), machine });
      if (!event) return { eventId: '', delivered: false, status: status() };
      const delivered = await until(() => outbox.state().acked >= event.seq, timeoutMs);
      return { eventId: event.eventId, delivered, status: status() };
    },
    sendHead,
    async drained(timeoutMs = 30_000) {
      if (!(await until(() => outbox.state().waiting === 0, timeoutMs))) throw new Error(`audit outbox not drained: ${JSON.stringify(status())}`);
    },
    async stop() {
      stopped = true;
      clearInterval(headTimer);
      wake();
      conn?.close();
      await loop;
    },
  };
}
