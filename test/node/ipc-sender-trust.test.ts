import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, OPERATION_NAMES } from '../../common/channels';
import { registerBridge, type BridgeHandlers } from '../../main/ipc/register-bridge';
import { createSenderCheck, isTrustedSender } from '../../main/ipc/sender-check';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { FakeIpcMain } from '../helpers/fake-ipc-main';

// The bridge answers only the app page in the top frame of the console's main window
// (issue 8, item 5). The URL alone is not enough: an iframe showing the app page, or a
// second window opened at it, must not reach the agent's connections and readers.

function bridge() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((name) => [name, () => (ran.push(name), Promise.resolve({ ok: true, value: name }))]),
  ) as unknown as BridgeHandlers;
  const ipc = new FakeIpcMain();
  registerBridge(ipc, handlers, ipc.trust(createSenderCheck(APP_PAGE_URL)));
  return { ipc, ran };
}

const REFUSED = { ok: false, error: { kind: 'rejected-sender' } };

describe('the IPC sender check', () => {
  it('answers the app page in the top frame of the main window', async () => {
    const { ipc, ran } = bridge();
    expect(await ipc.invoke(BRIDGE_CHANNELS.listConnections, undefined, APP_PAGE_URL)).toEqual({ ok: true, value: 'listConnections' });
    expect(ran).toEqual(['listConnections']);
  });

  it('refuses the app page loaded in a subframe of the main window, on every channel, before its handler runs', async () => {
    const { ipc, ran } = bridge();
    const topFrame = { url: APP_PAGE_URL, parent: null };
    for (const channel of Object.values(BRIDGE_CHANNELS)) {
      const answer = await ipc.invokeFrom(
        channel,
        { connectionId: 'p' },
        { sender: ipc.mainWindow, senderFrame: { url: APP_PAGE_URL, parent: topFrame } },
      );
      expect(answer, channel).toMatchObject(REFUSED);
    }
    expect(ran).toEqual([]);
  });

  it('refuses another window showing the app page, on every channel, before its handler runs', async () => {
    const { ipc, ran } = bridge();
    const otherWindow = { name: 'a window the console did not open as its main window' };
    for (const channel of Object.values(BRIDGE_CHANNELS)) {
      const answer = await ipc.invokeFrom(channel, undefined, { sender: otherWindow, senderFrame: { url: APP_PAGE_URL, parent: null } });
      expect(answer, channel).toMatchObject(REFUSED);
    }
    expect(ran).toEqual([]);
  });

  it('refuses a frame that is gone, or one Electron throws on when it is read', async () => {
    const { ipc, ran } = bridge();
    expect(await ipc.invoke(BRIDGE_CHANNELS.listConnections, undefined, null)).toMatchObject(REFUSED);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(await ipc.invokeFrom(BRIDGE_CHANNELS.listConnections, undefined, { sender: ipc.mainWindow, senderFrame: disposed })).toMatchObject(
      REFUSED,
    );
    expect(ran).toEqual([]);
  });

  it('needs all three: top frame, app page, main window', () => {
    const mainWindow = {};
    const trust = { isAppPage: createSenderCheck(APP_PAGE_URL), isConsoleWindow: (sender: unknown) => sender === mainWindow };
    const top = (url: string) => ({ url, parent: null });
    expect(isTrustedSender({ sender: mainWindow, senderFrame: top(`${APP_PAGE_URL}#/reader`) }, trust)).toBe(true);
    expect(isTrustedSender({ sender: mainWindow, senderFrame: top('https://evil.example/') }, trust)).toBe(false);
    expect(isTrustedSender({ sender: {}, senderFrame: top(APP_PAGE_URL) }, trust)).toBe(false);
    expect(isTrustedSender({ sender: mainWindow, senderFrame: { url: APP_PAGE_URL, parent: undefined } }, trust)).toBe(false);
    expect(isTrustedSender({ sender: null, senderFrame: top(APP_PAGE_URL) }, { ...trust, isConsoleWindow: () => false })).toBe(false);
  });
});
