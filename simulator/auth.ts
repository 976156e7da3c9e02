import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseBasicAuth } from './http-io';
import type { SimClient } from './options';

export const INVALID_CREDENTIALS_MESSAGE = 'Invalid API key and secret';

export type AuthCheck = { kind: 'none' } | { kind: 'invalid' } | { kind: 'valid'; client: SimClient };

// Hash first so the comparison takes the same time whatever the lengths: the simulator
// should not teach the console's tests anything a real server would not.
const digest = (value: string) => createHash('sha256').update(value).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

export function checkAuth(req: IncomingMessage, clients: readonly SimClient[]): AuthCheck {
  const header = req.headers.authorization;
  if (header === undefined) return { kind: 'none' };
  const credentials = parseBasicAuth(header);
  if (!credentials) return { kind: 'invalid' };
  let found: SimClient | undefined;
  for (const client of clients) {
    const keyMatches = same(credentials.username, client.apiKey);
    const secretMatches = same(credentials.password, client.apiSecret);
    if (keyMatches && secretMatches) found = client;
  }
  return found ? { kind: 'valid', client: found } : { kind: 'invalid' };
}
