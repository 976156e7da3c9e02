import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { INVALID_CREDENTIALS_MESSAGE } from './auth';
import { sendMessage } from './http-io';
import { DEFAULT_OVERSIZED_BYTES, DEFAULT_RETRY_AFTER_SECONDS, type Fault } from './options';

// Answers that stand in for the real one: what a gateway, a rate limiter or a broken
// deployment in front of ConsCent could send.

const STATUS_MESSAGES = {
  401: INVALID_CREDENTIALS_MESSAGE,
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too many requests, please try again later.',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
} as const;

const GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const OVERSIZED_HEAD = '{"message":"This response is deliberately oversized.","padding":"';
const OVERSIZED_TAIL = '"}';
const CHUNK = 64 * 1024;

// 'close' as well: a client that gives up must not leave the writer waiting forever.
async function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return;
  const abort = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: abort.signal }), once(res, 'close', { signal: abort.signal })]);
  } catch {
    // An error or an abort both end the stream; the caller sees res.destroyed.
  } finally {
    abort.abort();
  }
}

/** Streams a valid JSON body of exactly `bytes` (or the smallest possible) without holding it. */
async function streamOversized(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  const pad = Math.max(0, bytes - OVERSIZED_HEAD.length - OVERSIZED_TAIL.length);
  const block = 'x'.repeat(CHUNK);
  if (!res.write(OVERSIZED_HEAD)) await drained(res);
  for (let left = pad; left > 0 && !res.destroyed; left -= CHUNK) {
    if (!res.write(left >= CHUNK ? block : block.slice(0, left))) await drained(res);
  }
  if (!res.destroyed) res.end(OVERSIZED_TAIL);
}

/** Status reported for the request log; null when nothing was answered. */
export function faultStatus(fault: Exclude<Fault, { kind: 'latency' }>): number | null {
  switch (fault.kind) {
    case 'status':
      return fault.status;
    case 'html':
      return 502;
    case 'drop':
    case 'hang':
      return null;
    default:
      return 200;
  }
}

export async function answerWithFault(res: ServerResponse, fault: Exclude<Fault, { kind: 'latency' }>): Promise<void> {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> =
        fault.status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) } : {};
      sendMessage(res, fault.status, STATUS_MESSAGES[fault.status], headers);
      return;
    }
    case 'drop':
      res.socket?.destroy();
      return;
    case 'html':
      res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(GATEWAY_PAGE) });
      res.end(GATEWAY_PAGE);
      return;
    case 'malformed-json': {
      const broken = '{"message":"User Details Updated Successfully.","userData":{"userId":"681c74b2333e1';
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': broken.length });
      res.end(broken);
      return;
    }
    case 'wrong-shape': {
      const body = JSON.stringify({ success: true, data: { items: 'unexpected' } });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
      res.end(body);
      return;
    }
    case 'oversized':
      await streamOversized(res, fault.bytes ?? DEFAULT_OVERSIZED_BYTES);
      return;
    case 'hang':
      // Deliberately nothing: the socket stays open until the client gives up or stop().
      return;
  }
}
