import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { UpdateReaderResult, ReaderView } from '../../../common/readers-contract';
import type { RevertPlan } from '../../../common/history-schemas';
import { damagedRevertWarning, revertValues } from '../history/revert';
import type { BridgeError } from '../../../common/result';
import { rememberedSource } from '../format/format-remembered';
import { useBridge } from '../bridge/bridge-context';
import { useCommand } from '../keyboard/commands';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { AddressSection } from './AddressSection';
import { AddressListFields } from './AddressListFields';
import { computeChanges, listKnownOnlySince, type ChangeSet } from './changes';
import { editFormSchema, type ValidChanges } from './edit-schema';
import { fieldMessages } from '../errors/local-failure-words';
import { errorPaths, formPathOfServerField } from './error-paths';
import { FormActionBar, FormNotices } from './FormActionBar';
import { toBaseline, type EditFormValues } from './form-values';
import { PhoneFields } from './PhoneFields';
import { ReviewDialog } from './ReviewDialog';
import { UNKNOWN_HINT } from './form-section';
import { NameEmailSection } from './NameEmailSection';
import { PersonalSection } from './PersonalSection';
import { SHORTCUT_LABEL, useReviewShortcut } from './use-review-shortcut';

// Edit → review → send. Values are validated as the agent types with the shared schemas
// (only what would be sent is validated). The review shows the exact body; sending locks
// the form until ConsCent answers; success resets the form to the record ConsCent
// returned; failure keeps every edit and offers "Try again".

type EditReaderFormProps = {
  connection: ConnectionSummary;
  user: ReaderView;
  onSaved: (result: UpdateReaderResult) => void;
  /** A change being reverted: the form starts from its previous values and the save links to it. */
  revert?: RevertPlan | undefined;
  /** Whether the reader screen is on show: the menu's Review Changes acts only then. */
  active?: boolean;
  /** A send that reached main did not save: its history entry is there to show. */
  onSendFailed?: (error: BridgeError) => void;
  /** Reads the reader again from ConsCent (offered after a send of unknown outcome). */
  onRefresh?: (() => void) | undefined;
  /** A ticket or reason a conscent-console:// link brought (issue 20.1): the review starts with it. */
  initialTicket?: string | undefined;
};

type Review = {
  changes: ChangeSet;
  body: ValidChanges;
  sending: boolean;
  error: BridgeError | null;
  attempt: number;
};

export { SHORTCUT_LABEL };

export function EditReaderForm({ connection, user, onSaved, revert, active = true, onSendFailed, onRefresh, initialTicket }: EditReaderFormProps) {
  const bridge = useBridge();
  const { registerUnsentCheck, confirmDiscard, reportSave } = useUnsavedChanges();
  const headingId = useId();
  const baseline = useMemo(() => toBaseline(user), [user]);
  const resolver = useMemo(() => zodResolver(editFormSchema(baseline)), [baseline]);
  const form = useForm<EditFormValues, unknown, ValidChanges>({
    resolver,
    mode: 'onChange',
    defaultValues: revert ? revertValues(baseline.values, revert) : baseline.values,
  });
  const { register, control, handleSubmit, formState, setError, setFocus, reset, getValues } = form;
  const { errors } = formState;

  const [review, setReview] = useState<Review | null>(null);
  // Kept while the agent goes back to editing, cleared once the change is saved.
  const [ticket, setTicket] = useState(initialTicket ?? '');
  const [notice, setNotice] = useState('');
  const [triedInvalid, setTriedInvalid] = useState(false);
  const [lastFailure, setLastFailure] = useState<BridgeError | null>(null);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Re-render on every edit (useWatch subscribes), then diff the complete current values.
  useWatch({ control });
  const pending = computeChanges(baseline, getValues());
  const sending = review?.sending ?? false;

  // Layout effect: registered during the commit that shows a new baseline, so a question
  // asked right after a save already compares against the record ConsCent returned.
  useLayoutEffect(() => registerUnsentCheck(() => computeChanges(baseline, getValues()).rows.length > 0), [baseline, getValues, registerUnsentCheck]);

  const openReview = handleSubmit(
    (body) => {
      setTriedInvalid(false);
      const changes = computeChanges(baseline, getValues());
      if (changes.rows.length === 0) {
        setNotice('Nothing to send: no field differs from what ConsCent returned.');
        return;
      }
      setNotice('');
      setLastFailure(null);
      setReview({ changes, body, sending: false, error: null, attempt: 0 });
    },
    () => setTriedInvalid(true),
  );

  useReviewShortcut(formRef, openReview);
  // The app menu's Review Changes (its Ctrl+Enter is answered by useReviewShortcut).
  useCommand('review', () => void openReview(), active && review === null);

  const showServerFieldErrors = (error: BridgeError): string | null => {
    let first: string | null = null;
    for (const [key, message] of Object.entries(fieldMessages(error))) {
      const path = formPathOfServerField(key);
      if (!path) continue;
      setError(path as Path<EditFormValues>, { type: 'server', message });
      first ??= path;
    }
    return first;
  };

  const send = async () => {
    if (!review || inFlight.current) return; // one request at a time, however fast the clicks
    inFlight.current = true;
    // Said to the app, so a link that arrives now waits for this save's outcome.
    reportSave(true);
    setReview({ ...review, sending: true, error: null });
    const result = await bridge.updateReader({
      connectionId: connection.id,
      userId: user.userId,
      changes: review.body,
      ...(revert ? { revertOf: revert.entry.id } : {}),
      ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
    });
    inFlight.current = false;
    if (result.ok) {
      setReview(null);
      setTicket('');
      setLastFailure(null);
      setNotice('');
      reset(toBaseline(result.value.user).values);
      onSaved(result.value);
      reportSave('saved');
      return;
    }
    setLastFailure(result.error);
    onSendFailed?.(result.error);
    if (result.error.kind === 'invalid-input') showServerFieldErrors(result.error);
    setReview({ ...review, sending: false, error: result.error, attempt: review.attempt + 1 });
    reportSave('not-saved');
  };

  const backToEditing = () => {
    const failure = review?.error;
    setReview(null);
    if (failure?.kind === 'invalid-input') {
      const first = Object.keys(fieldMessages(failure))
        .map(formPathOfServerField)
        .find((path) => path !== null);
      // After the dialog has closed and given focus back, move it to the first bad field.
      if (first) setTimeout(() => setFocus(first as Path<EditFormValues>), 0);
    }
  };

  const invalidPaths = triedInvalid ? errorPaths(errors) : [];
  const knows = (field: Parameters<typeof baseline.known.has>[0]) => baseline.known.has(field);
  const readerName = user.name || user.email || user.userId;
  const rememberedFrom = (field: Parameters<typeof baseline.known.has>[0]) =>
    baseline.remembered?.fields.includes(field) ? rememberedSource(baseline.remembered) : undefined;
  const phoneRemembered = rememberedFrom('phone') ?? rememberedFrom('countryCode');
  // Changed fields are highlighted, and their sections say "changed" in words.
  const changed = new Set(pending.rows.map((row) => row.field));
  const section = (...fields: Parameters<typeof changed.has>[0][]) => fields.some((field) => changed.has(field));

  return (
    <section className="panel edit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Edit details</h2>
      <form ref={formRef} noValidate onSubmit={(event) => event.preventDefault()} aria-labelledby={headingId}>
        <fieldset disabled={sending} className="plain-fieldset">
          <NameEmailSection form={form} knows={knows} changed={changed} />

          <PhoneFields
            form={form}
            unknownHint={knows('phone') && knows('countryCode') ? null : UNKNOWN_HINT}
            rememberedSource={phoneRemembered}
            changed={section('phone', 'countryCode')}
          />

          <PersonalSection
            form={form}
            knows={knows}
            changed={changed}
            startGender={baseline.values.gender}
            genderRemembered={rememberedFrom('gender')}
          />

          <AddressSection form={form} knows={knows} changed={changed} />

          <AddressListFields
            name="shippingAddress"
            listLabel="Shipping addresses"
            entryLabel="Shipping address"
            control={control}
            register={register}
            errors={errors}
            known={knows('shippingAddress')}
            rememberedSource={rememberedFrom('shippingAddress')}
            knownOnlySince={listKnownOnlySince(baseline, 'shippingAddress')}
            changed={section('shippingAddress')}
          />
          <AddressListFields
            name="billingAddress"
            listLabel="Billing addresses"
            entryLabel="Billing address"
            control={control}
            register={register}
            errors={errors}
            known={knows('billingAddress')}
            rememberedSource={rememberedFrom('billingAddress')}
            knownOnlySince={listKnownOnlySince(baseline, 'billingAddress')}
            changed={section('billingAddress')}
          />
        </fieldset>

        <FormNotices invalidPaths={invalidPaths} lastFailure={review ? null : lastFailure} notice={notice} onRefresh={onRefresh} />
        <FormActionBar
          changedLabels={pending.rows.map((row) => row.label)}
          sending={sending}
          onReview={() => void openReview()}
          onDiscard={() => confirmDiscard(() => reset(baseline.values))}
        />
      </form>

      {review ? (
        <ReviewDialog
          connection={connection}
          readerName={readerName}
          userId={user.userId}
          rows={review.changes.rows}
          sending={review.sending}
          error={review.error}
          attempt={review.attempt}
          onSend={() => void send()}
          onBack={backToEditing}
          onRefresh={onRefresh}
          warning={revert?.fromDamagedHistory ? damagedRevertWarning(revert.entry.id) : undefined}
          ticket={ticket}
          onTicketChange={setTicket}
        />
      ) : null}
    </section>
  );
}
