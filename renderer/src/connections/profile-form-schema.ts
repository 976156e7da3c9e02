import { z } from 'zod';
import { Credentials, ProfileFields } from '../../../common/contract';
import type { Environment } from '../../../common/environments';

// The connection form: the contract's ProfileFields (validated as the agent types, same
// schema as main) plus the write-only key and secret. Empty key and secret mean "keep the
// stored ones" when the connection already has some; otherwise both are required,
// because the contract stores them as a pair.

export type ProfileFormValues = {
  name: string;
  environment: Environment;
  baseUrl: string;
  clientId: string;
  apiKey: string;
  apiSecret: string;
};

export const BOTH_CREDENTIALS_TO_REPLACE = 'To replace the stored credentials, enter both the API key and the API secret.';

export function profileFormSchema(hasStoredCredentials: boolean) {
  return ProfileFields.extend({ apiKey: z.string(), apiSecret: z.string() }).superRefine((values, ctx) => {
    const keepStored = hasStoredCredentials && values.apiKey === '' && values.apiSecret === '';
    if (keepStored) return;
    for (const key of ['apiKey', 'apiSecret'] as const) {
      const value = values[key];
      if (hasStoredCredentials && value === '') {
        ctx.addIssue({ code: 'custom', path: [key], message: BOTH_CREDENTIALS_TO_REPLACE });
        continue;
      }
      const checked = Credentials.shape[key].safeParse(value);
      const issue = checked.success ? undefined : checked.error.issues[0];
      if (issue) ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
    }
  });
}

export type ProfileFormOutput = z.output<ReturnType<typeof profileFormSchema>>;
