// Issue #8 item 4 in the renderer: every message the agent reads says what they can do,
// a refused connection does not talk about the internet, and a refused Client ID is
// named as such wherever it shows up. (Issue 22.3: the advice is `todo`, said once.)
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, NETWORK_REASONS, type BridgeError } from '../../common/result';
import { ERROR_CONTEXTS, explainError, type ErrorContext } from '../../renderer/src/errors/explain-error';

const CONTEXTS: readonly ErrorContext[] = ERROR_CONTEXTS;
const ACTION =
  /\b(check|try again|retry|open|enter|correct|refresh|ask|restart|wait|fix|tell your IT team|copy|start|go back|send the support log)\b/i;

describe('explainError names what to do', () => {
  const cases: Array<[string, ErrorContext, BridgeError]> = [];
  for (const context of CONTEXTS) {
    for (const kind of ERROR_KINDS) cases.push([kind, context, { kind } as BridgeError]);
    for (const reason of ['forbidden', 'policy-invalid'] as const) cases.push([`policy/${reason}`, context, { kind: 'policy', reason }]);
    for (const reason of NETWORK_REASONS) cases.push([`network/${reason}`, context, { kind: 'network', reason }]);
  }
  it.each(cases)('%s in %s', (_name, context, error) => {
    expect(explainError(error, context).todo).toMatch(ACTION);
  });

  it('a refused connection is about the base URL and the server, not the internet', () => {
    for (const context of CONTEXTS) {
      const { what, todo } = explainError({ kind: 'network', host: '127.0.0.1:4010', reason: 'connection-refused' }, context);
      expect(`${what} ${todo}`).not.toMatch(/internet/i);
      expect(todo).toMatch(/base URL/);
      expect(todo).toMatch(/Start the server/);
    }
  });

  it('a refused Client ID on a lookup sends the agent to the Client ID in Connections, not to fields that are not there', () => {
    const error: BridgeError = { kind: 'invalid-input', reason: 'client-id-refused', status: 400 };
    for (const context of ['lookup', 'open-reader'] as const) {
      const { todo, fix } = explainError(error, context);
      expect(todo).toMatch(/Client ID in Connections/);
      expect(fix).toBe('open-connection-settings');
      expect(todo).not.toMatch(/marked below/);
    }
    expect(explainError(error, 'test-connection').todo).toMatch(/Correct the Client ID marked below/);
  });

  it('never says "fields marked below" when nothing is marked', () => {
    for (const context of CONTEXTS) {
      expect(explainError({ kind: 'invalid-input', reason: 'refused-by-conscent', status: 400 }, context).todo).not.toMatch(/marked below/);
    }
  });
});
