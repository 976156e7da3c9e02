// Issue #8 item 4 in the renderer: every summary the agent reads says what they can do,
// a refused connection does not talk about the internet, and a refused Client ID is
// named as such wherever it shows up.
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, NETWORK_REASONS, type BridgeError } from '../../common/result';
import { explainError, type ErrorContext } from '../../renderer/src/errors/explain-error';

const CONTEXTS: ErrorContext[] = ['update', 'lookup', 'open-reader', 'connections', 'save-connection', 'test-connection'];
const ACTION =
  /\b(check|try again|retry|open|enter|correct|look the reader up|ask|restart|wait|fix|do what|tell your IT team|copy|start|go back|send the support log)\b/i;

describe('explainError names what to do', () => {
  const cases: Array<[string, ErrorContext, BridgeError]> = [];
  for (const context of CONTEXTS) {
    for (const kind of ERROR_KINDS) cases.push([kind, context, { kind } as BridgeError]);
    for (const reason of ['forbidden', 'policy-invalid'] as const) cases.push([`policy/${reason}`, context, { kind: 'policy', reason }]);
    for (const reason of NETWORK_REASONS) cases.push([`network/${reason}`, context, { kind: 'network', reason }]);
  }
  it.each(cases)('%s in %s', (_name, context, error) => {
    expect(explainError(error, context).summary).toMatch(ACTION);
  });

  it('a refused connection is about the base URL and the server, not the internet', () => {
    for (const context of CONTEXTS) {
      const { summary } = explainError({ kind: 'network', host: '127.0.0.1:4010', reason: 'connection-refused' }, context);
      expect(summary).not.toMatch(/internet/i);
      expect(summary).toMatch(/base URL/);
      expect(summary).toMatch(/start the server/);
    }
  });

  it('a refused Client ID on a lookup sends the agent to the Client ID in Connections, not to fields that are not there', () => {
    const error: BridgeError = { kind: 'invalid-input', reason: 'client-id-refused', status: 400 };
    for (const context of ['lookup', 'open-reader'] as const) {
      const { summary } = explainError(error, context);
      expect(summary).toMatch(/Client ID/);
      expect(summary).toMatch(/Open Connections/);
      expect(summary).not.toMatch(/fields marked below/);
    }
    expect(explainError(error, 'test-connection').summary).toMatch(/Correct the Client ID marked below/);
  });

  it('never says "fields marked below" when nothing is marked', () => {
    for (const context of CONTEXTS) {
      expect(explainError({ kind: 'invalid-input', reason: 'refused-by-conscent', status: 400 }, context).summary).not.toMatch(/marked below/);
    }
  });
});
