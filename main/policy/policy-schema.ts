import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { POLICY_KEYS } from '../../common/errors/policy-errors';
import { ConnectionFields, ConnectionId } from '../../common/connections-contract';
import { presetProblem } from '../../common/environment-of-host';
import { MAX_RETENTION_DAYS } from '../../common/history-schemas';
import { ExtraCertificate } from '../../common/network-settings';

// The policy an IT admin sets for every console on a machine (issue 21.1; docs/installing.md
// "Managing consoles with a policy"). One schema for the policy file and for the values Group
// Policy or a macOS profile set (managed-policy.ts maps those onto these keys). Strict at
// every level: a misspelt key is an error the admin is shown, never a setting silently
// ignored. docs/policy.schema.json is generated from it (scripts/policy-schema.ts).

export const POLICY_VERSION = 1;
export const MAX_PRESET_CONNECTIONS = 20;

const isCaCertificate = (pem: string): boolean => {
  try {
    return new X509Certificate(pem).ca;
  } catch {
    return false;
  }
};

/**
 * The connections' own certificate rule (common/network-settings.ts) plus the check main
 * makes before saving one (network/certificate-info.ts checkCaCertificate): only a
 * certificate authority's, never a server's own certificate.
 */
const CaCertificate = ExtraCertificate.refine(
  isCaCertificate,
  'The certificate must be a certificate authority’s (the company root), not a server’s own certificate.',
);

/**
 * A connection the admin sets up. The same fields and rules as a connection the agent
 * makes (https only, proxy, CA-only extra certificate), plus its id: the keychain account
 * its key and secret are stored under. Never a key or a secret: those stay in each agent's
 * keychain, and a key named apiKey or apiSecret here is refused like any unknown key.
 */
export const PresetConnection = ConnectionFields.extend({
  id: ConnectionId.describe('The connection id: the keychain account its API key and secret are stored under (lowercase letters, digits, dashes).'),
  extraCertificate: CaCertificate.optional(),
}).superRefine((connection, ctx) => {
  const problem = presetProblem(connection.environment, connection.baseUrl);
  if (problem) ctx.addIssue({ code: 'custom', path: ['environment'], message: problem });
});
export type PresetConnection = z.infer<typeof PresetConnection>;

/** RFC 5424 facility names, the ones a syslog collector is configured with. */
export const SYSLOG_FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

/**
 * Where the console forwards its audit events (the team audit issue): a syslog collector.
 * Only the target lives here; the forwarder that uses it is built elsewhere.
 */
export const AuditTarget = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'The audit host is a host name or an IP address, without scheme or port.')
    .describe('The syslog collector’s host name or IP address.'),
  port: z.number().int().min(1).max(65_535).describe('The collector’s TCP port (6514 is syslog over TLS).'),
  tls: z.boolean().default(true).describe('Send over TLS (RFC 5425); default true.'),
  extraCertificate: CaCertificate.optional().describe('A certificate authority to trust for the collector, beside the OS store (PEM).'),
  facility: z.enum(SYSLOG_FACILITIES).default('local0').describe('The syslog facility of every event; default local0.'),
  appName: z
    .string()
    .regex(/^[!-~]{1,48}$/, 'The app name is 1 to 48 printable ASCII characters without spaces (RFC 5424 APP-NAME).')
    .default('conscent-console')
    .describe('The RFC 5424 APP-NAME of every event; default conscent-console.'),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

export const DISPLAY_NAME_PLACEHOLDERS = ['{osUser}'] as const;
export const MAX_DISPLAY_NAME = 80;

/** "{osUser} (Support, Pune)": the only placeholder is {osUser}; any other {…} is a typo to report. */
export const DisplayNameTemplate = z
  .string()
  .trim()
  .min(1)
  .max(MAX_DISPLAY_NAME)
  .refine((template) => (template.match(/\{[^}]*\}/g) ?? []).every((p) => (DISPLAY_NAME_PLACEHOLDERS as readonly string[]).includes(p)), {
    message: 'The display name template may use only {osUser}.',
  });

const allowed = (what: string) => z.boolean().describe(`${what} Absent: allowed.`);

export const PolicyFile = z
  .strictObject({
    $schema: z.string().optional().describe('Ignored: lets an editor find docs/policy.schema.json.'),
    version: z.literal(POLICY_VERSION).describe('The policy format’s version: 1.'),
    connections: z
      .array(PresetConnection)
      .max(MAX_PRESET_CONNECTIONS)
      .optional()
      .describe('Connections every agent gets, which agents cannot edit or delete. Never a key or secret.'),
    defaultConnection: ConnectionId.optional().describe('The id of the connection that is active on first start (one of connections).'),
    allowOwnConnections: allowed('Whether agents may add connections of their own.').optional(),
    minRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_RETENTION_DAYS)
      .optional()
      .describe('The fewest days the change history keeps entries; agents may choose more, never fewer.'),
    allowClearHistory: allowed('Whether agents may clear the change history.').optional(),
    allowBulk: allowed('Whether agents may send bulk corrections from a CSV file.').optional(),
    allowRevert: allowed('Whether agents may revert a change from the history.').optional(),
    allowProductionWrites: allowed('Whether agents may change readers on a Production connection (lookups stay allowed).').optional(),
    requireTicket: z.boolean().optional().describe('Whether every change must carry a ticket or reason. Absent: not required.'),
    audit: AuditTarget.optional().describe('Where audit events are forwarded (syslog).'),
    displayNameTemplate: DisplayNameTemplate.optional().describe(
      'How the agent is named in the history and audit events, e.g. "{osUser} (Support)". Absent: the agent chooses.',
    ),
  })
  .superRefine((policy, ctx) => {
    const ids = (policy.connections ?? []).map((c) => c.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['connections', index, 'id'], message: `Two connections share the id "${id}".` });
    });
    if (policy.defaultConnection !== undefined && !ids.includes(policy.defaultConnection)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultConnection'],
        message: 'The default connection must be the id of one of the policy’s connections.',
      });
    }
  });
export type PolicyFile = z.infer<typeof PolicyFile>;

/** The policy's settings by name, as a refusal or the UI names them ("allowBulk"): one list, in common/ for the page's words. */
export type PolicyKey = Exclude<keyof PolicyFile, '$schema' | 'version'>;
export { POLICY_KEYS };
// The list and the schema's keys are one and the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type PolicyKeysAreTheSchemas = Holds<Same<PolicyKey, (typeof POLICY_KEYS)[number]>>;

/** "connections[0].baseUrl: The base URL must use https://…": the first problem, as an admin fixes it. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The policy is not valid.';
  const where = issue.path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
  const message = issue.code === 'unrecognized_keys' ? `Unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}.` : issue.message;
  return where ? `${where}: ${message}` : message;
}
