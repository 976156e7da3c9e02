// The one secret scrubber (main/credentials/scrub-secrets.ts): keychain error details and
// ConsCent's own messages use it, so a secret is caught in every spelling it can take there.
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../main/credentials/scrub-secrets';

const secret = 'zq"x\\9w-secret';

describe('scrubSecrets', () => {
  it('replaces a secret in its plain form and as it is spelled inside a JSON string', () => {
    const text = `sent ${JSON.stringify({ apiSecret: secret })} and ${secret}`;
    const scrubbed = scrubSecrets(text, [secret]);
    expect(scrubbed).not.toContain('zq');
    expect(scrubbed).toBe('sent {"apiSecret":"[redacted]"} and [redacted]');
  });

  it('ignores empty secrets instead of wrecking the text', () => {
    expect(scrubSecrets('nothing to hide', ['', 'absent'])).toBe('nothing to hide');
  });
});
