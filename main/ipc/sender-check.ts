// Only the app's own page may call the bridge. The page is loaded from one known URL
// (app://console/index.html when built, the dev server in development); anything else, such
// as a frame navigated elsewhere or an injected iframe, is refused.
export function createSenderCheck(appPageUrl: string): (senderUrl: string) => boolean {
  const expected = withoutQueryAndHash(appPageUrl);
  return (senderUrl) => {
    const actual = withoutQueryAndHash(senderUrl);
    return actual !== undefined && actual === expected;
  };
}

function withoutQueryAndHash(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.search = '';
    return url.href;
  } catch {
    return undefined;
  }
}
