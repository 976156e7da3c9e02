import { MANAGED_LABEL } from './policy-text';

// "Set by your organisation" beside a setting the policy fixes (issue 21.1), with what it
// means when there is more to say (e.g. "at least 400 days"). One mark, one sentence, on
// every screen: docs/using.md explains it.

export function ManagedMark({ detail, id }: { detail?: string; id?: string }) {
  return (
    <span className="managed-mark" {...(id ? { id } : {})}>
      {MANAGED_LABEL}
      {detail ? `: ${detail}` : ''}
    </span>
  );
}
