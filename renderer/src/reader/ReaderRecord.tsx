import { useLayoutEffect, useRef, useState } from 'react';
import type { ProfileSummary, UpdateUserResult, UserView } from '../../../common/contract';
import { EditUserForm } from '../edit/EditUserForm';
import { FIELD_LABELS } from '../edit/field-labels';
import { rememberedSource } from '../format/format-remembered';
import { SaveOutcome } from './SaveOutcome';
import { UserDetails } from './UserDetails';

// One opened reader: what ConsCent returned (read-only) and the edit form. After a save
// both show the record the update call returned.

type ReaderRecordProps = {
  profile: ProfileSummary;
  initialView: UserView;
};

export function ReaderRecord({ profile, initialView }: ReaderRecordProps) {
  const [view, setView] = useState(initialView);
  const [lastSave, setLastSave] = useState<UpdateUserResult | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, []);

  const onSaved = (result: UpdateUserResult) => {
    // The update answer carries no subscriptions; the ones the lookup showed still hold.
    setView((previous) => (result.user.subscriptions || !previous.subscriptions ? result.user : { ...result.user, subscriptions: previous.subscriptions }));
    setLastSave(result);
  };

  return (
    <article className="reader-record">
      <section className="panel" aria-labelledby="reader-heading">
        <h2 id="reader-heading" ref={headingRef} tabIndex={-1}>
          {view.name || view.email || 'Reader without a name'}
        </h2>
        <p className="hint">
          {view.source === 'lookup'
            ? "As returned by ConsCent's lookup, which does not include the phone number, gender or address lists."
            : 'As ConsCent returned it after the update.'}
          {view.source === 'lookup' && view.remembered
            ? ` The ${view.remembered.fields.map((field) => FIELD_LABELS[field].toLowerCase()).join(', ')} shown are ${rememberedSource(view.remembered)}.`
            : null}
        </p>
        {lastSave ? <SaveOutcome result={lastSave} /> : null}
        <UserDetails view={view} />
      </section>
      <EditUserForm profile={profile} user={view} onSaved={onSaved} />
    </article>
  );
}
