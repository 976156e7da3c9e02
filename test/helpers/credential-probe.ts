// Child process for keychain failure scenarios: GLib binds a process to one session bus,
// so each scenario runs the REAL store over the REAL keytar in its own process, with the
// scenario's environment. Reads ProbeOp[] on stdin, prints ProbeOutcome[] on stdout.
import { keychainWords } from '../../renderer/src/errors/local-failure-words';
import keytar from 'keytar';
import { z } from 'zod';
import { createKeytarCredentialStore } from '../../main/credentials/credential-store';
import { KeychainError } from '../../main/credentials/keychain-errors';
import { ProbeOp, type ProbeOutcome } from './credential-probe-protocol';

async function run(op: ProbeOp): Promise<ProbeOutcome> {
  const store = createKeytarCredentialStore(keytar);
  try {
    switch (op.op) {
      case 'get':
        return { ok: true, value: await store.get(op.connectionId) };
      case 'set':
        await store.set(op.connectionId, op.credentials);
        return { ok: true, value: null };
      case 'delete':
        return { ok: true, value: await store.delete(op.connectionId) };
      case 'list':
        return { ok: true, value: await store.listConnectionIds() };
    }
  } catch (error) {
    if (!(error instanceof Error)) return { ok: false, name: typeof error, message: String(error), serialized: '' };
    return {
      ok: false,
      name: error.name,
      reason: error instanceof KeychainError ? error.reason : undefined,
      // What the agent would read: the renderer's words for the keychain's reason.
      message: error instanceof KeychainError ? keychainWords(error.toBridgeError()) : error.message,
      detail: error instanceof KeychainError ? error.detail : undefined,
      serialized: JSON.stringify(error),
    };
  }
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const ops = z.array(ProbeOp).parse(JSON.parse(input));
  const outcomes: ProbeOutcome[] = [];
  for (const op of ops) outcomes.push(await run(op));
  process.stdout.write(JSON.stringify(outcomes));
}

main().catch((error: unknown) => {
  process.stderr.write(`credential probe failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
