import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../common/result';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type Fault, type RunningSimulator } from '../../simulator';
import { E2E_REQUEST_TIMEOUT_MS, SCREENSHOT_DIR, launchConsole, type ConsoleUnderTest } from './harness';
import { RAW_ERROR_TEXT, failuresSince, steps } from './ui-steps';
import { expectValue } from './expect-value';

// The failure catalogue, each entry met by an agent in the real UI against the simulator:
// the right error kind reaches the page, the screen explains it in words, every edit is
// still in the form, and the same action works once the fault is gone.

let app: ConsoleUnderTest;
let tlsSim: RunningSimulator;
const page = (): Page => app.page;
const ui = steps(page);
const FIGURES = join(SCREENSHOT_DIR, '..', 'failure-catalogue-figures.json');
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  app = await launchConsole({ userCount: 50, seed: 11 });
  tlsSim = await startSimulator({ userCount: 1, tls: true });
});
// One failed entry must not leave a dialog open for the next: start it on a fresh page.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await app.reopen();
});
afterAll(async () => {
  await mkdir(join(SCREENSHOT_DIR, '..'), { recursive: true });
  await writeFile(FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
  await tlsSim?.stop();
  await app?.close();
});

const LOCAL = 'Local simulator';

it('the agent saves one connection to the simulator', async () => {
  await ui.field('Connection name').waitFor();
  await ui.fillConnection({
    name: LOCAL,
    baseUrl: app.sim.baseUrl,
    clientId: DEMO_CLIENT.clientId,
    apiKey: DEMO_CLIENT.apiKey,
    apiSecret: DEMO_CLIENT.apiSecret,
  });
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();
});

interface SaveCase {
  name: string;
  fault: Fault;
  kind: ErrorKind;
  /** What happened, as the agent reads it (renderer/src/errors/, from main's facts). */
  what: RegExp;
  /** What to do, said once (issue 22.3). */
  todo: RegExp;
  /** How many sends in a row meet the fault (the agent's "Try again" included). */
  times?: number;
  screenshot?: string;
}

const timeoutSeconds = E2E_REQUEST_TIMEOUT_MS / 1000;
const OVERSIZED_BYTES = 50 * 1024 * 1024;

const REFRESH = /^Refresh the reader to see what ConsCent has now before sending the change again\.$/;

const SAVE_CASES: SaveCase[] = [
  {
    name: 'latency past the timeout',
    fault: { kind: 'latency', ms: E2E_REQUEST_TIMEOUT_MS * 2 },
    kind: 'timeout',
    what: new RegExp(`did not answer within ${timeoutSeconds} s\\.$`),
    todo: REFRESH,
    screenshot: 'fc-save-timeout',
  },
  {
    name: 'a dropped connection',
    fault: { kind: 'drop' },
    kind: 'network',
    what: /was dropped before ConsCent answered\.$/,
    todo: REFRESH,
  },
  {
    name: '401',
    fault: { kind: 'status', status: 401 },
    kind: 'unauthorized',
    what: /rejected the API key or secret of this connection/,
    todo: /^Check them in Connections/,
  },
  {
    name: '403',
    fault: { kind: 'status', status: 403 },
    kind: 'forbidden',
    what: /refused this action for this connection's API key \(ConsCent said: "Forbidden"\)/,
    todo: /^Ask ConsCent/,
  },
  {
    name: '404',
    fault: { kind: 'status', status: 404 },
    kind: 'not-found',
    what: new RegExp(`no reader with user id ${SEED_EXAMPLE_USER_ID} on this connection, so nothing was changed`),
    todo: /^Check the user id/,
  },
  {
    name: '429 with Retry-After: 2',
    fault: { kind: 'status', status: 429, retryAfterSeconds: 2 },
    kind: 'rate-limited',
    what: /too many requests from this connection/,
    todo: /^Wait 2 s, then try again\.$/,
    times: 2,
    screenshot: 'fc-save-429-countdown',
  },
  {
    name: '500',
    fault: { kind: 'status', status: 500 },
    kind: 'server-error',
    what: /had a problem on its side \(HTTP 500, saying "Internal Server Error"\)\.$/,
    todo: REFRESH,
  },
  { name: '502', fault: { kind: 'status', status: 502 }, kind: 'server-error', what: /had a problem on its side \(HTTP 502\b/, todo: REFRESH },
  { name: '503', fault: { kind: 'status', status: 503 }, kind: 'server-error', what: /had a problem on its side \(HTTP 503\b/, todo: REFRESH },
  {
    name: "a gateway's HTML error page (502)",
    fault: { kind: 'html' },
    kind: 'server-error',
    what: /had a problem on its side \(HTTP 502\b/,
    todo: REFRESH,
    screenshot: 'fc-save-html',
  },
  {
    name: 'an HTML sign-in page with 200 (captive portal, or a website as base URL)',
    fault: { kind: 'html', status: 200 },
    kind: 'unexpected-response',
    what: /something that is not JSON\.$/,
    todo: REFRESH,
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed-json' },
    kind: 'unexpected-response',
    what: /something that is not JSON/,
    todo: REFRESH,
  },
  {
    name: 'valid JSON of the wrong shape',
    fault: { kind: 'wrong-shape' },
    kind: 'unexpected-response',
    what: /in a shape the console does not understand/,
    todo: REFRESH,
  },
  {
    name: 'an oversized body (50 MiB, three times in a row)',
    fault: { kind: 'oversized', bytes: OVERSIZED_BYTES },
    kind: 'unexpected-response',
    what: /far larger than expected, so the console stopped reading it/,
    todo: REFRESH,
    times: 3,
    screenshot: 'fc-save-oversized',
  },
];

/** Samples this process's memory (main handlers, simulator and driver all live here). */
function memorySampler() {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed + start.external;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage();
      const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      return {
        rssBeforeMiB: mib(start.rss),
        rssAfterMiB: mib(end.rss),
        rssPeakGrowthMiB: mib(peakRss - start.rss),
        heapPlusExternalPeakGrowthMiB: mib(peakHeap - (start.heapUsed + start.external)),
      };
    },
  };
}

let phoneCounter = 9000001000;

describe('saving (PATCH): every status and body fault', () => {
  for (const c of SAVE_CASES) {
    it(`${c.name} → ${c.kind}`, async () => {
      const phone = String(phoneCounter++);
      const city = `City ${phone.slice(-3)}`;
      const times = c.times ?? 1;
      await ui.openSeedReader();
      await ui.editPhoneAndCity(phone, city);
      app.sim.clearRequests();
      app.sim.addFault({ path: '/client/update-user', method: 'PATCH', fault: c.fault, times });
      const from = app.ipcResults.length;
      const memory = c.fault.kind === 'oversized' ? memorySampler() : undefined;

      const dialog = await ui.reviewAndSend();
      const alert = dialog.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      const failures = () => failuresSince(app.ipcResults, from);
      expect(failures().map((e) => e.kind)).toEqual([c.kind]);
      const text = await alert.innerText();
      expect(await alert.locator('.notice-summary').innerText()).toMatch(c.what);
      const todo = await alert.locator('.notice-todo').innerText();
      expect(todo).toMatch(c.todo);
      expect(text.split(todo), 'what to do is said once').toHaveLength(2);
      expect(text).not.toMatch(RAW_ERROR_TEXT);
      expect(text).toMatch(/Your edits are kept/);
      if (c.screenshot && c.fault.kind !== 'status') await app.screenshot(c.screenshot, { fullPage: false });

      // The agent presses "Try again" while the fault lasts (oversized: three bodies in a row).
      for (let attempt = 2; attempt <= times && c.fault.kind === 'oversized'; attempt += 1) {
        await dialog.getByRole('button', { name: 'Try again' }).click();
        await expect.poll(() => failures().length, { timeout: 30_000 }).toBe(attempt);
      }
      if (memory) {
        const oversized = app.sim.requests.filter((r) => r.fault === 'oversized');
        const sent = oversized.map((r) => r.bytesSent ?? 0);
        figures.oversized = { bodyBytes: OVERSIZED_BYTES, responses: oversized.length, bytesWrittenBySimulator: sent, ...memory.stop() };
        expect(oversized).toHaveLength(3);
        // The client hung up after its 2 MiB cap: the simulator never got to write even a
        // quarter of a body (socket buffers account for the rest).
        for (const bytes of sent) expect(bytes).toBeLessThan(OVERSIZED_BYTES / 4);
        expect((figures.oversized as { rssPeakGrowthMiB: number }).rssPeakGrowthMiB).toBeLessThan(OVERSIZED_BYTES / 1024 / 1024);
      }

      // Nothing was applied, and every edit is still in the form.
      expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)!.phone).not.toBe(phone);
      await dialog.getByRole('button', { name: 'Back to editing' }).click();
      await ui.expectPhoneAndCity(phone, city);
      await page()
        .getByText(/your edits are kept/i)
        .first()
        .waitFor();

      if (c.fault.kind === 'status' && c.fault.status === 429) {
        // The second send is limited too: "Try again" is held back for the Retry-After,
        // counts down, and once it is pressed after the wait the change is saved.
        await ui.reviewAndSend();
        const retry = dialog.getByRole('button', { name: 'Try again' });
        await retry.waitFor();
        // Read at once, in the page: the countdown is only 2 s long.
        const held = await dialog.evaluate((el) => ({
          disabled: Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Try again')?.disabled,
          countdown: /You can try again in [12] s\./.test(el.textContent ?? ''),
        }));
        expect(held).toEqual({ disabled: true, countdown: true });
        if (c.screenshot) await app.screenshot(c.screenshot, { fullPage: false });
        const patchesBefore = app.sim.requests.filter((r) => r.method === 'PATCH').length;
        await retry.click(); // Playwright waits until the button is enabled again
        await ui.waitForSaved();
        expect(app.sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(patchesBefore + 1);
      } else {
        await ui.reviewAndSend();
        await ui.waitForSaved();
      }
      expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)!.phone).toBe(phone);
      expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)!.address.city).toBe(city);
    });
  }
});

describe('looking up: faults that stop the search itself', () => {
  const DETAILS = '/user/user-and-subscription-details';

  async function searchFails(kind: ErrorKind, detail: RegExp, screenshot?: string): Promise<void> {
    const from = app.ipcResults.length;
    await ui.search(SEED_EXAMPLE_USER_ID);
    const alert = page().getByRole('alert').filter({ hasText: 'The search failed.' });
    await alert.waitFor({ timeout: 30_000 });
    const kinds = failuresSince(app.ipcResults, from).map((e) => e.kind);
    expect(kinds).toEqual([kind]);
    const text = await alert.innerText();
    expect(text).toMatch(detail);
    expect(text).not.toMatch(RAW_ERROR_TEXT);
    // The search box keeps what the agent typed.
    await expectValue(ui.field('Find a reader'), SEED_EXAMPLE_USER_ID);
    if (screenshot) await app.screenshot(screenshot);
  }

  async function tryAgainOpensTheReader(): Promise<void> {
    await page().getByRole('alert').filter({ hasText: 'The search failed.' }).getByRole('button', { name: 'Try again' }).click();
    await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    expect(await page().getByText('The search failed.').count()).toBe(0);
  }

  it('no answer (past the timeout) → timeout; works once ConsCent answers again', async () => {
    // Permanent until cleared: the client may retry a lookup on its own, and must still fail.
    app.sim.addFault({ path: DETAILS, fault: { kind: 'hang' } });
    await searchFails('timeout', /did not answer within [\d.]+ s\.\s+Try again in a moment\./, 'fc-lookup-timeout');
    app.sim.clearFaults();
    await tryAgainOpensTheReader();
  });

  it('a refused connection (ConsCent down) → network; works once it is back', async () => {
    const port = app.sim.port;
    await app.sim.stop();
    await searchFails('network', /the connection was refused/);
    await app.restartSimulator(port);
    await tryAgainOpensTheReader();
  });

  it('a host that does not exist → network (DNS); the agent fixes the URL and it works, via a TLS refusal', async () => {
    const other = 'Typo connection';
    await ui.button('Connections').click();
    await ui.button('Add connection').click();
    const typed = {
      name: other,
      baseUrl: 'https://no-such-host.invalid/api/v1',
      clientId: DEMO_CLIENT.clientId,
      apiKey: DEMO_CLIENT.apiKey,
      apiSecret: DEMO_CLIENT.apiSecret,
    };
    await ui.fillConnection(typed);
    // Test connection meets it first: explained, and nothing typed is lost.
    await ui.button('Test connection').click();
    const testAlert = page().getByRole('alert').filter({ hasText: 'Connection test failed.' });
    await testAlert.getByText(/The server name no-such-host.invalid could not be found/).waitFor({ timeout: 30_000 });
    await ui.expectConnectionForm(typed);
    await app.screenshot('fc-test-connection-dns');
    await ui.button('Save connection').click();
    await ui.button(`Use ${other}`).click();

    await searchFails(
      'network',
      /The server name no-such-host\.invalid could not be found\.\s+Check the spelling of the connection's base URL/,
      'fc-lookup-dns',
    );

    // The agent corrects the host, but it answers with a self-signed certificate.
    tlsSim.clearRequests();
    // Another origin: the stored key and secret stay behind, so the agent types them again.
    const demoCredentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
    await ui.repointConnection(other, tlsSim.baseUrl, demoCredentials);
    const from = app.ipcResults.length;
    await page().getByRole('alert').filter({ hasText: 'The search failed.' }).getByRole('button', { name: 'Try again' }).click();
    const tlsAlert = page()
      .getByRole('alert')
      .filter({ hasText: /certificate could not be verified/ });
    await tlsAlert.waitFor();
    expect(failuresSince(app.ipcResults, from).map((e) => e.kind)).toEqual(['network']);
    expect(await tlsAlert.innerText()).toMatch(/nothing was sent.*self-signed certificate.*tell your IT team/s);
    await expectValue(ui.field('Find a reader'), SEED_EXAMPLE_USER_ID);
    expect(tlsSim.requests).toHaveLength(0); // the handshake failed: no request, no credentials
    await app.screenshot('fc-lookup-tls');

    // The right URL: the same search works.
    await ui.repointConnection(other, app.sim.baseUrl, demoCredentials);
    await tryAgainOpensTheReader();
  });
});
