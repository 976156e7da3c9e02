import type { ApiAddressEntry, UpdateUserBody } from './api-schemas';
import { freshObjectId } from './object-id';
import type { AddressListMode } from './options';
import { copyAddress, type SimPurchase, type SimUser, type StoredAddressEntry } from './records';
import type { SeedData } from './seed-data';

// The simulator's database. Lookups scan rather than index: records change under PATCH
// (email, phone) and a scan of even 100k users is far below a request's cost.

export interface PurchaseFilter {
  clientId: string;
  userIds?: ReadonlySet<string>;
  status?: string;
  from?: number;
  to?: number;
}

const createdOrder = (a: SimUser, b: SimUser) => a.createdAt.localeCompare(b.createdAt) || a.userId.localeCompare(b.userId);

export class SimStore {
  private readonly users = new Map<string, SimUser>();
  private readonly purchasesByUser = new Map<string, SimPurchase[]>();
  private readonly purchases: SimPurchase[];

  constructor(
    seed: SeedData,
    private readonly addressListMode: AddressListMode,
  ) {
    for (const user of seed.users) this.users.set(user.userId, user);
    // Newest first, as a support agent expects a purchase list.
    this.purchases = [...seed.purchases].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const purchase of this.purchases) {
      const list = this.purchasesByUser.get(purchase.userId) ?? [];
      list.push(purchase);
      this.purchasesByUser.set(purchase.userId, list);
    }
  }

  getUser(userId: string): SimUser | undefined {
    return this.users.get(userId.toLowerCase());
  }

  listUsers(): SimUser[] {
    return [...this.users.values()];
  }

  /** Oldest account first, so "the" user of an email is stable when several share it. */
  findByEmail(email: string): SimUser[] {
    const wanted = email.trim().toLowerCase();
    return this.listUsers()
      .filter((user) => user.email.toLowerCase() === wanted)
      .sort(createdOrder);
  }

  /** Digits of the local number, or with the country code in front (`91…` or `+91…`). */
  findByPhone(phoneNumber: string): SimUser[] {
    const digits = phoneNumber.startsWith('+') ? phoneNumber.slice(1) : phoneNumber;
    if (!/^\d{4,20}$/.test(digits)) return [];
    return this.listUsers()
      .filter((user) => user.phone === digits || user.countryCode.slice(1) + user.phone === digits)
      .sort(createdOrder);
  }

  purchasesOf(userId: string, clientId: string): SimPurchase[] {
    return (this.purchasesByUser.get(userId) ?? []).filter((purchase) => purchase.clientId === clientId);
  }

  queryPurchases(filter: PurchaseFilter): SimPurchase[] {
    const status = filter.status?.toUpperCase();
    return this.purchases.filter((purchase) => {
      if (purchase.clientId !== filter.clientId) return false;
      if (filter.userIds && !filter.userIds.has(purchase.userId)) return false;
      if (status && purchase.status !== status) return false;
      const at = Date.parse(purchase.createdAt);
      if (filter.from !== undefined && at < filter.from) return false;
      if (filter.to !== undefined && at > filter.to) return false;
      return true;
    });
  }

  /** Applies a validated PATCH body; undefined when the user does not exist. */
  applyChanges(userId: string, changes: UpdateUserBody, now: Date = new Date()): SimUser | undefined {
    const user = this.getUser(userId);
    if (!user) return undefined;
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.email !== undefined) user.email = changes.email;
    if (changes.countryCode !== undefined) user.countryCode = changes.countryCode;
    if (changes.phone !== undefined) user.phone = changes.phone;
    if (changes.gender !== undefined) user.gender = changes.gender;
    if (changes.dateOfBirth !== undefined) user.dateOfBirth = changes.dateOfBirth;
    if (changes.address !== undefined) user.address = copyAddress(changes.address);
    if (changes.shippingAddress !== undefined) {
      user.shippingAddress = this.mergeList(user.shippingAddress, changes.shippingAddress, now);
    }
    if (changes.billingAddress !== undefined) {
      user.billingAddress = this.mergeList(user.billingAddress, changes.billingAddress, now);
    }
    // Strictly later than before even within one millisecond, so a change is always visible.
    const previous = Date.parse(user.updatedAt);
    user.updatedAt = new Date(Math.max(now.getTime(), previous + 1)).toISOString();
    return user;
  }

  /**
   * ConsCent does not document what an address list in the body does (docs/conscent-api.md,
   * "What the API does not tell us"). Default 'replace': the list becomes exactly what was sent, entries sent
   * with an `_id` keep it and new ones get a fresh id, which is what a full-list editor
   * expects. 'append' models the other reading of the seed example (two billing entries
   * with ids minted at different times): every sent entry is added as a new entry with a
   * fresh id, so a console that resends the whole list sees duplicates come back.
   */
  private mergeList(current: StoredAddressEntry[], sent: ApiAddressEntry[], now: Date): StoredAddressEntry[] {
    const minted = new Set<string>();
    const newId = () => {
      let id = freshObjectId(now);
      while (minted.has(id)) id = freshObjectId(now);
      minted.add(id);
      return id;
    };
    if (this.addressListMode === 'append') {
      return [...current, ...sent.map((entry) => ({ ...copyAddress(entry), _id: newId() }))];
    }
    return sent.map((entry) => ({ ...copyAddress(entry), _id: entry._id?.toLowerCase() ?? newId() }));
  }
}
