import { describe, expect, it } from 'vitest';
import { formatSyslogMessage, frameOctetCounted, parseSyslogMessage } from '../../main/audit/syslog-message';

// RFC 5424 messages and RFC 6587 octet counting, as a collector reads them.

const header = {
  facility: 'local4' as const,
  severity: 'warning' as const,
  timestamp: '2026-12-03T12:02:00.123Z',
  hostname: 'desk 12',
  appName: 'conscent-console',
  procId: '4242',
  msgId: 'history-cleared',
};

describe('syslog message', () => {
  it('writes the RFC 5424 header, one SD element and the message after a BOM', () => {
    const message = formatSyslogMessage({ ...header, params: { eventId: 'a1-7', note: 'say "hi" \\ [ok]' } }, '{"é":1}');
    const text = message.toString('utf8');
    // PRI = 20 × 8 + 4; a space in the host name is not allowed, so it is replaced.
    expect(text).toBe(
      '<164>1 2026-12-03T12:02:00.123Z desk_12 conscent-console 4242 history-cleared [conscent@32473 eventId="a1-7" note="say \\"hi\\" \\\\ [ok\\]"] \uFEFF{"é":1}',
    );
    expect([...message.subarray(message.indexOf(0xef), message.indexOf(0xef) + 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseSyslogMessage(text)).toMatchObject({
      pri: 164,
      msgId: 'history-cleared',
      params: { eventId: 'a1-7', note: 'say "hi" \\ [ok]' },
      message: '{"é":1}',
      bom: true,
    });
  });

  it('writes "-" for empty fields and no structured data', () => {
    expect(formatSyslogMessage({ ...header, procId: '', params: {} }, 'x').toString()).toBe(
      '<164>1 2026-12-03T12:02:00.123Z desk_12 conscent-console - history-cleared - \uFEFFx',
    );
  });

  it('frames by counting bytes, not characters', () => {
    const message = Buffer.from('<13>1 - - - - - - é', 'utf8');
    expect(frameOctetCounted(message).toString('utf8')).toBe(`${message.length} <13>1 - - - - - - é`);
    expect(message.length).toBe(20);
  });
});
