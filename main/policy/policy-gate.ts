import { PolicyError, type PolicyFacts } from './policy-error';
import { MAX_DISPLAY_NAME, type AuditTarget, type PolicyKey, type PresetConnection } from './policy-schema';
import type { PolicySource, PolicyState } from './policy-source';

// What the services ask of the admin's policy (issue 21.1). Each question answers from the
// policy as it is now (it may change while the console runs). A refusal is data naming the
// key that refuses (the page says "Set by your organisation" and which setting); while the
// policy is locked (it failed to load) every write is refused with its path and first error.
// Lookups are never refused: the policy governs what an agent may change.

/** undefined: allowed. */
export type Refusal = PolicyFacts | undefined;

export type WriteKind = { production: boolean; bulk: boolean; revert: boolean };

export interface PolicyGate {
  /** Resolves once the policy has been read at start-up; a service awaits it before asking. */
  ready(): Promise<void>;
  state(): PolicyState;
  /** The keys the policy sets: the fields the page shows as "Set by your organisation". */
  fixed(): PolicyKey[];
  mayAddConnection(): Refusal;
  /** Editing or deleting a connection: refused for the policy's own connections. */
  mayChangeConnection(id: string): Refusal;
  mayClearHistory(): Refusal;
  /** A retention shorter than the policy's minimum is refused. */
  mayKeepHistoryFor(days: number): Refusal;
  readonly minRetentionDays: number | undefined;
  mayWrite(kind: WriteKind): Refusal;
  readonly ticketRequired: boolean;
  readonly presetConnections: readonly PresetConnection[];
  readonly defaultConnection: string | undefined;
  /** Where audit events go when the policy says (it then wins over settings.json's `audit`). */
  readonly audit: AuditTarget | undefined;
  /** The agent's name as the template makes it; undefined when the policy leaves it to the agent. */
  displayName(osUser: string): string | undefined;
  /** Throws the refusal as a PolicyError, for a service that refuses by throwing. */
  check(refusal: Refusal): void;
}

export function createPolicyGate(source: Pick<PolicySource, 'current'> & { ready?: () => Promise<void> }): PolicyGate {
  const policy = () => {
    const state = source.current();
    return state.status === 'active' ? state.policy : undefined;
  };
  const locked = (): Refusal => {
    const state = source.current();
    return state.status === 'locked' ? { kind: 'policy', reason: 'policy-invalid', path: state.path, firstError: state.firstError } : undefined;
  };
  /** A write governed by a yes/no key: refused when locked, or when the key says false. */
  const allowedBy = (key: PolicyKey & `allow${string}`): Refusal =>
    locked() ?? (policy()?.[key] === false ? { kind: 'policy', reason: 'forbidden', key } : undefined);

  return {
    ready: () => source.ready?.() ?? Promise.resolve(),
    state: () => source.current(),
    fixed: () => {
      const state = source.current();
      return state.status === 'active' ? [...state.fixed] : [];
    },
    mayAddConnection: () => allowedBy('allowOwnConnections'),
    mayChangeConnection: (id) =>
      locked() ?? (policy()?.connections?.some((c) => c.id === id) ? { kind: 'policy', reason: 'forbidden', key: 'connections' } : undefined),
    mayClearHistory: () => allowedBy('allowClearHistory'),
    mayKeepHistoryFor(days) {
      const min = policy()?.minRetentionDays;
      return locked() ?? (min !== undefined && days < min ? { kind: 'policy', reason: 'forbidden', key: 'minRetentionDays' } : undefined);
    },
    get minRetentionDays() {
      return policy()?.minRetentionDays;
    },
    mayWrite({ production, bulk, revert }) {
      return (
        locked() ??
        (production ? allowedBy('allowProductionWrites') : undefined) ??
        (bulk ? allowedBy('allowBulk') : undefined) ??
        (revert ? allowedBy('allowRevert') : undefined)
      );
    },
    get ticketRequired() {
      return policy()?.requireTicket === true;
    },
    get presetConnections() {
      return policy()?.connections ?? [];
    },
    get defaultConnection() {
      return policy()?.defaultConnection;
    },
    get audit() {
      return policy()?.audit;
    },
    displayName(osUser) {
      const template = policy()?.displayNameTemplate;
      if (template === undefined) return undefined;
      return template.replaceAll('{osUser}', osUser).trim().slice(0, MAX_DISPLAY_NAME);
    },
    check(refusal) {
      if (refusal) throw new PolicyError(refusal);
    },
  };
}

/** A gate for a console with no policy (tests, and wiring that has none): everything allowed. */
export const NO_POLICY: PolicyGate = createPolicyGate({ current: () => ({ status: 'none' }) });
