import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoText } from './security-fakes';

// main/index.ts cannot run here (no Electron binary), so its app-lifecycle promises are
// checked on its syntax tree: one instance, a second launch focuses the first window,
// and every window gets the unsaved-changes guard.

const source = ts.createSourceFile('index.ts', repoText('main/index.ts'), ts.ScriptTarget.Latest, true);

function calls(node: ts.Node, out: ts.CallExpression[] = []): ts.CallExpression[] {
  if (ts.isCallExpression(node)) out.push(node);
  node.forEachChild((child) => void calls(child, out));
  return out;
}
const allCalls = calls(source);
const callee = (call: ts.CallExpression) => call.expression.getText(source);
const functionNamed = (name: string) =>
  source.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name);

describe('main/index.ts app lifecycle', () => {
  it('quits a second instance: requestSingleInstanceLock decides whether this process starts at all', () => {
    const lock = allCalls.find((c) => callee(c) === 'app.requestSingleInstanceLock');
    expect(lock).toBeDefined();
    const guard = lock!.parent;
    expect(ts.isPrefixUnaryExpression(guard) && ts.isIfStatement(guard.parent)).toBe(true);
    const ifStatement = guard.parent as ts.IfStatement;
    expect(ifStatement.thenStatement.getText(source)).toMatch(/app\.quit\(\)/);
    // Everything that starts the app happens only in the branch that holds the lock.
    expect(ifStatement.elseStatement?.getText(source)).toMatch(/whenReady\(\)/);
  });

  it('focuses the existing window when the app is launched again', () => {
    const onSecond = allCalls.find((c) => callee(c) === 'app.on' && c.arguments[0]?.getText(source) === "'second-instance'");
    expect(onSecond).toBeDefined();
    const handlerName = onSecond!.arguments[1]!.getText(source);
    const handler = functionNamed(handlerName);
    expect(handler?.body?.getText(source)).toMatch(/restore\(\)/);
    expect(handler?.body?.getText(source)).toMatch(/\.focus\(\)/);
  });

  it('installs the unsaved-changes guard on every window it creates', () => {
    const create = functionNamed('createMainWindow');
    const body = create?.body?.getText(source) ?? '';
    expect(body).toMatch(/new BrowserWindow\(createWindowOptions\(/);
    expect(body).toMatch(/installCloseGuard\(win\.webContents,/);
  });
});
