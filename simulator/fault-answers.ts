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

// What a hotel or office network's sign-in page, or a base URL that points at a website,
// answers with a 200: a page for people, not the API.
const PORTAL_PAGE = `<!DOCTYPE html>
<html>
<head><title>Sign in to the network</title></head>
<body><h1>Welcome</h1><p>Please sign in to continue to the internet.</p></body>
</html>
`;

const htmlPage = (status: number) =>
  status === 502 ? GATEWAY_PAGE : status === 200 ? PORTAL_PAGE : GATEWAY_PAGE.replaceAll('502 Bad Gateway', `${status} Error`);

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

/**
 * Streams a valid JSON body of exactly `bytes` (or the smallest possible) without holding
 * it; `sent` hears the running total, so a test can see where the client stopped reading.
 */
async function streamOversized(res: ServerResponse, bytes: number, sent: (total: number) => void): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  const pad = Math.max(0, bytes - OVERSIZED_HEAD.length - OVERSIZED_TAIL.length);
  const block = 'x'.repeat(CHUNK);
  let total = 0;
  const write = (text: string) => {
    total += text.length; // ASCII only, so characters are bytes
    sent(total);
    return res.write(text);
  };
  if (!write(OVERSIZED_HEAD)) await drained(res);
  for (let left = pad; left > 0 && !res.destroyed; left -= CHUNK) {
    if (!write(left >= CHUNK ? block : block.slice(0, left))) await drained(res);
  }
  if (!res.destroyed) {
    sent(total + OVERSIZED_TAIL.length);
    res.end(OVERSIZED_TAIL);
  }
}

/** Status reported for the request log; null when nothing was answered. */
export function faultStatus(fault: Exclude<Fault, { kind: 'latency' }>): number | null {
  switch (fault.kind) {
    case 'status':
      return fault.status;
    case 'html':
      return fault.status ?? 502;
    case 'drop':
    case 'hang':
      return null;
    default:
      return 200;
  }
}

export async function answerWithFault(
  res: ServerResponse,
  fault: Exclude<Fault, { kind: 'latency' }>,
  sent: (total: number) => void = () => undefined,
): Promise<void> {
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
    case 'html': {
      const status = fault.status ?? 502;
      const page = htmlPage(status);
      res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page) });
      res.end(page);
      return;
    }
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
      await streamOversized(res, fault.bytes ?? DEFAULT_OVERSIZED_BYTES, sent);
      return;
    case 'hang':
      // Deliberately nothing: the socket stays open until the client gives up or stop().
      return;
  }
}
