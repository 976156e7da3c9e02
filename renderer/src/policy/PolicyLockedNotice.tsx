import type { PolicyView } from '../../../common/policy-contract';

// The console is locked (issue 21.1): the organisation's policy could not be used, so main
// refuses every change until IT fixes it. Said once, at the top of every screen, with the
// file and its first error for the IT admin; looking readers up still works.

export function PolicyLockedNotice({ policy }: { policy: Extract<PolicyView, { state: 'locked' }> }) {
  return (
    <section className="notice notice-error policy-locked" role="alert" aria-labelledby="policy-locked-title">
      <h2 id="policy-locked-title" className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        The console is locked: your organisation’s policy could not be used.
      </h2>
      <p className="notice-detail">
        No changes can be sent to ConsCent, and no settings can be changed, until it is fixed. You can still look readers up.
      </p>
      <dl className="policy-locked-facts">
        <dt>Policy</dt>
        <dd className="mono">{policy.path}</dd>
        <dt>First problem</dt>
        <dd className="mono">{policy.firstError}</dd>
      </dl>
      <p className="notice-detail">Ask your IT administrator to fix the policy; the console picks the fixed policy up by itself.</p>
    </section>
  );
}
