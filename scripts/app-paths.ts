import { join } from 'node:path';
import { PRODUCT_NAME } from '../common/product';

// Where Electron keeps this app's data folder (app.getPath('userData')), computed without
// Electron so the demo script can put a connection where the app will read it. Electron
// names the folder after package.json's productName, which is PRODUCT_NAME.

export function defaultUserDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
