import { isLoopbackHost } from '../../common/environments';
import { APP_PAGE_URL } from './app-protocol';

// Where the window's page comes from. Packaged: always the app:// page. In development
// electron-vite sets ELECTRON_RENDERER_URL to its dev server. That variable is ignored
// when packaged and accepted only for a loopback http(s) origin, because whatever page
// is loaded here is the page the IPC sender check trusts with the bridge.

export type AppPage = { kind: 'bundled'; url: string } | { kind: 'dev-server'; url: string; origin: string };

export function resolveAppPage(options: { isPackaged: boolean; devServerUrl: string | undefined }): AppPage {
  if (options.isPackaged || !options.devServerUrl) return { kind: 'bundled', url: APP_PAGE_URL };
  const url = parseDevServerUrl(options.devServerUrl);
  if (!url) {
    throw new Error('ELECTRON_RENDERER_URL must be an http(s) URL on a loopback host, such as localhost, 127.0.0.1 or [::1].');
  }
  return { kind: 'dev-server', url: url.href, origin: url.origin };
}

function parseDevServerUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const httpish = url.protocol === 'http:' || url.protocol === 'https:';
  if (!httpish || !isLoopbackHost(url.hostname) || url.username || url.password) return undefined;
  url.search = '';
  url.hash = '';
  return url;
}
