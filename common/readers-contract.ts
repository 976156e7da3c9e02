import { z } from 'zod';
import { ConnectionId } from './connections-contract';
import { HistoryEntryId, TicketOrReason } from './history-schemas';
import { ObjectId, UserChanges, type Address, type AddressEntry, type EditableField } from './user-schemas';

// The readers' part of the one bridge table (common/contract.ts joins the slices): looking
// a reader up, opening one, saving a change, and the reader as the console shows it.

/**
 * A subscription as the reader screen shows it: the fields main keeps of ConsCent's
 * answer (main/conscent/conscent-answers.ts), as a plain type so the page never builds
 * ConsCent's schemas.
 */
export type ReaderSubscription = {
  _id: string;
  subscriptionTitle?: string;
  status?: string;
  price?: number | string | { $numberDecimal: string };
  purchasedOn?: string;
  expiryDate?: string | null;
  freeTrial?: boolean;
  allowCancellation?: boolean;
  allowRenewal?: boolean;
  subscriptionType?: { physical?: boolean; digital?: boolean; adFree?: boolean };
};

export const LookupReaderRequest = z.strictObject({
  connectionId: ConnectionId,
  query: z.string().max(254, 'That search is too long.'),
  /**
   * Which search this is, counting up in the page: a newer search of the same connection
   * abandons the older one still on its way (its request is aborted in main, and it
   * answers `superseded`). Absent: the lookup is never abandoned.
   */
  searchId: z.number().int().nonnegative().optional(),
});
export type LookupReaderRequest = z.infer<typeof LookupReaderRequest>;

export type ReaderMatch = {
  userId: string;
  name?: string;
  email?: string;
  /** Subscriptions seen for this user in the purchases that matched. */
  purchases: number;
};

export type LookupReaderResult = {
  /** What the console understood the query to be, in words (e.g. "email a@b.c"). */
  understoodAs: string;
  queryKind: 'userId' | 'email' | 'phone';
  matches: ReaderMatch[];
  /**
   * When nothing matched but ConsCent does know the email or phone (a reader with no
   * purchases): purchases are the only way the API maps them to a user id. `name` when
   * ConsCent said it.
   */
  knownWithoutPurchases?: { name?: string };
  /**
   * The single match, opened from the answer the lookup already had (no further
   * request). Absent when several or none matched, or when opening needs a request of its
   * own (openReader).
   */
  opened?: ReaderView;
};

export const OpenReaderRequest = z.strictObject({ connectionId: ConnectionId, userId: ObjectId });
export type OpenReaderRequest = z.infer<typeof OpenReaderRequest>;

/**
 * A user as the console shows it. Lookup endpoints return only part of the record
 * (no phone, gender or address lists); `known` says which editable fields came back,
 * so the UI shows "not returned by ConsCent" instead of a made-up empty value.
 */
export type ReaderView = {
  userId: string;
  status?: string;
  name?: string;
  email?: string;
  countryCode?: string;
  phone?: string;
  /** One of ConsCent's genders (MALE, FEMALE, OTHERS), or whatever else it returned, shown as it is. */
  gender?: string;
  dateOfBirth?: string;
  address?: Address;
  shippingAddress?: AddressEntry[];
  billingAddress?: AddressEntry[];
  isEmailVerified?: boolean;
  isPhoneVerified?: boolean;
  createdAt?: string;
  updatedAt?: string;
  subscriptions?: ReaderSubscription[];
  known: EditableField[];
  /** Where this view came from: a lookup, or the record the update call returned. */
  source: 'lookup' | 'update';
  /**
   * Fields the lookup did not return but the console already knew, with when and how it
   * learnt them. They are also in `known` (the form starts from them); the UI labels them
   * so the agent sees they are not fresh from ConsCent. `from` says which memory filled the
   * slot: the record the newest saved change in the change history returned ('history'),
   * or, when the history has none, what an update returned in this session.
   */
  remembered?: RememberedFields;
};
export type RememberedFields = {
  /** ISO time ConsCent returned these values. */
  at: string;
  from: 'session-save' | 'history';
  fields: EditableField[];
  /** The history they came from has damage in it (issue 18): shown "from a damaged history". */
  damaged?: true;
};

export const UpdateReaderRequest = z.strictObject({
  connectionId: ConnectionId,
  userId: ObjectId,
  changes: UserChanges,
  /** The change in the history this one reverts (History → Revert this change). */
  revertOf: HistoryEntryId.optional(),
  /** The ticket or reason the agent gave (issue 20); kept in the history and sent with the audit event. */
  ticket: TicketOrReason.optional(),
});
export type UpdateReaderRequest = z.input<typeof UpdateReaderRequest>;
export type UpdateReaderResult = {
  /** The API's own message, e.g. "User Details Updated Successfully." */
  message: string;
  /** Exactly the body that was sent, so the UI can show it. */
  sent: z.infer<typeof UserChanges>;
  user: ReaderView;
};

export const READER_REQUEST_SCHEMAS = {
  lookupReader: LookupReaderRequest,
  openReader: OpenReaderRequest,
  updateReader: UpdateReaderRequest,
} as const;

export type ReaderResults = {
  lookupReader: LookupReaderResult;
  openReader: ReaderView;
  updateReader: UpdateReaderResult;
};
