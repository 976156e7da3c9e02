// Issue 22.3: every error the bridge can carry, in every context a screen shows it in,
// says what happened in one sentence and what to do in one sentence, once, and offers the
// button it names (error-fix-buttons.test.tsx clicks each kind of button on a screen). The
// kinds and reasons come from the schemas themselves, so a reason added to common/errors/
// fails here until it has words that pass.
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PRODUCTION_HOST, SANDBOX_HOST } from '../../common/environment-of-host';
import { BridgeError } from '../../common/result';
import { FIX_ACTIONS, FIX_LABELS } from '../../renderer/src/errors/advice';
import { AppFixesProvider } from '../../renderer/src/errors/error-fixes';
import { ERROR_CONTEXTS, explainError } from '../../renderer/src/errors/explain-error';
import { ErrorNotice } from '../../renderer/src/ui/ErrorNotice';

/** Every (kind, reason) of the union; `undefined` where the reason may be left out. */
function kindsAndReasons(): Array<{ kind: string; reason: string | undefined; shape: Record<string, unknown> }> {
  const rows: Array<{ kind: string; reason: string | undefined; shape: Record<string, unknown> }> = [];
  for (const member of BridgeError.options) {
    const kind = member.shape.kind.value;
    let reason: z.ZodType = member.shape.reason;
    const optional = reason instanceof z.ZodOptional;
    if (reason instanceof z.ZodOptional) reason = reason.unwrap() as z.ZodType;
    const reasons = reason instanceof z.ZodEnum ? (reason.options as string[]) : [];
    for (const one of [...reasons, ...(optional ? [undefined] : [])]) rows.push({ kind, reason: one, shape: member.shape });
  }
  return rows;
}

/** Facts a member may carry; each error takes those its schema has. No fact holds ". " so sentences can be counted. */
const FACTS: Record<string, unknown> = {
  status: 503,
  apiMessage: 'the value is wrong',
  code: 'EWHATEVER',
  proxy: 'proxy.corp.test:3128',
  issuer: 'Corp Inspection CA',
  userId: '0123456789abcdef01234567',
  retryAfterSeconds: 30,
  timeoutSeconds: 15,
  path: '/tmp/somewhere',
  entryId: 7,
  row: 3,
  column: 'email',
  limit: 100,
  line: 4,
  key: 'allowBulk',
  firstError: 'connections: expected an array',
  boundOrigin: 'https://a.example.test',
  targetOrigin: 'https://b.example.test',
  trustChanged: ['proxy'],
  fields: { email: 'Enter a valid email address, like reader@example.com' },
  lockedBy: { pid: 4242, machine: 'desk-12', since: '2025-11-12T10:00:00.000Z' },
};

/** ConsCent's own hosts (nothing to misspell), a host typed by hand, this computer, and no facts at all. */
const HOSTS = [PRODUCTION_HOST, SANDBOX_HOST, 'conscent.example-corp.test', '127.0.0.1:4010', undefined];

function errorsFor(kind: string, reason: string | undefined, shape: Record<string, unknown>): BridgeError[] {
  const errors: BridgeError[] = [];
  for (const host of HOSTS) {
    const facts = host === undefined ? {} : Object.fromEntries(Object.entries({ ...FACTS, host }).filter(([key]) => key in shape));
    errors.push(BridgeError.parse({ kind, ...(reason ? { reason } : {}), ...facts }));
  }
  return errors;
}

/** Sentences, not counting the dots inside host names, paths, "e.g." or quoted words. */
function sentences(text: string): string[] {
  const plain = text.replace(/"[^"]*"|“[^”]*”/g, 'QUOTED').replace(/\be\.g\./g, 'eg');
  return plain.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((part) => part.trim() !== '');
}

/** Words that start advice: "what happened" must have none of them at the start of a sentence or clause. */
const ADVICE =
  /(^|[.;:]\s+|,\s+then\s+)(Check|Try|Ask|Enter|Open|Choose|Wait|Close|Restart|Delete|Correct|Fix|Refresh|Edit|Tell|Look|Start|Copy|Allow|Unlock|Install|Save|Split|Give|Pause|Type|Point|Re-create|Show|Map|Send|Do not)\b/;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

const CASES = kindsAndReasons().map((row) => [`${row.kind}${row.reason ? `/${row.reason}` : ''}`, row] as const);

describe('every error kind and reason says its advice once', () => {
  it('covers every member of the union', () => {
    expect(new Set(CASES.map(([, row]) => row.kind)).size).toBe(BridgeError.options.length);
    expect(CASES.length).toBeGreaterThan(80);
  });

  it.each(CASES)('%s', (_name, { kind, reason, shape }) => {
    const handlers = Object.fromEntries(FIX_ACTIONS.map((fix) => [fix, () => undefined]));
    const rendered = new Set<string>();
    for (const error of errorsFor(kind, reason, shape)) {
      for (const context of ERROR_CONTEXTS) {
        const where = `${JSON.stringify(error)} in ${context}`;
        const explained = explainError(error, context);
        expect(explained.what.trim(), where).not.toBe('');
        expect(explained.todo.trim(), where).not.toBe('');
        expect(sentences(explained.what), `one sentence of what happened: ${where}`).toHaveLength(1);
        expect(sentences(explained.todo), `one sentence of what to do: ${where}`).toHaveLength(1);
        expect(explained.what, `what happened gives no advice: ${where}`).not.toMatch(ADVICE);
        if (explained.fix) expect(FIX_ACTIONS, where).toContain(explained.fix);

        // As the agent reads it: the advice once, and nothing in the notice said twice
        // (each distinct message rendered once: the notice depends on nothing else).
        const seen = JSON.stringify([explained, error.kind === 'keychain']);
        if (rendered.has(seen)) continue;
        rendered.add(seen);
        const { container, unmount } = render(
          <AppFixesProvider value={handlers}>
            <ErrorNotice error={error} context={context} title="The search failed." />
          </AppFixesProvider>,
        );
        const alert = container.querySelector('[role="alert"]')!;
        const text = normalise(alert.textContent ?? '');
        const todo = normalise(explained.todo);
        expect(text.split(todo).length - 1, `advice said once: ${where}`).toBe(1);
        const parts = Array.from(alert.querySelectorAll('p')).map((p) => normalise(p.textContent ?? ''));
        expect(new Set(parts).size, `no paragraph repeated: ${where}`).toBe(parts.length);
        const buttons = Array.from(alert.querySelectorAll('button')).map((button) => button.textContent);
        expect(new Set(buttons).size, `no button twice: ${where}`).toBe(buttons.length);
        if (explained.fix) expect(buttons, `the fix is offered: ${where}`).toContain(FIX_LABELS[explained.fix]);
        unmount();
      }
    }
  });
});

describe('facts decide the advice', () => {
  it('a name not found on the preset Production or Sandbox host is the network, not a misspelt URL', () => {
    for (const host of [PRODUCTION_HOST, SANDBOX_HOST]) {
      for (const context of ERROR_CONTEXTS) {
        const explained = explainError({ kind: 'network', reason: 'host-not-found', host, code: 'ENOTFOUND' }, context);
        expect(`${explained.what} ${explained.todo}`).not.toMatch(/spelling|base URL/i);
        expect(explained.todo).toMatch(/DNS/);
        expect(explained.fix).toBe('try-again');
      }
    }
  });

  it('a name not found on a host typed by hand points at the URL and offers the connection settings', () => {
    const explained = explainError({ kind: 'network', reason: 'host-not-found', host: 'api.conscnet.in', code: 'ENOTFOUND' }, 'lookup');
    expect(explained.todo).toMatch(/spelling of the connection's base URL/);
    expect(explained.fix).toBe('open-connection-settings');
  });

  it('the connection settings are not offered on the Connections screen itself', () => {
    for (const context of ['connections', 'save-connection', 'test-connection'] as const) {
      expect(explainError({ kind: 'not-configured', reason: 'no-credentials' }, context).fix).toBeUndefined();
    }
  });
});
