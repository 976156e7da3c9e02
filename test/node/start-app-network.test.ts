import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { INSPECTING_CA_NAME, loopbackAlias, makeInspectingCa } from '../helpers/inspecting-ca';
import { startTinyproxy, type RunningProxy } from '../helpers/tinyproxy';
import { startToReady } from './start-app-harness';

// Issue 13: startApp hands Electron's session.resolveProxy to the HTTP client, so the
// console's requests take the proxy the system names (PAC and WPAD included), not the
// environment's. The server's certificate comes from a CA this computer does not trust,
// so the request stops at the handshake, after the route was taken, and names the issuer.

let sim: RunningSimulator;
let proxy: RunningProxy;
let baseUrl: string;
beforeAll(async () => {
  const alias = await loopbackAlias();
  const ca = await makeInspectingCa(alias);
  [sim, proxy] = await Promise.all([startSimulator({ userCount: 3, tls: ca.server }), startTinyproxy()]);
  baseUrl = sim.baseUrl.replace('127.0.0.1', alias);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), proxy?.stop()]);
});

describe("the app's network comes from Electron", () => {
  it("Test connection goes through the proxy the session's resolveProxy names, and names who issued the refused certificate", async () => {
    const electron = await startToReady();
    electron.session.defaultSession.proxyAnswer = `PROXY ${proxy.address}; DIRECT`;
    const result = await electron.ipcMain.invoke(
      BRIDGE_CHANNELS.testConnection,
      {
        connection: { name: 'Corp', environment: 'custom', baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      },
      APP_PAGE_URL,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', reason: 'certificate', issuer: INSPECTING_CA_NAME } });
    expect(await proxy.log()).toContain(`CONNECT ${new URL(baseUrl).host}`);
    expect(sim.requests).toEqual([]);
  });
});
