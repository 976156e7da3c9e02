// The one secret scrubber of the main process: keychain error details and ConsCent's own
// messages go through it before they are kept, logged or shown. (The support log is never
// handed the secrets; logging/redact.ts removes credentials by their shape instead.)

export const SECRET_PLACEHOLDER = '[redacted]';

/**
 * `text` with every occurrence of each secret replaced by [redacted], in its plain form
 * and as it appears inside a JSON string (the keychain entry is JSON, and error texts
 * quote it so). Run before cutting text short, so a cut cannot leave half a secret.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      result = result.split(form).join(SECRET_PLACEHOLDER);
    }
  }
  return result;
}
