import type { LookupReaderResult, ReaderMatch } from '../../common/readers-contract';
import { describeQuery, type ParsedQuery } from '../../common/lookup-query';
import type { Purchase, UserAndSubscriptionDetails } from '../conscent/conscent-answers';
import { ApiError } from '../conscent/api-error';
import type { ConsCentClient, UserSelector } from '../conscent/conscent-client';

// Finding a reader by user id, email or phone, in one round trip to ConsCent. ConsCent's
// API maps an email or phone to a user id only through purchases, so a reader without
// purchases cannot be found that way; when the details endpoint still knows them, the
// answer says so instead of "no match".
//
// By email or phone, the purchases search and the details request for the same email or
// phone run side by side: the details answer opens a single match at once, or serves the
// "known but no purchases" hint, without a second request after the first.

export interface LookupAnswer {
  result: LookupReaderResult;
  /**
   * The single match's details, when this lookup already fetched them for that very
   * reader: opening it needs no further request. Absent when a further request is needed.
   */
  single?: { userId: string; details: UserAndSubscriptionDetails };
}

export async function lookUpReaders(client: ConsCentClient, q: ParsedQuery, signal?: AbortSignal): Promise<LookupAnswer> {
  const result: LookupReaderResult = { understoodAs: describeQuery(q), queryKind: q.kind, matches: [] };
  if (q.kind === 'userId') {
    const details = await detailsOrNone(client, { userId: q.userId }, signal);
    if (!details) return { result };
    result.matches = [
      {
        userId: q.userId,
        ...optional('name', details.userdetails.name),
        ...optional('email', details.userdetails.email),
        purchases: details.userSubscriptions.length,
      },
    ];
    return { result, single: { userId: q.userId, details } };
  }

  const selector = q.kind === 'email' ? { email: q.email } : { phoneNumber: q.phone };
  const [purchases, details] = await Promise.allSettled([client.findPurchases(selector, { signal }), detailsOrNone(client, selector, signal)]);
  if (signal?.aborted) throw signal.reason;
  if (purchases.status === 'rejected') throw purchases.reason;
  result.matches = matchesOf(purchases.value.purchases);

  if (result.matches.length === 0) {
    // Only now does the details answer matter, so only now can its failure fail the search.
    if (details.status === 'rejected') throw details.reason;
    if (details.value) result.knownWithoutPurchases = optional('name', details.value.userdetails.name);
    return { result };
  }
  const [only] = result.matches;
  if (result.matches.length === 1 && only && details.status === 'fulfilled' && details.value) {
    const ownPurchases = purchases.value.purchases.filter((purchase) => purchase.userId === only.userId);
    if (sameReader(ownPurchases, details.value)) return { result, single: { userId: only.userId, details: details.value } };
  }
  return { result };
}

/**
 * Whether the details found by email/phone are the reader the purchases named. The
 * details answer carries no user id, and two accounts can share an email (ConsCent then
 * answers one of them), so it is trusted only when it lists one of that reader's
 * purchases by id (inferred: a purchase's `_id` is its subscription's `_id`). Otherwise
 * the reader is opened by user id, at the cost of one more request: never a guess.
 */
function sameReader(purchases: Purchase[], details: UserAndSubscriptionDetails): boolean {
  const subscriptionIds = new Set(details.userSubscriptions.map((subscription) => subscription._id));
  return purchases.some((purchase) => purchase._id !== undefined && subscriptionIds.has(purchase._id));
}

function matchesOf(purchases: Purchase[]): ReaderMatch[] {
  const byUser = new Map<string, ReaderMatch>();
  for (const purchase of purchases) {
    const seen = byUser.get(purchase.userId);
    if (seen) {
      seen.purchases += 1;
      continue;
    }
    byUser.set(purchase.userId, {
      userId: purchase.userId,
      ...optional('name', purchase.userName ?? undefined),
      ...optional('email', purchase.userEmail ?? undefined),
      purchases: 1,
    });
  }
  return [...byUser.values()];
}

/** The details answer, or undefined when ConsCent does not know this reader. */
async function detailsOrNone(client: ConsCentClient, selector: UserSelector, signal?: AbortSignal): Promise<UserAndSubscriptionDetails | undefined> {
  try {
    return await client.getUserAndSubscriptions(selector, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
