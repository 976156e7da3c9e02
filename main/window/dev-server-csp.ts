// In development the page comes from the Vite dev server, whose responses carry no CSP.
// This adds the development policy to the dev server's responses so the page runs under
// (almost) the same rules as the packaged app, and CSP mistakes show up early.

export type ResponseHeaders = Record<string, string | string[]>;
export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: ResponseHeaders;
}
export type HeadersReceivedResponse = { responseHeaders?: ResponseHeaders };

export interface WebRequestLike {
  onHeadersReceived(
    filter: { urls: string[] },
    listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void,
  ): void;
}

/** The response headers with the policy set, replacing any policy header already there. */
export function withCspHeader(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

export function installDevServerCsp(webRequest: WebRequestLike, devServerOrigin: string, csp: string): void {
  const origin = new URL(devServerOrigin).origin;
  webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    // The filter is a glob; checked again so only this exact origin is touched.
    if (sameOrigin(details.url, origin)) callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
    else callback({});
  });
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
