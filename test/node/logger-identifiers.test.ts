import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, type LogFields } from '../../main/logging/logger';
import { redact } from '../../main/logging/redact';
import { tempFolders } from '../helpers/temp-folders';

const tempDir = tempFolders('cc-log-ids-');

// The support log names readers and connections by their ids, untouched, and keeps
// personal data out by the field it sits in as well as by its shape (issue 8, item 5):
// the phone pattern used to turn a connection id into "775887fb-9f[phone]b90-…", while a
// reader's name, which has no shape, went through as it was.

const CONNECTION_ID = '775887fb-9f03-4120-8b90-1a2b3c4d5e6f';
const USER_ID = '650123456789abcdef012345';

function logged(fields: LogFields, event = 'reader.updated'): Record<string, unknown> {
  const dir = tempDir();
  createFileLogger({ dir }).info(event, fields);
  return JSON.parse(readFileSync(join(dir, 'console.log'), 'utf8').trim()) as Record<string, unknown>;
}

describe('identifiers are logged as identifiers', () => {
  it('keeps a connection id (UUID), a user id (ObjectId with a long digit run) and a slug id exactly', () => {
    const line = logged({ connectionId: CONNECTION_ID, userId: USER_ID, id: 'p-sandbox', clientId: 'Client_01' });
    expect(line).toMatchObject({ connectionId: CONNECTION_ID, userId: USER_ID, id: 'p-sandbox', clientId: 'Client_01' });
  });

  it('keeps ids inside free text too, while a phone number beside them is still removed', () => {
    const line = logged({ detail: `connection ${CONNECTION_ID} reader ${USER_ID} called from +91 98765 43210` }, `update ${USER_ID}`);
    expect(line.detail).toBe(`connection ${CONNECTION_ID} reader ${USER_ID} called from [phone]`);
    expect(line.event).toBe(`update ${USER_ID}`);
  });

  it('does not trust the key alone: a phone number or an email under an id key is still removed', () => {
    const line = logged({ userId: '9876543210', id: 'jane@example.com', connectionId: '+91 98765 43210' });
    expect(line).toMatchObject({ userId: '[phone]', id: '[email]', connectionId: '[phone]' });
  });

  it('a long all-digit run is not taken for a user id', () => {
    expect(redact('ref 919876543210919876543210')).toBe('ref [phone]');
  });
});

describe('personal data is removed by the key it sits under', () => {
  it.each([
    ['name', 'Jane Doe', '[name]'],
    ['readerName', 'Jane Doe', '[name]'],
    ['full_name', 'Jane Doe', '[name]'],
    ['email', 'not-an-email-shape', '[email]'],
    ['phone', '98765', '[phone]'],
    ['secondaryPhoneNumber', 43210, '[phone]'],
    ['address', '12 Lake Road', '[address]'],
    ['shippingAddress.city', 'Mysuru', '[address]'],
    ['pincode', '560001', '[address]'],
    ['dateOfBirth', '1990-01-01', '[personal]'],
    ['gender', 'FEMALE', '[personal]'],
  ])('%s: %s is written as %s', (key, value, placeholder) => {
    const line = logged({ [key]: value });
    expect(line[key]).toBe(placeholder);
    expect(JSON.stringify(line)).not.toContain(String(value));
  });

  it('keeps what says nothing about the reader: yes/no flags, field lists, kinds and counts', () => {
    const line = logged({ isPhoneVerified: true, fields: 'name,email,phone', kind: 'timeout', matches: 2, operation: 'updateReader' });
    expect(line).toMatchObject({ isPhoneVerified: true, fields: 'name,email,phone', kind: 'timeout', matches: 2, operation: 'updateReader' });
  });

  it('removes personal members of JSON quoted in free text, and secrets under secret keys', () => {
    const body = JSON.stringify({
      message: 'User Details Updated Successfully.',
      userData: { userId: USER_ID, name: 'Jane "JD" Doe', address: { city: 'Mysuru', pincode: 560001 }, apiSecret: 'zzz-top' },
    });
    const written = redact(`ConsCent said ${body}`);
    for (const personal of ['Jane', 'Doe', 'Mysuru', '560001', 'zzz-top']) expect(written).not.toContain(personal);
    expect(written).toContain(`"userId":"${USER_ID}"`);
    expect(written).toContain('"name":"[name]"');
    expect(written).toContain('"city":"[address]"');
    expect(written).toContain('"pincode":"[address]"');
    expect(written).toContain('"apiSecret":"[redacted]"');
    expect(written).toContain('User Details Updated Successfully.');
  });
});
