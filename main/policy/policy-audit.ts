import { AuditSettings } from '../audit/audit-settings';
import type { PolicyGate } from './policy-gate';

// Where audit events go (issue 21.1): the policy's `audit` target when the admin sets one,
// else the settings file's `audit` section. The policy's target has the collector's
// fields; the forwarder's own knobs (outbox size, values or names, ...) keep their defaults.

export function auditSettingsUnder(
  policy: PolicyGate,
  fromSettingsFile: () => Promise<AuditSettings | undefined>,
): () => Promise<AuditSettings | undefined> {
  return async () => {
    await policy.ready();
    const target = policy.audit;
    return target ? AuditSettings.parse(target) : fromSettingsFile();
  };
}
