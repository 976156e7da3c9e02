import { createHash } from 'node:crypto';
import type { SubscriptionType } from './records';

// The plans every simulated client sells. Ids derive from the client id so they are the
// same on every run and differ between clients, as they would on ConsCent.

export interface Plan {
  name: string;
  /** Length of one term; free trials count in days. */
  months: number;
  days: number;
  price: number;
  freeTrial: boolean;
  type: SubscriptionType;
}

const DIGITAL: SubscriptionType = { physical: false, digital: true, adFree: false };

export const PLANS: readonly Plan[] = [
  { name: 'Digital Monthly', months: 1, days: 0, price: 99, freeTrial: false, type: DIGITAL },
  { name: 'Digital Annual', months: 12, days: 0, price: 999, freeTrial: false, type: DIGITAL },
  { name: 'Ad-free Quarterly', months: 3, days: 0, price: 299, freeTrial: false, type: { ...DIGITAL, adFree: true } },
  {
    name: 'Print + Digital Annual',
    months: 12,
    days: 0,
    price: 2499,
    freeTrial: false,
    type: { physical: true, digital: true, adFree: false },
  },
  { name: '7-day Free Trial', months: 0, days: 7, price: 0, freeTrial: true, type: DIGITAL },
];

export function stableObjectId(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

export const clientObjectId = (clientId: string) => stableObjectId('client', clientId);
export const tierId = (clientId: string, plan: Plan) => stableObjectId('tier', clientId, plan.name);

export function planEnd(plan: Plan, start: Date): Date {
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + plan.months);
  end.setUTCDate(end.getUTCDate() + plan.days);
  return end;
}
