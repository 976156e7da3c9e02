import { z } from 'zod';

// The team log's part of the one bridge table (issue 20.5): whether this console forwards
// its history to the organisation's syslog collector, how that is going, and a test event.

export type TeamLogUnreachableReason = 'refused' | 'timeout' | 'not-found' | 'certificate' | 'closed' | 'other';

/** How forwarding is going (main/audit/audit-forwarder.ts status()). */
export type TeamLogStatus = {
  /** 'delivered': nothing waits; 'waiting': events on their way; 'unreachable': the collector cannot be reached (since when, why). */
  state: 'delivered' | 'waiting' | 'unreachable';
  waiting: number;
  capacity: number;
  filling: boolean;
  full: boolean;
  /** Events dropped for want of room, not yet reported to the collector. */
  dropped: number;
  lastDeliveredAt?: string;
  unreachableSince?: string;
  problem?: { reason: TeamLogUnreachableReason; code?: string };
};

/** Not configured (no `audit` section), or configured with its status and where it sends (host:port, TLS or not). */
export type TeamLogState = { configured: false } | { configured: true; collector: string; tls: boolean; status: TeamLogStatus };

export type TeamLogTestResult = { configured: false } | { configured: true; delivered: boolean; status: TeamLogStatus };

export const AUDIT_REQUEST_SCHEMAS = {
  getTeamLogStatus: null,
  sendTeamLogTestEvent: z.strictObject({}),
} as const;

export type AuditResults = {
  getTeamLogStatus: TeamLogState;
  sendTeamLogTestEvent: TeamLogTestResult;
};
