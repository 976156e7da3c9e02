// `npm run demo`: a practice console. Starts the ConsCent simulator, puts a ready
// "Demo (local simulator)" connection in the settings and its credentials in the OS
// keychain (through the app's own modules), then launches the app. Nothing real is
// touched: the simulator holds made-up readers only.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import keytar from 'keytar';
import { KEYCHAIN_SERVICE } from '../common/product';
import { SETTINGS_FILE_NAME } from '../main/app-services';
import { defaultUserDataDir } from './app-paths';
import { createKeytarCredentialStore } from '../main/credentials/credential-store';
import { trustPathOf } from '../main/credentials/trust-path';
import { createConnectionStore } from '../main/settings/connection-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator } from '../simulator';

export const DEMO_CONNECTION_ID = 'demo-local-simulator';
export const DEMO_CONNECTION_NAME = 'Demo (local simulator)';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'user-data-dir': { type: 'string' },
    'no-launch': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const sim = await startSimulator({ port });
  const userDataDir = values['user-data-dir'] ?? defaultUserDataDir(process.platform, process.env, homedir());

  // Bound to the simulator's origin and the default trust path, as the app itself stores credentials.
  await createKeytarCredentialStore(keytar, KEYCHAIN_SERVICE).set(
    DEMO_CONNECTION_ID,
    { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
    new URL(sim.baseUrl).origin,
    trustPathOf({}),
  );
  const connections = createConnectionStore(join(userDataDir, SETTINGS_FILE_NAME));
  await connections.upsert({
    id: DEMO_CONNECTION_ID,
    name: DEMO_CONNECTION_NAME,
    environment: 'custom',
    baseUrl: sim.baseUrl,
    clientId: DEMO_CLIENT.clientId,
  });
  await connections.setActive(DEMO_CONNECTION_ID);

  console.log(`Simulator: ${sim.baseUrl}`);
  console.log(`Connection "${DEMO_CONNECTION_NAME}" is ready in ${userDataDir}; try the reader ${SEED_EXAMPLE_USER_ID}.`);
  if (values['no-launch']) {
    console.log('Not launching the app (--no-launch). Press Ctrl+C to stop the simulator.');
  } else {
    const electron = spawn(process.execPath, [require.resolve('electron/cli.js'), '.'], {
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    });
    electron.on('exit', (code) => {
      void sim.stop().then(() => process.exit(code ?? 0));
    });
  }
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
