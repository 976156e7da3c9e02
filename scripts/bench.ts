// `npm run bench`: the console's own cost measured against its floor (issue #12), in one
// run on this machine. Needs a build (`npm run build`), Debian's Chromium, and D-Bus +
// gnome-keyring (the bench gets its own private keyring, as the tests do). Prints the
// figures and writes them to test-results/bench.json. docs/architecture.md says what
// each figure means.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import keytar from 'keytar';
import { chromium } from 'playwright-core';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../simulator';
import { countingKeytar } from '../test/helpers/counting-keytar';
import { launchConsole } from '../test/e2e/harness';
import { agentActions, measureCount, nextMeasure, startUpMeasure, type ActionName } from './bench/agent-actions';
import { buildBarePage, jsSizes } from './bench/bundle';
import { printAuditForwardingFigures, runAuditForwardingBench } from './bench/audit-forwarding';
import { printBulkFigures, runBulkBench } from './bench/bulk';
import { printHistoryFigures, runHistoryBench } from './bench/history';
import { requestRecorder, roundTrips } from './bench/round-trips';
import { serveStatic } from './bench/serve-static';
import { CHROMIUM_PATH, chromiumArgs } from './chromium-shell/chromium';

const ROOT = resolve(__dirname, '..');
const RUNS = 9;
const START_RUNS = 15;
const LATENCIES_MS = [0, 100] as const;
const BRIDGE_CYCLES = 2_000;
/** The goals (#12), checked and printed next to each figure. */
const GOALS = { actionVsFloor: 1.15, jsVsBare: 1.5, startVsBare: 1.3, rssGrowthMb: 5 };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const verdict = (ok: boolean) => (ok ? 'meets goal' : 'MISSES goal');

type ActionFigure = {
  action: ActionName;
  latencyMs: number;
  medianMs: number;
  requests: number;
  roundTrips: number;
  floorMs: number;
  ratioToFloor: number | null;
  keychainCalls: number;
};

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

async function main(): Promise<void> {
  await stat(join(ROOT, 'out/renderer/index.html')).catch(() => {
    throw new Error('No build: run `npm run build` first.');
  });

  // ---- Bundle: the same Vite builds the bare page now, so both are from this run.
  const bareDir = await buildBarePage(ROOT);
  const appJs = await jsSizes(join(ROOT, 'out/renderer'));
  const bareJs = await jsSizes(bareDir);

  // ---- The console, with every keychain call counted and every request timed.
  const keychain = countingKeytar(keytar);
  const recorder = requestRecorder();
  const app = await launchConsole({ userCount: 200, seed: 5, onRequest: recorder.onRequest }, { keytar: keychain });
  const { page, sim } = app;
  const saved = await page.evaluate(
    (connection) =>
      (window as unknown as { conscent: { saveConnection(r: unknown): Promise<{ ok: boolean; value?: { id: string } }> } }).conscent.saveConnection(
        connection,
      ),
    {
      connection: { name: 'Bench', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
      credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
    },
  );
  if (!saved.ok || !saved.value) throw new Error('could not create the bench connection');
  const connectionId = saved.value.id;

  // ---- Start-up: page loaded → lookup box interactive, by the page's own measure.
  const appStart: number[] = [];
  for (let i = 0; i < START_RUNS; i += 1) appStart.push(await startUpMeasure(page, () => page.reload()));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs({ headless: true }) });
  const bareServer = await serveStatic(bareDir);
  const barePage = await browser.newPage();
  const bareStart: number[] = [];
  for (let i = 0; i < START_RUNS; i += 1) bareStart.push(await startUpMeasure(barePage, () => barePage.goto(bareServer.url)));
  await browser.close();
  await bareServer.close();

  // ---- Agent actions through the UI, at each added latency.
  const seedEmail = sim.getUser(SEED_EXAMPLE_USER_ID)?.email;
  if (!seedEmail) throw new Error('the seed reader has no email');
  const actions = agentActions(seedEmail);
  // First use of the connection in this session: reads its key and secret from the keychain.
  keychain.reset();
  await actions[0]!.act(page, 0);
  await page.getByText("As returned by ConsCent's lookup").waitFor();
  const firstUseKeychainCalls = keychain.calls.length;

  const figures: ActionFigure[] = [];
  for (const latencyMs of LATENCIES_MS) {
    sim.clearFaults();
    if (latencyMs > 0) sim.addFault({ fault: { kind: 'latency', ms: latencyMs } });
    for (const action of actions) {
      const times: number[] = [];
      const requests: number[] = [];
      const trips: number[] = [];
      const keychainCalls: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        await action.prepare(page, run);
        const before = await measureCount(page, action.measure);
        recorder.clear();
        keychain.reset();
        await action.act(page, run);
        times.push(await nextMeasure(page, action.measure, before));
        requests.push(recorder.requests.length);
        trips.push(roundTrips(recorder.requests));
        keychainCalls.push(keychain.calls.length);
      }
      // The floor: one round trip to ConsCent, the least any of these actions can take.
      const floorMs = latencyMs;
      const medianMs = median(times);
      figures.push({
        action: action.name,
        latencyMs,
        medianMs: round(medianMs),
        requests: median(requests),
        roundTrips: median(trips),
        floorMs,
        ratioToFloor: floorMs > 0 ? round(medianMs / floorMs, 2) : null,
        keychainCalls: Math.max(...keychainCalls),
      });
    }
  }
  sim.clearFaults();

  // ---- Main-process memory over many bridge cycles (lookup + save through the real bridge).
  const cycles = (count: number, from: number) =>
    page.evaluate(
      async ({ connectionId, userId, count, from }) => {
        const bridge = (
          window as unknown as {
            conscent: { lookupReader(r: unknown): Promise<{ ok: boolean }>; updateReader(r: unknown): Promise<{ ok: boolean }> };
          }
        ).conscent;
        for (let i = from; i < from + count; i += 1) {
          if (!(await bridge.lookupReader({ connectionId, query: userId })).ok) throw new Error('lookup failed');
          if (!(await bridge.updateReader({ connectionId, userId, changes: { name: `Cycle ${i}` } })).ok) throw new Error('save failed');
        }
      },
      { connectionId, userId: SEED_EXAMPLE_USER_ID, count, from },
    );
  await cycles(200, 0); // warm-up: JIT, pools, caches
  gc();
  const rssBefore = process.memoryUsage().rss;
  keychain.reset();
  for (let done = 0; done < BRIDGE_CYCLES; done += 250) await cycles(250, 200 + done);
  gc();
  const rssGrowthMb = round((process.memoryUsage().rss - rssBefore) / 1024 / 1024, 2);
  const cycleKeychainCalls = keychain.calls.length;
  await app.close();
  await rm(join(bareDir, '..'), { recursive: true, force: true });

  const kib = (bytes: number) => round(bytes / 1024);
  const result = {
    machine: 'this machine, one run',
    bundle: {
      appFirstPaintJsGzipKiB: kib(appJs.firstPaintGzip),
      appTotalJsGzipKiB: kib(appJs.totalGzip),
      appJsFiles: appJs.files,
      bareJsGzipKiB: kib(bareJs.totalGzip),
      firstPaintRatio: round(appJs.firstPaintGzip / bareJs.totalGzip, 2),
      totalRatio: round(appJs.totalGzip / bareJs.totalGzip, 2),
    },
    startUp: {
      appMedianMs: round(median(appStart)),
      bareMedianMs: round(median(bareStart)),
      ratio: round(median(appStart) / median(bareStart), 2),
      runs: START_RUNS,
    },
    actions: figures,
    runsPerAction: RUNS,
    keychain: { firstUseCalls: firstUseKeychainCalls, callsOver2000Cycles: cycleKeychainCalls },
    memory: { bridgeCycles: BRIDGE_CYCLES, mainRssGrowthMb: rssGrowthMb },
    goals: GOALS,
  };
  await mkdir(join(ROOT, 'test-results'), { recursive: true });
  await writeFile(join(ROOT, 'test-results', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  print(result);
  // The change history's figures (issue #10), measured in the same run; also in test-results/bench-history.json.
  printHistoryFigures(await runHistoryBench());
  printBulkFigures(await runBulkBench());
  printAuditForwardingFigures(await runAuditForwardingBench());
}

function print(r: {
  bundle: { appFirstPaintJsGzipKiB: number; appTotalJsGzipKiB: number; bareJsGzipKiB: number; firstPaintRatio: number; totalRatio: number };
  startUp: { appMedianMs: number; bareMedianMs: number; ratio: number; runs: number };
  actions: ActionFigure[];
  runsPerAction: number;
  keychain: { firstUseCalls: number; callsOver2000Cycles: number };
  memory: { mainRssGrowthMb: number };
}): void {
  const { bundle: b, startUp: s } = r;
  console.log('\nConsCent Console bench (this machine, one run)\n');
  console.log('| figure | console | bare React page | ratio | goal |\n| --- | --- | --- | --- | --- |');
  console.log(
    `| renderer JS before the lookup box, gzip | ${b.appFirstPaintJsGzipKiB} KiB | ${b.bareJsGzipKiB} KiB | ${b.firstPaintRatio}× | ≤ ${GOALS.jsVsBare}×: ${verdict(b.firstPaintRatio <= GOALS.jsVsBare)} |`,
  );
  console.log(
    `| renderer JS in all, lazy screens too, gzip | ${b.appTotalJsGzipKiB} KiB | ${b.bareJsGzipKiB} KiB | ${b.totalRatio}× | (for reference) |`,
  );
  console.log(
    `| page loaded → lookup interactive, median of ${s.runs} | ${s.appMedianMs} ms | ${s.bareMedianMs} ms | ${s.ratio}× | ≤ ${GOALS.startVsBare}×: ${verdict(s.ratio <= GOALS.startVsBare)} |`,
  );
  console.log(
    `\n| action (median of ${r.runsPerAction}) | added latency | median | requests | round trips on critical path | floor | ratio to floor | keychain calls |\n| --- | --- | --- | --- | --- | --- | --- | --- |`,
  );
  for (const f of r.actions) {
    const ratio = f.ratioToFloor === null ? '—' : `${f.ratioToFloor}× (${verdict(f.ratioToFloor <= GOALS.actionVsFloor)})`;
    console.log(
      `| ${f.action} | ${f.latencyMs} ms | ${f.medianMs} ms | ${f.requests} | ${f.roundTrips} | ${f.floorMs} ms | ${ratio} | ${f.keychainCalls} |`,
    );
  }
  console.log(
    `\nKeychain calls: ${r.keychain.firstUseCalls} on the connection's first use in the session, ${r.keychain.callsOver2000Cycles} over ${BRIDGE_CYCLES} lookup + save cycles.`,
  );
  console.log(
    `Main-process RSS growth over ${BRIDGE_CYCLES} bridge cycles: ${r.memory.mainRssGrowthMb} MB (goal < ${GOALS.rssGrowthMb} MB: ${verdict(r.memory.mainRssGrowthMb < GOALS.rssGrowthMb)}).`,
  );
  console.log('\nAlso written to test-results/bench.json.');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
