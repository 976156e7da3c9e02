// `npm run demo`: a practice console. Checks for Electron as `npm start` does, starts the
// ConsCent simulator, puts a ready "Demo (local simulator)" connection in the demo's own
// data folder and its credentials in the OS keychain (through the app's own modules), then
// builds and launches the app on that folder. The agent's real settings are never read
// or written: the app runs with --user-data-dir pointing at the demo folder. Nothing real
// is touched: the simulator holds made-up readers only. Failures are told in the app's
// own sentences (renderer/src/errors).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import keytar from 'keytar';
import { KEYCHAIN_SERVICE } from '../common/product';
import { SETTINGS_FILE_NAME } from '../main/app-paths';
import { createKeytarCredentialStore } from '../main/credentials/credential-store';
import { trustPathOf } from '../main/credentials/trust-path';
import { ConsoleFailure } from '../main/errors/console-failure';
import { createSettingsStore } from '../main/settings/settings-store';
import { explainErrorText } from '../renderer/src/errors/explain-error';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator } from '../simulator';
import { demoUserDataDir } from './app-paths';
import { buildApp, ensureElectron, launchApp } from './launch-app';

export const DEMO_CONNECTION_ID = 'demo-local-simulator';
export const DEMO_CONNECTION_NAME = 'Demo (local simulator)';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'user-data-dir': { type: 'string' },
    'no-launch': { type: 'boolean', default: false },
  },
});

/** A failure as the agent reads it in the app, else its plain message. */
function describe(error: unknown): string {
  if (!(error instanceof ConsoleFailure)) return error instanceof Error ? error.message : String(error);
  return explainErrorText(error.toBridgeError(), 'save-connection');
}

async function main(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const launch = !values['no-launch'];
  // Checked before anything is set up, as `npm start` does: no Electron, nothing to undo.
  const binary = launch ? ensureElectron('npm run demo') : undefined;
  if (launch && !binary) {
    process.exitCode = 1;
    return;
  }
  if (launch && buildApp() !== 0) {
    process.exitCode = 1;
    return;
  }

  const sim = await startSimulator({ port });
  const stop = (code: number) => void sim.stop().then(() => process.exit(code));
  const userDataDir = resolve(values['user-data-dir'] ?? demoUserDataDir(process.platform, process.env, homedir()));
  try {
    // Bound to the simulator's origin and the default trust path, as the app itself stores credentials.
    await createKeytarCredentialStore(keytar, KEYCHAIN_SERVICE).set(
      DEMO_CONNECTION_ID,
      { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      new URL(sim.baseUrl).origin,
      trustPathOf({}),
    );
    const connections = createSettingsStore(join(userDataDir, SETTINGS_FILE_NAME));
    await connections.upsert({
      id: DEMO_CONNECTION_ID,
      name: DEMO_CONNECTION_NAME,
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: DEMO_CLIENT.clientId,
    });
    await connections.setActive(DEMO_CONNECTION_ID);
  } catch (error) {
    console.error(`demo: ${describe(error)}`);
    stop(1);
    return;
  }

  console.log(`Simulator: ${sim.baseUrl}`);
  console.log(`Connection "${DEMO_CONNECTION_NAME}" is ready in the demo's own folder ${userDataDir}; try the reader ${SEED_EXAMPLE_USER_ID}.`);
  if (binary) {
    const app = launchApp(binary, [`--user-data-dir=${userDataDir}`]);
    app.on('exit', (code) => stop(code ?? 0));
  } else {
    console.log(`Not launching the app (--no-launch). To open it on the demo folder: npx electron . --user-data-dir="${userDataDir}"`);
    console.log('Press Ctrl+C to stop the simulator.');
  }
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
}

main().catch((error: unknown) => {
  console.error(`demo: ${describe(error)}`);
  process.exit(1);
});
