import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoText } from './security-fakes';

// main/index.ts cannot run here (it needs the Electron binary), so this reads it with the
// TypeScript parser and checks that it actually wires in every hardened piece the other
// security tests exercise: a hardened module that the entry forgot to call protects
// nothing. The mutation cases below show each check notices its piece going missing.

const ENTRY = 'main/index.ts';

/** Identifiers that belong in main/window/*, where they are tested; in the entry they would bypass that. */
const OVERRIDES = ['webPreferences', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'setWindowOpenHandler', 'registerFileProtocol', 'enableRemoteModule'];

type Call = { callee: string; args: string[]; node: ts.CallExpression };

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

function hasAncestor(node: ts.Node, test: (ancestor: ts.Node) => boolean): boolean {
  for (let current = node.parent; current; current = current.parent) if (test(current)) return true;
  return false;
}

/** What the entry fails to do; empty when every hardened piece is wired in. */
function entryProblems(source: string): string[] {
  const file = ts.createSourceFile(ENTRY, source, ts.ScriptTarget.Latest, true);
  const flat = (node: ts.Node) => node.getText(file).replace(/\s+/g, '');
  const calls: Call[] = [];
  const constructed: ts.NewExpression[] = [];
  const identifiers: ts.Identifier[] = [];
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push({ callee: flat(node.expression), args: node.arguments.map(flat), node });
    if (ts.isNewExpression(node) && flat(node.expression).replace(/^electron\./, '') === 'BrowserWindow') constructed.push(node);
    if (ts.isIdentifier(node) && !hasAncestor(node, ts.isImportDeclaration)) identifiers.push(node);
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);

  const problems: string[] = [];
  const named = (callee: string) => calls.filter((call) => call.callee === callee);
  const atModuleLoad = (call: Call) => !hasAncestor(call.node, isFunctionLike);
  const topLevelStatement = (call: Call) => ts.isExpressionStatement(call.node.parent) && ts.isSourceFile(call.node.parent.parent);

  if (!named('app.enableSandbox').some(topLevelStatement)) problems.push('app.enableSandbox() is not a top-level statement (it must run before ready)');
  if (!named('protocol.registerSchemesAsPrivileged').some((c) => topLevelStatement(c) && c.args[0] === '[APP_SCHEME_PRIVILEGES]')) {
    problems.push('protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]) is not a top-level statement');
  }

  const declarations = new Map<string, string>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) declarations.set(node.name.text, flat(node.initializer));
    ts.forEachChild(node, collect);
  };
  collect(file);
  if (!declarations.get('page')?.startsWith('resolveAppPage(')) problems.push('the page URL does not come from resolveAppPage()');
  if (declarations.get('isAppPage') !== 'createSenderCheck(page.url)') problems.push('isAppPage is not createSenderCheck(page.url)');

  const security = named('installAppSecurity');
  if (!security.some((c) => atModuleLoad(c) && c.args[0] === 'app' && /^\{(isAppPage|isAppPage:isAppPage),/.test(c.args[1] ?? ''))) {
    problems.push('installAppSecurity(app, { isAppPage, … }) is not called at startup');
  }
  if (!named('denyAllPermissions').some((c) => c.args[0] === 'session.defaultSession')) problems.push('denyAllPermissions(session.defaultSession) is not called');
  if (!named('registerBridge').some((c) => c.args[0] === 'ipcMain' && c.args[2] === 'isAppPage') || named('registerBridge').length !== 1) {
    problems.push('the bridge is not registered exactly once with registerBridge(ipcMain, …, isAppPage)');
  }
  if (!named('protocol.handle').some((c) => c.args[0] === 'APP_SCHEME' && /^createAppProtocolHandler\(.*csp:productionCsp\(\)/.test(c.args[1] ?? ''))) {
    problems.push('protocol.handle(APP_SCHEME, createAppProtocolHandler({ …, csp: productionCsp() })) is missing');
  }

  if (constructed.length === 0) problems.push('no BrowserWindow is created');
  for (const node of constructed) {
    const args = [...(node.arguments ?? [])];
    if (args.length !== 1 || !args.every((arg) => flat(arg).startsWith('createWindowOptions('))) {
      problems.push(`new BrowserWindow(${args.map(flat).join(',')}) does not take createWindowOptions(...) as it is`);
    }
  }
  if (calls.some((c) => c.callee.endsWith('.loadFile'))) problems.push('a page is loaded with loadFile (file://)');
  for (const call of calls.filter((c) => c.callee.endsWith('.loadURL'))) {
    if (call.args[0] !== 'page.url') problems.push(`loadURL(${call.args[0]}) loads something other than page.url`);
  }
  if (strings.some((text) => /file:/i.test(text))) problems.push('a file: URL appears in the entry');

  for (const call of calls.filter((c) => c.callee.endsWith('.openExternal'))) {
    const insidePolicy = hasAncestor(call.node, (a) => ts.isCallExpression(a) && flat(a.expression) === 'installAppSecurity');
    if (!insidePolicy) problems.push('openExternal is called outside the installAppSecurity policy');
  }
  for (const id of identifiers.filter((i) => i.text === 'ipcMain')) {
    const parent = id.parent;
    const isBridgeArgument = ts.isCallExpression(parent) && flat(parent.expression) === 'registerBridge' && parent.arguments[0] === id;
    if (!isBridgeArgument) problems.push('ipcMain is used directly, not only through registerBridge');
  }
  for (const name of OVERRIDES) {
    if (identifiers.some((i) => i.text === name)) problems.push(`${name} is used in the entry, bypassing main/window`);
  }
  return problems;
}

describe('main/index.ts wires in every hardened piece', () => {
  const source = repoText(ENTRY);

  it('calls app.enableSandbox, registers app:// as privileged, hardens every webContents, denies permissions, checks IPC senders, serves app:// with the CSP and builds windows from createWindowOptions', () => {
    expect(entryProblems(source)).toEqual([]);
  });

  // Each row removes or swaps one piece in a copy of the real entry; the check must notice.
  it.each([
    ['no sandbox for all renderers', 'app.enableSandbox();', '', 'app.enableSandbox()'],
    ['enableSandbox only after ready', 'app.enableSandbox();', 'app.whenReady().then(() => app.enableSandbox());', 'app.enableSandbox()'],
    ['no privileged scheme', 'protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);', '', 'registerSchemesAsPrivileged'],
    ['no webContents hardening', 'installAppSecurity(app, {', 'console.log(app, {', 'installAppSecurity'],
    ['no permission handler', 'denyAllPermissions(session.defaultSession);', '', 'denyAllPermissions'],
    ['a sender check that trusts everyone', 'registerBridge(ipcMain, handlers, isAppPage)', 'registerBridge(ipcMain, handlers, () => true)', 'registerBridge'],
    ['a sender check for any page', 'const isAppPage = createSenderCheck(page.url);', 'const isAppPage = (_url: string) => true;', 'isAppPage'],
    ['the production CSP not sent', 'csp: productionCsp()', "csp: ''", 'protocol.handle'],
    ['hand-written window options', 'new BrowserWindow(createWindowOptions(', 'new BrowserWindow(Object.assign({ webPreferences: { sandbox: false } }, ', 'createWindowOptions'],
    ['a file:// page', 'win.loadURL(page.url)', "win.loadFile('index.html')", 'loadFile'],
    ['a second opener', 'function focusMainWindow', "ipcMain.on('open', (_e, url) => shell.openExternal(url));\nfunction focusMainWindow", 'openExternal'],
    ['a second IPC channel', 'function focusMainWindow', "ipcMain.handle('debug', () => process.env);\nfunction focusMainWindow", 'ipcMain is used directly'],
    ['an overriding window-open handler', 'win.once(', "win.webContents.setWindowOpenHandler(() => ({ action: 'allow' }));\n  win.once(", 'setWindowOpenHandler'],
  ])('notices %s', (_what, from, to, problem) => {
    expect(source, 'the mutation must apply to the real entry').toContain(from);
    const problems = entryProblems(source.replace(from, to));
    expect(problems.join('\n')).toContain(problem);
  });
});
