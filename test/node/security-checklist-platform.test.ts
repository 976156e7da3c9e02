import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_EVENT_CHANNEL } from '../../common/app-events';
import { BRIDGE_CHANNELS, BRIDGE_GLOBAL, OPERATION_NAMES } from '../../common/channels';
import { registerBridge, type BridgeHandlers } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES, resolveAppRequest } from '../../main/window/app-protocol';
import { hardenWebContents } from '../../main/window/security-handlers';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { FakeWebContents } from '../helpers/electron-fakes';
import { ROOT, builtText, filesUnder, repoText } from '../helpers/repo-files';
import { takesNoRequest } from '../../common/channels';

// Electron's security checklist, items 16–20 (and "no remote module"): the Electron
// version, IPC sender checks, file:// and the custom scheme, fuses, and what the preload
// exposes. Items 1–15 are in security-checklist.test.ts.

type PackageJson = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
type PackageLock = { packages: Record<string, { version?: string; devDependencies?: Record<string, string> }> };

const pkg = JSON.parse(repoText('package.json')) as PackageJson;
const lock = JSON.parse(repoText('package-lock.json')) as PackageLock;

function versionParts(version: string): number[] {
  const match = /^[\^~]?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a plain semver version or caret/tilde range: ${version}`);
  return match.slice(1, 4).map(Number);
}

/** electron-builder.yml as data, with the YAML parser electron-builder itself uses. */
function builderConfig(): Record<string, unknown> {
  const requireFromBuilder = createRequire(join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
  const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };
  return yaml.load(repoText('electron-builder.yml')) as Record<string, unknown>;
}

describe('Electron security checklist, items 16–20', () => {
  it('checklist 16 — current Electron: package.json asks for Electron 45 or later and the lock resolves that', () => {
    const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
    const [wantedMajor = 0] = versionParts(range);
    expect(wantedMajor).toBeGreaterThanOrEqual(45);

    const locked = lock.packages['node_modules/electron']?.version ?? '';
    const [major = 0, minor = 0, patch = 0] = versionParts(locked);
    const [, wantedMinor = 0, wantedPatch = 0] = versionParts(range);
    expect(major).toBe(wantedMajor);
    expect(minor * 1e6 + patch).toBeGreaterThanOrEqual(wantedMinor * 1e6 + wantedPatch);
    expect(lock.packages['']?.devDependencies?.electron ?? range).toBe(range);
  });

  it('checklist 17 — IPC senders: every channel refuses any frame but the app page, before its handler runs', async () => {
    const ran: unknown[] = [];
    const handlers = Object.fromEntries(
      OPERATION_NAMES.map((name) => [name, (payload?: unknown) => (ran.push(payload), Promise.resolve({ ok: true, value: name }))]),
    ) as unknown as BridgeHandlers;
    const ipc = new FakeIpcMain();
    registerBridge(ipc, handlers, ipc.trust(createSenderCheck(APP_PAGE_URL)));

    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
    const strangers = [
      'https://evil.example/',
      'file:///app/out/renderer/index.html',
      'app://console/other.html',
      'app://evil/index.html',
      'http://localhost:5173/',
      'about:blank',
      null,
    ];
    for (const channel of Object.values(BRIDGE_CHANNELS)) {
      for (const sender of strangers) {
        const answer = await ipc.invoke(channel, { connectionId: 'p' }, sender);
        expect(answer, `${channel} from ${sender}`).toMatchObject({ ok: false, error: { kind: 'rejected-sender' } });
      }
    }
    expect(ran).toEqual([]);
    expect(await ipc.invoke(BRIDGE_CHANNELS.listConnections, undefined, `${APP_PAGE_URL}#/x`)).toEqual({ ok: true, value: 'listConnections' });
  });

  it('checklist 18 — file://: the app:// scheme gets only standard, secure and CORS privileges', () => {
    // No bypassCSP, supportFetchAPI, allowServiceWorkers, stream or codeCache.
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } });
  });

  it('checklist 18 — file://: a file:// page is never trusted, navigated to or served by app://', () => {
    const page = 'file:///app/out/renderer/index.html';
    expect(createSenderCheck(APP_PAGE_URL)(page)).toBe(false);
    const contents = new FakeWebContents();
    hardenWebContents(contents, { isAppPage: createSenderCheck(APP_PAGE_URL), logger: { warn: () => undefined } });
    expect(contents.fire('will-navigate', page)).toBe(true);
    expect(resolveAppRequest(page, '/app/out/renderer')).toEqual({ ok: false });
  });

  it('checklist 18 — file://: the packaged app turns the grantFileProtocolExtraPrivileges fuse off', () => {
    const fuses = builderConfig().electronFuses as Record<string, unknown> | undefined;
    expect(fuses?.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('checklist 19 — fuses: electron-builder.yml flips every fuse the console does not need', () => {
    expect(builderConfig().electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

// ---- item 20: the real built preload, run against a recording stand-in for Electron ----

function runBuiltPreload() {
  const touched = new Set<string>();
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invokes: unknown[][] = [];
  const listens: Array<{ channel: string; listener: (event: unknown, payload: unknown) => void }> = [];
  const watch = <T extends object>(name: string, target: T): T =>
    new Proxy(target, { get: (object, property) => (touched.add(`${name}.${String(property)}`), Reflect.get(object, property)) });
  const ipcRendererRaw = {
    invoke: (...args: unknown[]) => (invokes.push(args), Promise.resolve({ ok: true, value: null })),
    send: () => undefined,
    sendSync: () => undefined,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => void listens.push({ channel, listener }),
  };
  const ipcRenderer = watch('ipcRenderer', ipcRendererRaw);
  const contextBridge = watch('contextBridge', {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }),
  });
  const electron = watch('electron', { ipcRenderer, contextBridge, webFrame: {}, webUtils: {}, shell: {} });
  const required: string[] = [];
  const requireStub = (name: string) => (required.push(name), name === 'electron' ? electron : undefined);

  const wrapped = runInNewContext(`(function (exports, require, module) {\n${builtText('preload/index.cjs')}\n})`, {}) as (
    exports: object,
    require: (name: string) => unknown,
    module: { exports: object },
  ) => void;
  const module = { exports: {} };
  wrapped(module.exports, requireStub, module);
  return { touched, exposed, invokes, listens, required, leaks: [ipcRenderer, ipcRendererRaw, ipcRendererRaw.invoke, contextBridge, electron] };
}

describe('Electron security checklist, item 20 (the built preload)', () => {
  it('checklist 20 — Electron APIs: the built preload exposes one frozen object with exactly the contract’s operations', () => {
    const { exposed, required } = runBuiltPreload();
    expect(required).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    const [{ key, api } = { key: '', api: {} }] = exposed;
    expect(key).toBe(BRIDGE_GLOBAL);
    // The operations, and the one subscription to what main sends on its own (issue 11).
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'onAppEvent'].sort());
    for (const name of [...OPERATION_NAMES, 'onAppEvent']) expect(typeof api[name]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('checklist 20 — Electron APIs: the page gets no ipcRenderer; each method sends one request on its own channel', async () => {
    const { exposed, invokes, listens, touched, leaks } = runBuiltPreload();
    const api = exposed[0]?.api ?? {};
    for (const value of Object.values(api)) expect(leaks).not.toContain(value);

    for (const name of OPERATION_NAMES) {
      const method = api[name] as (...args: unknown[]) => Promise<unknown>;
      await method({ request: name }, 'smuggled', { channel: 'conscent:other' });
    }
    expect(invokes).toEqual(
      OPERATION_NAMES.map((name) => (takesNoRequest(name) ? [BRIDGE_CHANNELS[name]] : [BRIDGE_CHANNELS[name], { request: name }])),
    );
    // Main's sends: one listener, on the app-event channel only, and the page gets the
    // payload, never Electron's event object (which carries the sender).
    expect(listens.map((listen) => listen.channel)).toEqual([APP_EVENT_CHANNEL]);
    const received: unknown[] = [];
    (api.onAppEvent as (listener: (event: unknown) => void) => void)((event) => received.push(event));
    const electronEvent = { sender: { send: () => undefined }, ports: [] };
    listens[0]?.listener(electronEvent, { kind: 'command', command: 'focus-search' });
    expect(received).toEqual([{ kind: 'command', command: 'focus-search' }]);
    // Only these members of Electron are ever read: no send/sendSync, webFrame, shell…
    expect([...touched].sort()).toEqual([
      'contextBridge.exposeInMainWorld',
      'electron.contextBridge',
      'electron.ipcRenderer',
      'ipcRenderer.invoke',
      'ipcRenderer.on',
    ]);
  });

  it('checklist — no remote module: nothing depends on, imports or enables @electron/remote', () => {
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@electron/remote');
    expect(Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/@electron/remote'))).toEqual([]);
    const sources = ['main', 'preload', 'renderer', 'common'].flatMap((dir) => filesUnder(dir, /\.(c|m)?[tj]sx?$/));
    expect(sources.length).toBeGreaterThan(20);
    for (const file of sources) expect(repoText(file), file).not.toMatch(/@electron\/remote|enableRemoteModule|\.remote\b/);
  });
});
