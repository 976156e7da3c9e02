import { describe, expect, it } from 'vitest';
import { BridgeError, ERROR_KINDS, type ErrorOf } from '../../common/result';
import { BulkError } from '../../main/bulk/bulk-error';
import { ConfigError } from '../../main/errors/config-error';
import { InputError } from '../../main/errors/input-error';

// BridgeError is one member per kind, each with its own reasons and facts (issue 19.2).
// The compile-time half of this file is its @ts-expect-error lines: `npm run typecheck`
// fails if any of them stops being an error (a reason or fact allowed on a kind it is not
// of). The runtime half: what crosses IPC is parsed the same way.

describe('the bridge error union', () => {
  it('has exactly one member per kind of ERROR_KINDS', () => {
    const kinds = BridgeError.options.map((member) => member.shape.kind.value);
    expect([...kinds].sort()).toEqual([...ERROR_KINDS].sort());
  });

  it.each([
    [{ kind: 'not-configured', reason: 'query' }, 'an input reason on a configuration error'],
    [{ kind: 'bulk', reason: 'no-such-reader' }, 'a ConsCent reason on a bulk error'],
    [{ kind: 'settings', reason: 'locked' }, 'a keychain reason on a settings error'],
    [{ kind: 'unauthorized', reason: 'console-fault' }, 'a reason on a kind that has none'],
  ])('refuses %j (%s)', (error) => {
    expect(BridgeError.safeParse(error).success).toBe(false);
  });

  it('keeps the facts of a member and drops those of others', () => {
    const parsed = BridgeError.parse({ kind: 'bulk', reason: 'run-file-damaged', path: 'events.jsonl', line: 3, userId: 'x' });
    expect(parsed).toEqual({ kind: 'bulk', reason: 'run-file-damaged', path: 'events.jsonl', line: 3 });
  });

  it('says which class reports which kind: a refused search is input, not configuration', () => {
    expect(new InputError({ reason: 'query', fields: { query: 'Type an email' } }).toBridgeError()).toEqual({
      kind: 'invalid-input',
      reason: 'query',
      fields: { query: 'Type an email' },
    });
    expect(new ConfigError({ reason: 'no-credentials' }).toBridgeError()).toEqual({ kind: 'not-configured', reason: 'no-credentials' });
    expect(new BulkError('run-connection-moved').toBridgeError()).toEqual({ kind: 'bulk', reason: 'run-connection-moved' });
  });
});

// Compile-time checks (never run): each line must stay a type error.
export function typeLevelChecks(): void {
  // @ts-expect-error a ConfigError cannot carry an input reason
  void new ConfigError({ reason: 'query' });
  // @ts-expect-error nor the fields of a refused input
  void new ConfigError({ reason: 'no-credentials', fields: { query: 'x' } });
  // @ts-expect-error a reason belongs to its kind
  const wrongReason: BridgeError = { kind: 'history', reason: 'run-missing' };
  // @ts-expect-error a fact belongs to its kind
  const wrongFact: ErrorOf<'keychain'> = { kind: 'keychain', path: '/tmp' };
  void wrongReason;
  void wrongFact;
}
