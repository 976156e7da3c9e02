import { z } from 'zod';
import { OBJECT_ID_PATTERN } from './api-schemas';
import { INVALID_CREDENTIALS_MESSAGE } from './auth';
import { sendJson, sendMessage } from './http-io';
import { toPurchase } from './records';
import type { RouteContext } from './route-context';
import type { PurchaseFilter } from './store';

// GET /client/purchases/subscriptions (documented): the client's purchases, newest
// first. This is how the console turns an email or a phone number into userIds.

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// A bare date as `to` means "through that day", which is what a person typing it means.
const dateParam = (name: string, endOfDay: boolean) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${name} must be a date, like 2025-05-08`)
    .transform((value) => Date.parse(value) + (endOfDay && DATE_ONLY.test(value) ? DAY_MS - 1 : 0))
    .optional();

// Invalid paging is refused rather than clamped, so a console bug shows up as an error.
const pageParam = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, `${name} must be between 1 and ${max}`)
    .optional();

const PurchaseQuery = z.object({
  userId: z.string().regex(OBJECT_ID_PATTERN, 'Invalid userId').optional(),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
  status: z.string().optional(),
  from: dateParam('from', false),
  to: dateParam('to', true),
  pageNumber: pageParam('pageNumber', Number.MAX_SAFE_INTEGER),
  pageSize: pageParam('pageSize', MAX_PAGE_SIZE),
});

export function handlePurchases({ res, query, auth, store }: RouteContext): void {
  if (auth.kind !== 'valid') return sendMessage(res, 401, INVALID_CREDENTIALS_MESSAGE);

  const raw: Record<string, string> = {};
  for (const key of PurchaseQuery.keyof().options) {
    const value = query.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  const parsed = PurchaseQuery.safeParse(raw);
  if (!parsed.success) return sendMessage(res, 400, parsed.error.issues[0]?.message ?? 'Invalid query');
  const { userId, email, phoneNumber, status, from, to } = parsed.data;

  let userIds: Set<string> | undefined;
  const narrow = (ids: string[]) => {
    userIds = new Set(userIds ? ids.filter((id) => userIds?.has(id)) : ids);
  };
  if (userId) narrow([userId.toLowerCase()]);
  if (email) narrow(store.findByEmail(email).map((user) => user.userId));
  if (phoneNumber) narrow(store.findByPhone(phoneNumber).map((user) => user.userId));

  const filter: PurchaseFilter = { clientId: auth.client.clientId, userIds, status, from, to };
  const pageSize = parsed.data.pageSize ?? DEFAULT_PAGE_SIZE;
  const pageNumber = parsed.data.pageNumber ?? 1;
  const page = store.queryPurchases(filter).slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const purchases = page.flatMap((purchase) => {
    const user = store.getUser(purchase.userId);
    return user ? [toPurchase(purchase, user)] : [];
  });
  sendJson(res, 200, { purchases });
}
