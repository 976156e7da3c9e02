import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';

// The packaged renderer is served from app://console/… rather than file://, so the page
// has a real origin (the one the IPC sender check trusts), file:// is never given any
// privilege, and every response carries the CSP header. Only files inside the built
// renderer folder, of known types, are served; everything else is a 404.

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before app ready. standard: real origin and relative URL resolution;
 * secure: a secure context like https; corsEnabled: Vite emits `<script type="module"
 * crossorigin>`, which is fetched in CORS mode. Nothing else (no fetch API, service
 * workers, streaming, or CSP bypass).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, corsEnabled: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export type AppFile = { ok: true; filePath: string; contentType: string } | { ok: false };

const NOT_FOUND: AppFile = { ok: false };
// Percent-encoded '.', '/', '\' and NUL: never needed by our own asset names, and the
// raw material of traversal tricks, so refused before decoding.
const SUSPICIOUS_ENCODING = /%(2e|2f|5c|00)/i;

/** Maps an app:// request URL to a file inside `rootDir`, or not found. */
export function resolveAppRequest(requestUrl: string, rootDir: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return NOT_FOUND;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return NOT_FOUND;
  if (url.port || url.username || url.password) return NOT_FOUND;
  if (SUSPICIOUS_ENCODING.test(url.pathname)) return NOT_FOUND;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return NOT_FOUND;
  }
  if (pathname === '/') pathname = '/index.html';
  if (!pathname.startsWith('/')) return NOT_FOUND;

  const segments = pathname.slice(1).split('/');
  if (!segments.every(isPlainSegment)) return NOT_FOUND;

  const contentType = CONTENT_TYPES[extname(pathname).toLowerCase()];
  if (!contentType) return NOT_FOUND;

  const root = resolve(rootDir);
  const filePath = join(root, ...segments);
  if (!isInside(root, filePath)) return NOT_FOUND;
  return { ok: true, filePath, contentType };
}

/** A file or folder name: no empty, dot or hidden names, separators, drive letters or NUL. */
function isPlainSegment(segment: string): boolean {
  return segment.length > 0 && !segment.startsWith('.') && !/[\\/:\0]/.test(segment);
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function appResponseHeaders(contentType: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export interface AppProtocolOptions {
  rootDir: string;
  csp: string;
  /** Injected for tests; default node:fs/promises. */
  readFile?: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

export type AppProtocolRequest = { url: string; method: string };

/** The `protocol.handle(APP_SCHEME, …)` handler. Never puts a path or error in a response. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppProtocolRequest) => Promise<Response> {
  const readFile = options.readFile ?? ((path: string) => fsReadFile(path));
  const plain = (status: number, text: string, extra: Record<string, string> = {}) =>
    new Response(text, {
      status,
      headers: { ...appResponseHeaders('text/plain; charset=utf-8', options.csp), ...extra },
    });

  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });

    const file = resolveAppRequest(request.url, options.rootDir);
    if (!file.ok) return plain(404, 'Not found');
    // Containment is checked on the path, not with realpath: the folder is our own build
    // output inside app.asar, where symlinks are not a concern and realpath support is
    // Electron's asar shim rather than the file system.
    try {
      const data = await readFile(file.filePath);
      const headers = appResponseHeaders(file.contentType, options.csp);
      return new Response(method === 'HEAD' ? null : data, { status: 200, headers });
    } catch (error) {
      return isMissing(error) ? plain(404, 'Not found') : plain(500, 'Could not read the file');
    }
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
