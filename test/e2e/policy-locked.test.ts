import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../../simulator';
import { tempFolders } from '../helpers/temp-folders';
import { seriousViolations } from './axe-check';
import { launchConsole, type ConsoleUnderTest } from './harness';

// Issue 21.1 end to end: a policy file that fails its checks is never half-applied. The
// console starts locked, the page shows the file and its first error and who to ask, and
// main refuses every write (one keyring per test file, so apart from managed-policy.test.ts).

const newFolder = tempFolders('cc-e2e-policy-locked-');

type Answer = { ok: boolean; error?: { kind: string; reason?: string; key?: string; path?: string; firstError?: string } };

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

describe('a policy file that fails its checks', () => {
  let app: ConsoleUnderTest;
  let policyFile = '';

  beforeAll(async () => {
    policyFile = join(newFolder(), 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ version: 1, allowBulks: false }));
    app = await launchConsole({ userCount: 5, seed: 4 }, { policyFile });
  });
  afterAll(() => app?.close());

  it('starts the console locked, showing the file and its first error, and main refuses every write', async () => {
    const banner = app.page.getByRole('alert').filter({ hasText: 'The console is locked' });
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain(policyFile);
    expect(text).toContain('Unknown setting "allowBulks"');
    expect(text).toMatch(/Ask your IT administrator/);
    expect(await seriousViolations(app.page)).toEqual([]);
    await at1024(app, 'policy-locked-1024');
    expect(
      await bridgeCall(app.page, 'saveConnection', {
        connection: { name: 'Mine', environment: 'custom', baseUrl: app.sim.baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'policy', reason: 'policy-invalid', path: policyFile } });
  });
});
