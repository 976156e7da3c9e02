import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../../simulator';
import { closedPort } from '../helpers/closed-port';
import { tempFolders } from '../helpers/temp-folders';
import { seriousViolations } from './axe-check';
import { launchConsole, type ConsoleUnderTest } from './harness';

// Issue 21.1 end to end: the organisation's policy file, read by the real main-process
// code, shown in the built page. Two preset connections, Bulk off and a retention minimum
// are shown as set by the organisation and refused by main even when the page is
// bypassed (a policy that fails its checks: policy-locked.test.ts).

const newFolder = tempFolders('cc-e2e-policy-');

type Answer = { ok: boolean; error?: { kind: string; reason?: string; key?: string; path?: string; firstError?: string } };

/** A call straight to the bridge, as a page that ignores what it shows could make it. */
const bridgeCall = (page: Page, op: string, request?: unknown): Promise<Answer> =>
  page.evaluate(
    ([name, payload]) => (window as unknown as { conscent: Record<string, (r?: unknown) => Promise<Answer>> }).conscent[name as string]!(payload),
    [op, request] as const,
  );

async function at1024(app: ConsoleUnderTest, name: string) {
  await app.page.setViewportSize({ width: 1024, height: 640 });
  const path = await app.screenshot(name);
  await app.page.setViewportSize({ width: 1280, height: 860 });
  return path;
}

describe('a policy with two preset connections, Bulk off and a retention minimum', () => {
  let app: ConsoleUnderTest;
  const page = () => app.page;

  beforeAll(async () => {
    const port = await closedPort();
    const policyFile = join(newFolder(), 'policy.json');
    const baseUrl = `http://127.0.0.1:${port}/api/v1`;
    writeFileSync(
      policyFile,
      JSON.stringify({
        version: 1,
        connections: [
          { id: 'acme-support', name: 'Acme support desk', environment: 'custom', baseUrl, clientId: DEMO_CLIENT.clientId },
          { id: 'acme-escalations', name: 'Acme escalations', environment: 'custom', baseUrl, clientId: DEMO_CLIENT.clientId },
        ],
        defaultConnection: 'acme-support',
        allowOwnConnections: false,
        allowBulk: false,
        minRetentionDays: 400,
      }),
    );
    app = await launchConsole({ userCount: 20, seed: 4, port }, { policyFile });
  });
  afterAll(() => app?.close());

  it('asks on first start only for the default connection’s key and secret, then opens the reader screen', async () => {
    const form = page().locator('section', { has: page().getByRole('heading', { name: 'API key and secret for “Acme support desk”' }) });
    await form.waitFor();
    expect(await form.getByText('Set by your organisation').count()).toBe(1);
    expect(await form.getByLabel('Base URL').count()).toBe(0);
    expect(await seriousViolations(page())).toEqual([]);
    await at1024(app, 'policy-first-start-key-1024');
    await form.getByLabel('API key', { exact: true }).fill(DEMO_CLIENT.apiKey);
    await form.getByLabel('API secret', { exact: true }).fill(DEMO_CLIENT.apiSecret);
    await form.getByRole('button', { name: 'Save key and secret' }).click();
    await page().getByLabel('Find a reader', { exact: true }).waitFor();
  });

  it('lists both preset connections as set by the organisation, not editable or deletable, with no Add connection', async () => {
    await page().getByRole('button', { name: 'Connections' }).click();
    const list = page().getByRole('list', { name: 'Saved connections' });
    await list.waitFor();
    const cards = list.getByRole('listitem');
    expect(await cards.count()).toBe(2);
    expect(await list.getByText('Set by your organisation').count()).toBe(2);
    expect(await list.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    expect(await page().getByRole('button', { name: 'Add connection' }).count()).toBe(0);
    expect(await seriousViolations(page())).toEqual([]);
    await at1024(app, 'policy-connections-1024');
  });

  it('shows Bulk and the retention minimum as set by the organisation', async () => {
    await page().getByRole('button', { name: 'Bulk', exact: true }).click();
    await page()
      .getByText(/Bulk corrections are turned off by your organisation’s policy/)
      .waitFor();
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByRole('button', { name: 'History', exact: true }).click();
    await page().getByText('Set by your organisation: at least 400 days').waitFor();
    // The history keeps at least the minimum, whatever was stored before.
    expect(await page().getByLabel('Keep changes for (days)').inputValue()).toBe('400');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('main refuses what the policy forbids even when the page is bypassed', async () => {
    expect(await bridgeCall(page(), 'saveHistorySettings', { displayName: '', retentionDays: 30 })).toMatchObject({
      ok: false,
      error: { kind: 'policy', reason: 'forbidden', key: 'minRetentionDays' },
    });
    expect(await bridgeCall(page(), 'deleteConnection', { id: 'acme-escalations' })).toMatchObject({
      ok: false,
      error: { kind: 'policy', reason: 'forbidden', key: 'connections' },
    });
    expect(
      await bridgeCall(page(), 'saveConnection', {
        connection: { name: 'Mine', environment: 'custom', baseUrl: app.sim.baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'policy', key: 'allowOwnConnections' } });
  });
});
