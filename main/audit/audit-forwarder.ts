import { hostname } from 'node:os';
import { lineCodec } from '../at-rest/sealed-text';
import type { DataKeyring } from '../at-rest/data-key';
import type { JournalHead, JournalObserver } from '../history/journal-observer';
import type { Logger } from '../logging/logger';
import { NODE_NETWORK, type NetworkEnvironment } from '../network/network-environment';
import { trustedCertificates } from '../network/trusted-certificates';
import { eventOfLine, type AuditEvent, type AuditEventBody } from './audit-event';
import { frameOfEvent } from './audit-frame';
import type { AuditSettings } from './audit-settings';
import { OutboxFullError, openOutbox, type Outbox } from './outbox';
import { startDeliveryLoop } from './delivery-loop';
import type { UnreachableReason } from './syslog-sender';
import type { TeamLogStatus } from '../../common/audit-contract';

// Audit forwarding (issue 20; docs/history.md "Forwarding to the organisation's log"):
// every journal line becomes an event in the outbox before the line itself is written
// (main/history/journal-observer.ts); the delivery loop (delivery-loop.ts, which decides
// "delivered") sends what waits to the collector. This file joins the two and keeps what
// the agent is shown: the status, the test event, the periodic head event.

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
  /**
   * Stops forwarding (at quit): waits up to `flushMs` for what waits to be confirmed when
   * the collector is connected, then closes the connection and clears every timer.
   */
  stop(flushMs?: number): Promise<void>;
}

/** At quit, how much longer than one confirmation the forwarder waits for what is waiting. */
const STOP_FLUSH_EXTRA_MS = 1000;

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
  let lastDeliveredAt: string | undefined;
  let unreachable: { since: string; reason: UnreachableReason; code?: string } | undefined;
  const watchers = new Set<() => void>();
  const changed = () => {
    for (const watcher of [...watchers]) watcher();
  };

  const delivery = startDeliveryLoop({
    outbox,
    target,
    frame: (event) => frameOfEvent(event, settings, machine),
    confirmMs,
    backoff,
    hooks: {
      connected() {
        if (unreachable) logger?.info('audit.collector-back', { target: status().target });
        unreachable = undefined;
        changed();
      },
      unreachable(reason, code) {
        if (!unreachable) logger?.warn('audit.collector-unreachable', { reason, ...(code ? { code } : {}) });
        unreachable = { since: unreachable?.since ?? now().toISOString(), reason, ...(code ? { code } : {}) };
        changed();
      },
      delivered() {
        lastDeliveredAt = now().toISOString();
        changed();
      },
    },
    onError: (error) => logger?.error('audit.forwarder-stopped', { message: String(error) }),
  });

  async function enqueue(body: AuditEventBody): Promise<AuditEvent | undefined> {
    try {
      const result = await outbox.add(body);
      delivery.wake();
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

  const headTimer = setInterval(() => void sendHead(), settings.headEveryMinutes * 60_000);
  headTimer.unref();
  let stopping: Promise<void> | undefined;

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
    stop(flushMs = confirmMs + STOP_FLUSH_EXTRA_MS) {
      stopping ??= (async () => {
        clearInterval(headTimer);
        // At quit, what waits gets a short chance to be confirmed on a connection that is
        // up; what is not stays in the outbox and goes at the next start (a repeat only if
        // it was written and not yet confirmed: docs/history.md "When an event arrives twice").
        if (outbox.state().waiting > 0 && delivery.connected) await until(() => outbox.state().waiting === 0, flushMs);
        await delivery.stop();
      })();
      return stopping;
    },
  };
}
