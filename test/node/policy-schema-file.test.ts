import { describe, expect, it } from 'vitest';
import { POLICY_SCHEMA_PATH, policyJsonSchema } from '../../scripts/policy-schema';
import { repoText } from '../helpers/repo-files';

// docs/policy.schema.json is generated from the zod schema (scripts/policy-schema.ts):
// the committed file must be exactly what the script writes, so the two never drift.

describe('docs/policy.schema.json', () => {
  it('is what scripts/policy-schema.ts generates from the console’s own schema', async () => {
    expect(repoText(POLICY_SCHEMA_PATH)).toBe(await policyJsonSchema());
  });

  it('refuses unknown keys, as the console does', () => {
    const schema = JSON.parse(repoText(POLICY_SCHEMA_PATH)) as { additionalProperties: unknown; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version']);
  });
});
