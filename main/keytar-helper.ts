import * as keytar from 'keytar';
import { KeytarRequest, type KeytarAnswer } from './credentials/keytar-helper-protocol';

// A process that only runs keytar calls for main (issue 17.5). Main starts a fresh one when
// its own libsecret connection has gone stale after a restart of the keychain service (see
// credentials/keytar-reconnect.ts). Started by Electron's utilityProcess (messages on
// process.parentPort) or, in tests and the preview, by Node's fork (process.send).

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

async function answer(raw: unknown): Promise<KeytarAnswer | null> {
  const parsed = KeytarRequest.safeParse(raw);
  if (!parsed.success) return null;
  const { id, operation, args } = parsed.data;
  try {
    const [a = '', b = '', c = ''] = args;
    const value =
      operation === 'getPassword'
        ? await keytar.getPassword(a, b)
        : operation === 'setPassword'
          ? await keytar.setPassword(a, b, c)
          : operation === 'deletePassword'
            ? await keytar.deletePassword(a, b)
            : await keytar.findCredentials(a);
    // undefined (setPassword's answer) would not survive the message: null instead.
    return { id, ok: true, value: value ?? null };
  } catch (error) {
    return { id, ok: false, message: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
  }
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.on('message', (message) => void answer(message.data).then((reply) => reply && parentPort.postMessage(reply)));
} else {
  process.on('message', (message) => void answer(message).then((reply) => reply && process.send?.(reply)));
  // Forked by Node: gone with its parent, whose pipe closes.
  process.on('disconnect', () => process.exit(0));
}
