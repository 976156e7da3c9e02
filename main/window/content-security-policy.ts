// The renderer's Content-Security-Policy. It is sent as a response header by the app://
// protocol handler (and, in development, added to the dev server's responses). The build
// also writes it into index.html as a meta tag (electron.vite.config.ts); the dev server
// gets no meta tag, because Vite's dev-only inline scripts need the looser dev header.
//
// The page talks to nothing but main (over IPC), so it may load only its own bundled
// files and may connect nowhere. No 'unsafe-eval' anywhere: nothing we ship needs it.
// style-src has no 'unsafe-inline' in production: React applies `style={...}` props
// through the CSSOM (element.style), which CSP does not restrict; only <style> elements
// and style="" markup would need it, and the built bundle emits CSS files instead.

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

const PRODUCTION: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

/** The policy for the packaged app. */
export function productionCsp(): string {
  return serializeCsp(PRODUCTION);
}

/**
 * The same policy for the built index.html's <meta> tag, a second line of defence should
 * the page ever be loaded without our header. frame-ancestors is not allowed in a meta
 * policy (browsers ignore it and warn), so it stays header-only.
 */
export function productionMetaCsp(): string {
  const { 'frame-ancestors': _headerOnly, ...meta } = PRODUCTION;
  return serializeCsp(meta);
}

/**
 * The policy while running against the Vite dev server. Differences, all dev-only:
 * the HMR websocket (connect-src: that one origin, not a wildcard), the react-refresh
 * preamble Vite inlines into index.html (script-src 'unsafe-inline') and the <style>
 * elements Vite injects for CSS (style-src 'unsafe-inline').
 */
export function developmentCsp(devServerUrl: string): string {
  const url = new URL(devServerUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('The dev server URL must be http or https.');
  }
  const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return serializeCsp({
    ...PRODUCTION,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", socket],
  });
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}
