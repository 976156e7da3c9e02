import { createInterface } from 'node:readline';
import { createAppBridgeHandlers } from '../../main/app-services';
import type { KeytarLike } from '../../main/credentials/credential-store';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';

// Run by user-data-lock.test.ts in its own process: a console's main services over the
// user-data folder given, wired exactly as the app wires them. Each stdin line is a bridge
// call `{"op": ..., "payload": ...}`; each answer goes to stdout as one JSON line. It exits
// when stdin closes (the console quits) or when it is killed.

const entries = new Map<string, string>();
const keytar: KeytarLike = {
  getPassword: async (service, account) => entries.get(`${service}\n${account}`) ?? null,
  setPassword: async (service, account, password) => void entries.set(`${service}\n${account}`, password),
  deletePassword: async (service, account) => entries.delete(`${service}\n${account}`),
  findCredentials: async () => [],
};

const [userDataDir, logDir] = process.argv.slice(2);
if (!userDataDir || !logDir) throw new Error('usage: user-data-console-child <userDataDir> <logDir>');
const handlers = createAppBridgeHandlers({ userDataDir, logDir, keytar });

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const { op, payload } = JSON.parse(line) as { op: keyof BridgeHandlers; payload?: unknown };
    const result = await handlers[op](payload);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
});
lines.on('close', () => void queue.then(() => process.exit(0)));
process.stdout.write('ready\n');
