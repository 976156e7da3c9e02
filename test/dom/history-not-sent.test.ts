import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../common/history-schemas';
import { statusText } from '../../renderer/src/history/history-text';

// Issue 17 item 8: an entry a bulk run wrote but provably never sent (the console stopped
// before the run's own "sending" record) reads as not sent, not as a refusal or an unknown.

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 7,
  at: '2026-12-03T10:00:00.000Z',
  agent: { osUser: 'maria' },
  machine: 'desk-1',
  connection: { connectionId: 'sim', name: 'Sim', environment: 'custom', host: '127.0.0.1', baseUrl: 'http://127.0.0.1:1', clientId: 'c' },
  userId: 'a'.repeat(24),
  reader: {},
  changes: [{ field: 'name', before: null, after: 'Bulk 1' }],
  status: 'failed',
  ...over,
});

describe('a history entry never sent', () => {
  it('says it was not sent and nothing was applied', () => {
    expect(statusText(entry({ errorKind: 'bulk', notSent: true }))).toBe('Not sent — the console stopped before sending it; nothing was applied');
    expect(statusText(entry({ errorKind: 'not-found' }))).toBe('Not saved (not found)');
  });
});
