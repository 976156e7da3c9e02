import { join } from 'node:path';
import { PRODUCT_NAME } from '../common/product';

// Where Electron keeps this app's data folder (app.getPath('userData')), computed without
// Electron, for scripts that must know where the app keeps its settings. Electron
// names the folder after package.json's productName, which is PRODUCT_NAME.

export function defaultUserDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

/**
 * The demo's own data folder, beside the app's (`ConsCent Console Demo`): `npm run demo`
 * launches the app on it with --user-data-dir, so the demo connection never lands in,
 * or becomes the active connection of, the agent's real settings.
 */
export function demoUserDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  return `${defaultUserDataDir(platform, env, home)} Demo`;
}
