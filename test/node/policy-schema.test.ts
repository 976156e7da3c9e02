import { beforeAll, describe, expect, it } from 'vitest';
import { firstProblem, PolicyFile } from '../../main/policy/policy-schema';
import { makeInspectingCa } from '../helpers/inspecting-ca';

// The admin's policy file (issue 21.1): what it accepts, and that each mistake an admin
// makes is refused with the place and the problem, never ignored.

let caCert = '';
let leafCert = '';
beforeAll(async () => {
  const ca = await makeInspectingCa('api.example.com');
  caCert = ca.caCert;
  leafCert = ca.server.cert;
});

const connection = (extra: Record<string, unknown> = {}) => ({
  id: 'acme-prod',
  name: 'Acme production',
  environment: 'production',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'acme_client',
  ...extra,
});

const problemOf = (raw: unknown): string => {
  const parsed = PolicyFile.safeParse(raw);
  expect(parsed.success).toBe(false);
  return firstProblem(parsed.error!);
};

describe('the policy schema', () => {
  it('accepts a full policy with preset connections, a proxy, a CA certificate and an audit target', () => {
    const parsed = PolicyFile.parse({
      $schema: './policy.schema.json',
      version: 1,
      connections: [
        connection({ proxy: { mode: 'manual', url: 'proxy.corp:8080' }, extraCertificate: caCert }),
        connection({ id: 'acme-sandbox', environment: 'sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1' }),
      ],
      defaultConnection: 'acme-prod',
      allowOwnConnections: false,
      minRetentionDays: 180,
      allowClearHistory: false,
      allowBulk: false,
      allowRevert: true,
      allowProductionWrites: true,
      requireTicket: true,
      audit: { host: 'syslog.corp.example', port: 6514 },
      displayNameTemplate: '{osUser} (Support)',
    });
    expect(parsed.connections?.[0]?.proxy).toEqual({ mode: 'manual', url: 'http://proxy.corp:8080' });
    // The audit target's defaults, as docs/installing.md states them.
    expect(parsed.audit).toEqual({ host: 'syslog.corp.example', port: 6514, tls: true, facility: 'local0', appName: 'conscent-console' });
  });

  it('accepts the smallest policy: only the version', () => {
    expect(PolicyFile.parse({ version: 1 })).toEqual({ version: 1 });
  });

  it('refuses a misspelt key instead of ignoring it, at the top and inside a connection', () => {
    expect(problemOf({ version: 1, allowBulks: false })).toBe('Unknown setting "allowBulks".');
    expect(problemOf({ version: 1, connections: [connection({ clientID: 'x' })] })).toBe('connections[0]: Unknown setting "clientID".');
  });

  it('refuses a key or secret in a preset connection', () => {
    expect(problemOf({ version: 1, connections: [connection({ apiKey: 'k', apiSecret: 's' })] })).toBe(
      'connections[0]: Unknown setting "apiKey", "apiSecret".',
    );
  });

  it('refuses a server’s own (leaf) certificate where a CA’s belongs, in a connection and in the audit target', () => {
    expect(problemOf({ version: 1, connections: [connection({ extraCertificate: leafCert })] })).toMatch(
      /^connections\[0\]\.extraCertificate: The certificate must be a certificate authority’s/,
    );
    expect(problemOf({ version: 1, audit: { host: 'syslog.corp', port: 6514, extraCertificate: leafCert } })).toMatch(/^audit\.extraCertificate: /);
  });

  it('refuses a plain http base URL, as a connection the agent makes', () => {
    expect(problemOf({ version: 1, connections: [connection({ environment: 'custom', baseUrl: 'http://api.example.com/api/v1' })] })).toBe(
      'connections[0].baseUrl: The base URL must use https:// (plain http is allowed only for this computer, e.g. a local simulator).',
    );
  });

  it('refuses a preset whose environment names another host', () => {
    expect(problemOf({ version: 1, connections: [connection({ environment: 'sandbox' })] })).toMatch(/^connections\[0\]\.environment: /);
  });

  it('refuses a missing or unknown version', () => {
    expect(problemOf({ allowBulk: false })).toMatch(/^version: /);
    expect(problemOf({ version: 2 })).toMatch(/^version: /);
  });

  it('refuses two connections with one id, and a default that is not one of them', () => {
    expect(problemOf({ version: 1, connections: [connection(), connection()] })).toBe('connections[1].id: Two connections share the id "acme-prod".');
    expect(problemOf({ version: 1, connections: [connection()], defaultConnection: 'other' })).toBe(
      'defaultConnection: The default connection must be the id of one of the policy’s connections.',
    );
  });

  it('refuses a retention minimum that is not a whole number of days in range', () => {
    expect(problemOf({ version: 1, minRetentionDays: 0 })).toMatch(/^minRetentionDays: /);
    expect(problemOf({ version: 1, minRetentionDays: 1.5 })).toMatch(/^minRetentionDays: /);
  });

  it('refuses a display name template with a placeholder it does not know', () => {
    expect(problemOf({ version: 1, displayNameTemplate: '{osuser}' })).toBe('displayNameTemplate: The display name template may use only {osUser}.');
  });

  it('refuses an audit target given as a URL, or with a port out of range', () => {
    expect(problemOf({ version: 1, audit: { host: 'tls://syslog.corp:6514', port: 6514 } })).toMatch(/^audit\.host: /);
    expect(problemOf({ version: 1, audit: { host: 'syslog.corp', port: 70000 } })).toMatch(/^audit\.port: /);
  });
});
