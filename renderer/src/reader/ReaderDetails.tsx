import { useEffect, type ReactNode } from 'react';
import type { ReaderView } from '../../../common/readers-contract';
import type { EditableField } from '../../../common/user-schemas';
import { formatAddressLine } from '../format/format-address';
import { Time } from '../format/Time';
import { formatDay } from '../format/times';
import { genderLabel } from '../format/format-gender';
import { rememberedSource } from '../format/format-remembered';
import { MARKS, MEASURES, measureOnPaint } from '../timing/user-timing';
import { NOT_RETURNED_MARK } from './not-returned';
import { SubscriptionsTable } from './SubscriptionsTable';

// The reader as ConsCent returned it, read-only. A field ConsCent did not return is marked
// "not returned" (the reader's head says once what that means, issue 22): an empty value
// would look like "the reader has none", which nobody knows. A value the console
// remembered (the lookup did not return it) says where it came from.

export const NOT_RETURNED_BY_LOOKUP = NOT_RETURNED_MARK;

type AddressEntry = NonNullable<ReaderView['shippingAddress']>[number];

function NotReturned() {
  return <span className="not-returned">{NOT_RETURNED_MARK}</span>;
}

const Empty = () => <span className="muted">(empty)</span>;

function Row({ label, children, remembered }: { label: string; children: ReactNode; remembered?: string | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {children}
        {remembered ? <span className="hint remembered"> ({remembered})</span> : null}
      </dd>
    </>
  );
}

function AddressList({ entries }: { entries: AddressEntry[] }) {
  if (entries.length === 0) return <span className="muted">(none)</span>;
  return (
    <ol className="address-list">
      {entries.map((entry, index) => (
        <li key={entry._id ?? index}>{formatAddressLine(entry) ?? <Empty />}</li>
      ))}
    </ol>
  );
}

function verification(flag: boolean | undefined, what: 'Email' | 'Phone'): ReactNode {
  if (flag === undefined) return <span className="not-returned">{what} verification not returned</span>;
  return flag ? (
    <span className="flag flag-yes">
      <span aria-hidden="true">✓</span> {what} verified
    </span>
  ) : (
    <span className="flag flag-no">
      <span aria-hidden="true">✗</span> {what} not verified
    </span>
  );
}

export function ReaderDetails({ view }: { view: ReaderView }) {
  // Mounted once per opened reader: the end of "search → record" or "choose → record".
  useEffect(() => {
    measureOnPaint([
      [MARKS.searchSubmitted, MEASURES.searchToRecord],
      [MARKS.readerChosen, MEASURES.chooseToRecord],
    ]);
  }, []);
  const known = new Set<EditableField>(view.known);
  const remembered = (...fields: EditableField[]) =>
    view.remembered && fields.some((field) => view.remembered?.fields.includes(field)) ? rememberedSource(view.remembered) : undefined;
  const text = (field: EditableField, value: string | undefined, format?: (v: string) => string | null) => {
    if (!known.has(field)) return <NotReturned />;
    if (!value) return <Empty />;
    return format ? (format(value) ?? value) : value;
  };
  const phone = () => {
    if (!known.has('phone') && !known.has('countryCode')) return <NotReturned />;
    const parts = [view.countryCode, view.phone].filter(Boolean).join(' ');
    return parts || <Empty />;
  };

  return (
    <div className="user-details">
      <dl className="facts">
        <Row label="User id">
          <span className="mono">{view.userId}</span>
        </Row>
        {view.status ? <Row label="Account status">{view.status}</Row> : null}
        <Row label="Name">{text('name', view.name)}</Row>
        <Row label="Email">{text('email', view.email)}</Row>
        <Row label="Phone" remembered={remembered('phone', 'countryCode')}>
          {phone()}
        </Row>
        <Row label="Gender" remembered={remembered('gender')}>
          {text('gender', view.gender, genderLabel)}
        </Row>
        <Row label="Date of birth">{text('dateOfBirth', view.dateOfBirth, formatDay)}</Row>
        <Row label="Address">{known.has('address') ? (formatAddressLine(view.address) ?? <Empty />) : <NotReturned />}</Row>
        <Row label="Shipping addresses" remembered={remembered('shippingAddress')}>
          {known.has('shippingAddress') ? <AddressList entries={view.shippingAddress ?? []} /> : <NotReturned />}
        </Row>
        <Row label="Billing addresses" remembered={remembered('billingAddress')}>
          {known.has('billingAddress') ? <AddressList entries={view.billingAddress ?? []} /> : <NotReturned />}
        </Row>
        <Row label="Verification">
          {verification(view.isEmailVerified, 'Email')}
          <br />
          {verification(view.isPhoneVerified, 'Phone')}
        </Row>
        <Row label="Created">
          <Time iso={view.createdAt} fallback={<NotReturned />} />
        </Row>
        <Row label="Last updated">
          <Time iso={view.updatedAt} fallback={<NotReturned />} />
        </Row>
      </dl>
      <h3>Subscriptions</h3>
      <SubscriptionsTable subscriptions={view.subscriptions} />
    </div>
  );
}
