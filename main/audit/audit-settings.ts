import { z } from 'zod';
import { ExtraCertificate } from '../../common/network-settings';
import { FACILITIES, type Facility } from './syslog-message';

// The `audit` section of settings.json (issue 20; docs/installing.md): where this console
// forwards its history as syslog. Absent: nothing is forwarded and no outbox is kept.
// Nothing in it is secret (an extra CA certificate is public), so it lives in the file;
// an IT admin writes it for now, a Settings screen later.

export const DEFAULT_OUTBOX_SIZE = 100_000;

export const AuditSettings = z.strictObject({
  /** The collector: a host name or address (no scheme, no port). */
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:_[\]-]+$/),
  port: z.number().int().min(1).max(65_535).default(6514),
  /** RFC 5425 (TLS, verified against the OS store plus `extraCertificate`); false: plain TCP. */
  tls: z.boolean().default(true),
  extraCertificate: ExtraCertificate.optional(),
  facility: z.enum(Object.keys(FACILITIES) as [Facility, ...Facility[]]).default('audit'),
  appName: z
    .string()
    .regex(/^[\x21-\x7e]{1,48}$/)
    .default('conscent-console'),
  /** 'names': only which fields changed; 'values': their values before and after too. */
  values: z.enum(['names', 'values']).default('names'),
  /** Events kept waiting at most; past it the `whenFull` rule applies. */
  outboxSize: z.number().int().min(100).max(10_000_000).default(DEFAULT_OUTBOX_SIZE),
  /** 'keep-saving': changes are saved and sent, the event is dropped and counted (and warned on every save); 'refuse-saves': no change is sent until there is room. */
  whenFull: z.enum(['keep-saving', 'refuse-saves']).default('keep-saving'),
  /** How often a "head" event (count, last id, last hash of the local journal) is sent. */
  headEveryMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});
export type AuditSettings = z.infer<typeof AuditSettings>;
export type AuditSettingsInput = z.input<typeof AuditSettings>;
