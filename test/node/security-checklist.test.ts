import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionFields } from '../../common/connections-contract';
import { ENVIRONMENT_PRESETS, baseUrlProblem } from '../../common/environments';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { resolveAppPage } from '../../main/window/app-page';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../main/window/app-protocol';
import { productionCsp, productionMetaCsp } from '../../main/window/content-security-policy';
import { denyAllPermissions, hardenWebContents, installAppSecurity } from '../../main/window/security-handlers';
import { createWindowOptions } from '../../main/window/window-options';
import { FakeSession, FakeWebContents } from '../helpers/electron-fakes';
import { parseCsp } from '../helpers/parse-csp';
import { ROOT, builtText, filesUnder, repoText } from '../helpers/repo-files';

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
// items 1–15, each against the real modules with fake Electron objects. Items 16–20 are
// in security-checklist-platform.test.ts; docs/security.md maps every item to its tests,
// and the last block here keeps that table honest.

const PRELOAD = '/app/out/preload/index.cjs';
// Both ways the window is created: packaged (no DevTools) and in development.
const WINDOWS = [false, true].map((allowDevTools) => createWindowOptions({ preloadPath: PRELOAD, allowDevTools }).webPreferences ?? {});

const ELSEWHERE = [
  'https://evil.example/',
  'http://evil.example/',
  'file:///etc/passwd',
  'app://console/other.html',
  'app://evil/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
];

function hardened() {
  const contents = new FakeWebContents();
  const logger = { warn: vi.fn() };
  hardenWebContents(contents, { isAppPage: createSenderCheck(APP_PAGE_URL), logger });
  return { contents, logger };
}

describe('Electron security checklist, items 1–15', () => {
  it('checklist 1 — secure content: ConsCent base URLs must be https; plain http only for this computer', () => {
    for (const url of ['http://api.conscent.in/api/v1', 'http://localhost.evil.example/api', 'ftp://api.conscent.in/', 'ws://api.conscent.in/']) {
      expect(baseUrlProblem(url), url).toBeDefined();
      const connection = { name: 'P', environment: 'custom', baseUrl: url, clientId: 'client-1' };
      expect(ConnectionFields.safeParse(connection).success, url).toBe(false);
    }
    for (const url of ['https://api.conscent.in/api/v1', 'http://127.0.0.1:4010/api/v1', 'http://localhost:4010/api/v1']) {
      expect(baseUrlProblem(url), url).toBeUndefined();
    }
    expect(ENVIRONMENT_PRESETS.production.baseUrl).toMatch(/^https:\/\//);
    expect(ENVIRONMENT_PRESETS.sandbox.baseUrl).toMatch(/^https:\/\//);
  });

  it('checklist 1 — secure content: the packaged page is app://console, a secure scheme, whatever the environment says', () => {
    expect(resolveAppPage({ isPackaged: true, devServerUrl: 'http://evil.example/' }).url).toBe('app://console/index.html');
    expect(APP_SCHEME_PRIVILEGES.privileges?.secure).toBe(true);
  });

  it('checklist 2 — no Node integration: nodeIntegration, in workers and in subframes, is off in every window', () => {
    for (const prefs of WINDOWS) {
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    }
  });

  it('checklist 3 — context isolation: every window is created with contextIsolation true', () => {
    for (const prefs of WINDOWS) expect(prefs.contextIsolation).toBe(true);
  });

  it('checklist 4 — sandbox: every window is created with sandbox true and a preload only', () => {
    for (const prefs of WINDOWS) {
      expect(prefs.sandbox).toBe(true);
      expect(prefs.preload).toBe(PRELOAD);
    }
  });

  it('checklist 5 — permissions: every request and check is denied, on the default session and every webContents', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'anything-new'];
    const defaultSession = new FakeSession();
    denyAllPermissions(defaultSession);
    const app = new EventEmitter();
    installAppSecurity(app, { isAppPage: createSenderCheck(APP_PAGE_URL), logger: { warn: () => undefined } });
    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);

    for (const session of [defaultSession, later.session]) {
      for (const permission of permissions) {
        expect(session.requestPermission(permission), permission).toBe(false);
        expect(session.check?.(null, permission), permission).toBe(false);
      }
      expect(session.device?.({ deviceType: 'usb', origin: 'app://console' })).toBe(false);
    }
  });

  it('checklist 6 — webSecurity: never disabled (set true explicitly in every window)', () => {
    for (const prefs of WINDOWS) expect(prefs.webSecurity).toBe(true);
  });

  it('checklist 7 — CSP: nothing but the app’s own files, no eval, no inline code, no connections', () => {
    const csp = parseCsp(productionCsp());
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(productionCsp()).not.toMatch(/unsafe-|\*|https?:|wss?:/);
  });

  it('checklist 7 — CSP: every app:// response carries the policy header, found or not', async () => {
    const handler = createAppProtocolHandler({
      rootDir: '/app/out/renderer',
      csp: productionCsp(),
      readFile: (path) =>
        path.endsWith('index.html')
          ? Promise.resolve(new Uint8Array(new ArrayBuffer(1)))
          : Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })),
    });
    for (const url of [APP_PAGE_URL, 'app://console/assets/missing.js', 'app://console/../../etc/passwd']) {
      const response = await handler({ url, method: 'GET' });
      expect(response.headers.get('content-security-policy'), url).toBe(productionCsp());
    }
  });

  it('checklist 7 — CSP: the built page carries the same policy as a meta tag and has no inline script', () => {
    const html = builtText('renderer/index.html');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]?.replace(/&#39;|&apos;/g, "'")).toBe(productionMetaCsp());
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
  });

  it('checklist 8 — insecure content: allowRunningInsecureContent is false in every window', () => {
    for (const prefs of WINDOWS) expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('checklist 9 — experimental features: experimentalFeatures is false in every window', () => {
    for (const prefs of WINDOWS) expect(prefs.experimentalFeatures).toBe(false);
  });

  it('checklist 10 — Blink features: no window enables any (no enableBlinkFeatures, no extra switches)', () => {
    for (const prefs of WINDOWS) {
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs).not.toHaveProperty('additionalArguments');
    }
  });

  it('checklist 11 — allowpopups: the webview tag is off and no page markup or code uses webview or allowpopups', () => {
    for (const prefs of WINDOWS) expect(prefs.webviewTag).toBe(false);
    const page = [...filesUnder('renderer', /\.(tsx?|html|css)$/), ...filesUnder('out/renderer', /\.(js|html)$/)];
    expect(page.length).toBeGreaterThan(0);
    for (const file of page) expect(repoText(file), file).not.toMatch(/<webview|allowpopups/i);
  });

  it('checklist 12 — webviews: attaching a <webview> is prevented on every webContents', () => {
    const app = new EventEmitter();
    installAppSecurity(app, { isAppPage: createSenderCheck(APP_PAGE_URL), logger: { warn: () => undefined } });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'checklist 13 — navigation: %s anywhere but the app page is prevented',
    (event) => {
      const { contents } = hardened();
      for (const url of ELSEWHERE) expect(contents.fire(event, url), url).toBe(true);
      expect(contents.fire(event, `${APP_PAGE_URL}#/reader/42`)).toBe(false);
    },
  );

  it('checklist 14 — new windows: every window.open, link target and middle-click is denied, even to the app page', () => {
    const { contents } = hardened();
    for (const url of [...ELSEWHERE, APP_PAGE_URL, 'https://docs.conscent.in/']) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('checklist 15 — openExternal: nothing reaches the system browser; every window request is denied and only its host is logged', () => {
    const { contents, logger } = hardened();
    for (const url of [...ELSEWHERE, 'https://docs.conscent.in/a b?reader=jane@example.com', 'smb://server/share', 'vscode://file/etc/passwd']) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(logger.warn).toHaveBeenCalledWith('window-open-refused', { host: 'docs.conscent.in' });
    expect(JSON.stringify(logger.warn.mock.calls)).not.toMatch(/jane|reader|etc\/passwd|alert/);
    // Nothing in main can open it either: no shell.openExternal in any main-process source.
    for (const file of filesUnder('main')) expect(repoText(file), file).not.toMatch(/openExternal\s*\(/);
  });
});

// ---- docs/security.md's checklist table must name tests that exist ----

type TableRef = { item: string; file: string; name: string };

/** The checklist table's rows: item → the `file` › `test name` references in it. */
function checklistRefs(markdown: string): TableRef[] {
  const section = markdown.split(/^#{2,3} /m).find((part) => part.startsWith('Electron security checklist')) ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*[\d+]+\s*\|/.test(line))
    .flatMap((line) => {
      const item = (line.split('|')[1] ?? '').trim();
      return [...line.matchAll(/`([^`]+\.test\.ts)`\s*›\s*`([^`]+)`/g)].map((match) => ({ item, file: match[1] ?? '', name: match[2] ?? '' }));
    });
}

/** What is wrong with the table: missing items, missing files, names not found in their file. */
function tableProblems(refs: readonly TableRef[], read: (file: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (let n = 1; n <= 20; n++) {
    const own = refs.filter((ref) => ref.item === String(n));
    if (!own.some((ref) => ref.name.startsWith(`checklist ${n} — `))) problems.push(`item ${n} names no "checklist ${n} — …" test`);
  }
  for (const ref of refs) {
    const text = read(ref.file);
    if (text === undefined) problems.push(`item ${ref.item}: ${ref.file} does not exist`);
    else if (!text.includes(ref.name)) problems.push(`item ${ref.item}: no test "${ref.name}" in ${ref.file}`);
  }
  return problems;
}

const readRepoFile = (file: string) => (existsSync(join(ROOT, file)) ? repoText(file) : undefined);

describe('docs/security.md checklist table', () => {
  it('maps all 20 items, and every test it names exists in the file it names', () => {
    const refs = checklistRefs(repoText('docs/security.md'));
    expect(refs.length).toBeGreaterThanOrEqual(20);
    expect(tableProblems(refs, readRepoFile)).toEqual([]);
  });

  it('notices a renamed test, a missing file and an item without its checklist test', () => {
    // Built from parts, so this file does not itself contain the name it says is missing.
    const renamed = ['checklist 1 — renamed', 'away'].join(' ');
    const table = [
      '## Electron security checklist',
      '| # | Item | Enforced by | Tests |',
      `| 1 | x | y | \`test/node/security-checklist.test.ts\` › \`${renamed}\` |`,
      '| 2 | x | y | `test/node/nowhere.test.ts` › `checklist 2 — no Node integration` |',
    ].join('\n');
    const problems = tableProblems(checklistRefs(table), readRepoFile);
    expect(problems).toContain(`item 1: no test "${renamed}" in test/node/security-checklist.test.ts`);
    expect(problems).toContain('item 2: test/node/nowhere.test.ts does not exist');
    expect(problems).toContain('item 3 names no "checklist 3 — …" test');
  });
});
