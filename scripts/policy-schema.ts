import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { PolicyFile } from '../main/policy/policy-schema';

// Usage: npx tsx scripts/policy-schema.ts
// Writes docs/policy.schema.json, the JSON Schema of the policy file (issue 21.1), from
// the zod schema the console checks it with, so an admin's editor completes and checks
// policy.json. test/node/policy-schema-file.test.ts fails when the committed file and
// this output differ. What JSON Schema cannot say (a certificate that must be a CA's, an
// https base URL, a default connection that must be one of the connections) the console
// still checks, and names the first problem.

export const POLICY_SCHEMA_PATH = 'docs/policy.schema.json';

/** The schema as the committed file holds it: formatted as `npm run format` would. */
export async function policyJsonSchema(): Promise<string> {
  const schema = z.toJSONSchema(PolicyFile, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const described = {
    ...schema,
    $id: 'https://example.com/conscent-console/policy.schema.json',
    title: 'ConsCent Console policy',
    description: 'The machine-wide policy of ConsCent Console (docs/installing.md, "Managing consoles with a policy").',
  };
  const path = resolve(__dirname, '..', POLICY_SCHEMA_PATH);
  return format(JSON.stringify(described, null, 2), { ...(await resolveConfig(path)), filepath: path });
}

if (require.main === module) {
  void policyJsonSchema().then((text) => {
    writeFileSync(resolve(__dirname, '..', POLICY_SCHEMA_PATH), text);
    console.log(`Wrote ${POLICY_SCHEMA_PATH}`);
  });
}
