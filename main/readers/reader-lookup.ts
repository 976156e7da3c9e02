import type { LookupReaderResult, ReaderMatch } from '../../common/contract';
import { describeQuery, type ParsedQuery } from '../../common/lookup-query';
import { ApiError } from '../conscent/api-error';
import type { ConsCentClient } from '../conscent/conscent-client';

// Finding a reader by user id, email or phone. ConsCent's API maps an email or phone to a
// user id only through purchases, so a reader without purchases cannot be found that way;
// when the details endpoint still knows them, the answer says so instead of "no match".

export async function lookUpReaders(client: ConsCentClient, q: ParsedQuery): Promise<LookupReaderResult> {
  const result: LookupReaderResult = { understoodAs: describeQuery(q), queryKind: q.kind, matches: [] };
  if (q.kind === 'userId') {
    try {
      const details = await client.getUserAndSubscriptions({ userId: q.userId });
      result.matches = [
        {
          userId: q.userId,
          ...optional('name', details.userdetails.name),
          ...optional('email', details.userdetails.email),
          purchases: details.userSubscriptions.length,
        },
      ];
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
    }
    return result;
  }
  const selector = q.kind === 'email' ? { email: q.email } : { phoneNumber: q.phone };
  const { purchases } = await client.findPurchases(selector);
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
  result.matches = [...byUser.values()];
  if (result.matches.length === 0) {
    const known = await knownWithoutPurchases(client, selector);
    if (known) result.knownWithoutPurchases = known;
  }
  return result;
}

/** Whether the details endpoint knows this email/phone, for a helpful "not found". */
async function knownWithoutPurchases(
  client: ConsCentClient,
  selector: { email: string } | { phoneNumber: string },
): Promise<{ name?: string } | undefined> {
  try {
    const details = await client.getUserAndSubscriptions(selector);
    return optional('name', details.userdetails.name);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
