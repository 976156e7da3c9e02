import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

// One connection to the collector (issue 20): plain TCP (RFC 6587) or TLS (RFC 5425), the
// server's certificate verified against the trusted list the caller gives (the OS store
// plus the `audit.extraCertificate`, main/network/trusted-certificates.ts), TLS 1.2 or
// later. Syslog over TCP has no acknowledgement of its own, so "delivered" is decided by
// the forwarder (audit-forwarder.ts): written to this socket, and the socket still up a
// moment later.

export interface SyslogTarget {
  host: string;
  port: number;
  tls: boolean;
  /** The authorities a TLS collector's certificate may chain to. */
  ca?: readonly string[];
  connectTimeoutMs?: number;
}

/** Why the collector could not be reached: the status and the support log say it. */
export type UnreachableReason = 'refused' | 'timeout' | 'not-found' | 'certificate' | 'closed' | 'other';

export class SyslogConnectError extends Error {
  override readonly name = 'SyslogConnectError';
  constructor(
    readonly reason: UnreachableReason,
    readonly code?: string,
  ) {
    super(`syslog collector unreachable: ${reason}${code ? ` (${code})` : ''}`);
  }
}

export interface SyslogConnection {
  /** Writes the frames; resolves once the socket took them all (flushed to the kernel). */
  write(frames: readonly Buffer[]): Promise<void>;
  /** Whether the connection is still up (no error, no close or end from the collector). */
  readonly alive: boolean;
  /** Resolves when the connection goes down (error, close, or the collector ending it). */
  readonly closed: Promise<void>;
  close(): void;
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_TLS/;

export function reasonOf(error: unknown): { reason: UnreachableReason; code?: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return { reason: 'refused', code };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'not-found', code };
  if (code === 'ETIMEDOUT') return { reason: 'timeout', code };
  if (code && CERT_CODES.test(code)) return { reason: 'certificate', code };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { reason: 'closed', code };
  return code ? { reason: 'other', code } : { reason: 'other' };
}

/** `signal`: the console is stopping; a connection still being opened is given up at once. */
export function connectSyslog(target: SyslogTarget, signal?: AbortSignal): Promise<SyslogConnection> {
  const timeoutMs = target.connectTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyslogConnectError('closed'));
    const socket: Socket = target.tls
      ? tlsConnect({
          host: target.host,
          port: target.port,
          // SNI takes names only; the certificate is checked against the host either way.
          ...(isIP(target.host) ? {} : { servername: target.host }),
          ...(target.ca ? { ca: [...target.ca] } : {}),
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
        })
      : netConnect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SyslogConnectError('timeout'));
    }, timeoutMs);
    const abandon = () => failed(Object.assign(new Error('stopping'), { code: 'ECONNRESET' }));
    signal?.addEventListener('abort', abandon, { once: true });
    const failed = (error: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abandon);
      socket.destroy();
      const { reason, code } = reasonOf(error);
      reject(new SyslogConnectError(reason, code));
    };
    socket.once('error', failed);
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abandon);
      socket.off('error', failed);
      socket.setKeepAlive(true, 30_000);
      socket.setNoDelay(true);
      resolve(wrap(socket));
    });
  });
}

function wrap(socket: Socket): SyslogConnection {
  let alive = true;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  // Writes not yet taken by the socket: failed together when the connection goes down.
  const waiting = new Set<(error: Error) => void>();
  const down = () => {
    alive = false;
    for (const fail of waiting) fail(new SyslogConnectError('closed'));
    waiting.clear();
    markClosed();
  };
  socket.on('error', down);
  socket.on('close', down);
  // The collector never sends anything; its end of the stream means it went away.
  socket.on('end', () => {
    down();
    socket.destroy();
  });
  socket.on('data', () => undefined);
  return {
    get alive() {
      return alive;
    },
    closed,
    write(frames) {
      return new Promise((resolve, reject) => {
        if (!alive) return reject(new SyslogConnectError('closed'));
        if (frames.length === 0) return resolve();
        const fail = (error: Error) => reject(error);
        waiting.add(fail);
        frames.forEach((frame, i) => {
          const last = i === frames.length - 1;
          socket.write(
            frame,
            last
              ? (error) => {
                  waiting.delete(fail);
                  if (error || !alive) reject(new SyslogConnectError('closed'));
                  else resolve();
                }
              : undefined,
          );
        });
      });
    },
    close() {
      socket.destroy();
      down();
    },
  };
}
