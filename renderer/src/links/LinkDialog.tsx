import { environmentOfHost } from '../../../common/environment-of-host';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeLink, type LinkQuestion } from './link-question';

// The one question a link asks (link-question.ts says when): every reason is said in its
// own sentence, and the safe answer ("Stay here" / "Keep editing") leaves everything as it
// was: connection, reader, edits.

type LinkDialogProps = { question: LinkQuestion; onOpen: () => void; onStay: () => void };

export function LinkDialog({ question, onOpen, onStay }: LinkDialogProps) {
  const { link, target, from, production, unsent, replaced, afterSave } = question;
  const title = production
    ? `Switch to the Production connection “${target.name}”?`
    : unsent
      ? 'Discard unsent changes?'
      : 'Open the reader from the link?';
  const confirmLabel = production ? 'Switch to Production and open' : unsent ? 'Discard changes and open' : 'Open the reader';
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      cancelLabel={unsent ? 'Keep editing' : 'Stay here'}
      destructive={production || unsent}
      onConfirm={onOpen}
      onCancel={onStay}
    >
      <p>A link from a ticket asks to look up the reader with {describeLink(link)}.</p>
      {replaced.length > 0 ? (
        <p>
          It replaced {replaced.length === 1 ? 'an earlier link' : `${replaced.length} earlier links`} that arrived while this question was open (
          {replaced.map(describeLink).join('; ')}), which {replaced.length === 1 ? 'was' : 'were'} not opened. Open{' '}
          {replaced.length === 1 ? 'it' : 'them'} again from the ticket if you still need {replaced.length === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {afterSave ? (
        <p>
          It arrived while your changes were being sent, so the console waited for ConsCent’s answer:{' '}
          {afterSave === 'saved' ? 'the changes were saved.' : 'the changes were not saved (the review says why).'}
        </p>
      ) : null}
      {production ? (
        <p>
          Opening it switches the active connection{from ? ` from “${from.name}”` : ''} to “{target.name}”, a Production connection at{' '}
          <strong>{environmentOfHost(target.baseUrl).host}</strong>: changes there affect real readers.
        </p>
      ) : null}
      {unsent ? <p>The changes you made to this reader have not been sent to ConsCent. If you open the link, they are lost.</p> : null}
    </ConfirmDialog>
  );
}
