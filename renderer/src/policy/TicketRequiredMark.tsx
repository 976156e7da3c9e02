import { policySettingWords } from '../errors/policy-failure-words';
import { ManagedMark } from './ManagedMark';

// After the ticket field's hint, on the review and on a bulk run: the organisation's
// policy requires a ticket or reason, said in the words its refusal uses.

export function TicketRequiredMark({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <>
      {' '}
      <ManagedMark detail={policySettingWords('requireTicket')} />
    </>
  );
}
