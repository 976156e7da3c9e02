// `npm run bench`: the console's own cost measured against its floor (issue #12), in one
// run on this machine. Needs a build (`npm run build`), Debian's Chromium, and D-Bus +
// gnome-keyring (the bench gets its own private keyring, as the tests do). Prints the
// figures and writes them to test-results/bench.json. docs/architecture.md says what
// each figure means. `npm run bench -- --quick`: fewer runs and cycles, no history and bulk
// figures (for trying a change; not for the figures of a closing note). `-- --heap-snapshots`:
// heap snapshots of the main process at cycles 0, 1,000 and 2,000, and what grew between them
// (its RSS figure then includes the snapshots' own cost). `-- --skip-bulk`: everything but the bulk run.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
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
import type { Growth } from './bench/heap-growth';
import { mainStageRecorder, stagesOf, STAGE_COLUMNS, type StageFigures } from './bench/stages';
import { CHROMIUM_PATH, chromiumArgs } from './chromium-shell/chromium';

const ROOT = resolve(__dirname, '..');
const QUICK = process.argv.includes('--quick');
const HEAP_SNAPSHOTS = process.argv.includes('--heap-snapshots');
/** Leaves out the bulk run (10,000 rows; minutes on a busy machine), for runs that do not touch bulk. */
const SKIP_BULK = process.argv.includes('--skip-bulk');
const RUNS = QUICK ? 3 : 9;
const START_RUNS = QUICK ? 5 : 15;
const LATENCIES_MS = [0, 100] as const;
const BRIDGE_CYCLES = QUICK ? 500 : 2_000;
/** The issues' goals (#12, #23), checked and printed next to each figure. */
const GOALS = { actionVsFloor: 1.15, actionAtZeroMs: 20, jsVsBare: 1.5, startVsBare: 1.3, rssGrowthMb: 5 };

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
  /** Median of each stage over the runs (scripts/bench/stages.ts). */
  stages: StageFigures;
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
  // As the app: a save is answered before its outcome line's fsync. IPC results are not kept
  // (the E2E leak checks keep each one; here they would count as main's memory).
  const app = await launchConsole(
    { userCount: 200, seed: 5, onRequest: recorder.onRequest },
    { keytar: keychain, outcomeAfterAnswer: true, recordIpcResults: false },
  );
  const mainStages = mainStageRecorder();
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
      const stages: StageFigures[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        await action.prepare(page, run);
        const before = await measureCount(page, action.measure);
        recorder.clear();
        keychain.reset();
        mainStages.clear();
        await action.act(page, run);
        times.push(await nextMeasure(page, action.measure, before));
        stages.push(await stagesOf(page, action.measure, action.operation, mainStages.totals(action.operation)));
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
        stages: Object.fromEntries(STAGE_COLUMNS.map(([key]) => [key, round(median(stages.map((s) => s[key])))])) as StageFigures,
      });
    }
  }
  sim.clearFaults();
  mainStages.stop();

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
  const snapshotDir = HEAP_SNAPSHOTS ? await mkdtemp(join(tmpdir(), 'cc-bench-heap-')) : '';
  const snapshots: string[] = [];
  const snapshot = () => void (HEAP_SNAPSHOTS && snapshots.push(writeHeapSnapshot(join(snapshotDir, `cycle-${snapshots.length}.heapsnapshot`))));
  snapshot();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  keychain.reset();
  for (let done = 0; done < BRIDGE_CYCLES; done += 250) {
    await cycles(250, 200 + done);
    if (done + 250 === BRIDGE_CYCLES / 2) {
      gc();
      snapshot();
    }
  }
  gc();
  const rssGrowthMb = round((process.memoryUsage().rss - rssBefore) / 1024 / 1024, 2);
  const heapGrowthMb = round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 2);
  snapshot();
  const growth: Growth[][] = [];
  for (let i = 1; i < snapshots.length; i += 1) {
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=8192', '--import', 'tsx', join(ROOT, 'scripts/bench/heap-growth.ts'), snapshots[i - 1]!, snapshots[i]!],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    growth.push(run.status === 0 ? (JSON.parse(run.stdout) as Growth[]) : []);
  }
  if (snapshotDir) await rm(snapshotDir, { recursive: true, force: true });
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
    memory: { bridgeCycles: BRIDGE_CYCLES, mainRssGrowthMb: rssGrowthMb, mainHeapGrowthMb: heapGrowthMb, heapGrowthBetweenSnapshots: growth },
    goals: GOALS,
  };
  await mkdir(join(ROOT, 'test-results'), { recursive: true });
  await writeFile(join(ROOT, 'test-results', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  print(result);
  if (QUICK) {
    printGoals(result, undefined, undefined);
    return;
  }
  // The change history's figures (issue #10), measured in the same run; also in test-results/bench-history.json.
  const history = await runHistoryBench();
  printHistoryFigures(history);
  const bulk = SKIP_BULK ? undefined : await runBulkBench();
  if (bulk) printBulkFigures(bulk);
  if (!SKIP_BULK) printAuditForwardingFigures(await runAuditForwardingBench());
  printGoals(result, history, bulk);
}

/** Every goal of issue 23's table, with this run's figure and its verdict. */
function printGoals(
  r: { bundle: { firstPaintRatio: number }; startUp: { ratio: number }; actions: ActionFigure[]; memory: { mainRssGrowthMb: number } },
  history: Awaited<ReturnType<typeof runHistoryBench>> | undefined,
  bulk: Awaited<ReturnType<typeof runBulkBench>> | undefined,
): void {
  const rows: Array<[string, string, boolean | undefined]> = [];
  rows.push([`page loaded → lookup interactive / bare page ≤ ${GOALS.startVsBare}×`, `${r.startUp.ratio}×`, r.startUp.ratio <= GOALS.startVsBare]);
  for (const f of r.actions.filter((a) => a.latencyMs === 0))
    rows.push([`${f.action} at 0 ms added ≤ ${GOALS.actionAtZeroMs} ms`, `${f.medianMs} ms`, f.medianMs <= GOALS.actionAtZeroMs]);
  for (const f of r.actions.filter((a) => a.ratioToFloor !== null))
    rows.push([`${f.action} at ${f.latencyMs} ms / floor ≤ ${GOALS.actionVsFloor}×`, `${f.ratioToFloor}×`, f.ratioToFloor! <= GOALS.actionVsFloor]);
  rows.push([
    `main RSS growth over ${BRIDGE_CYCLES} cycles < ${GOALS.rssGrowthMb} MB`,
    `${r.memory.mainRssGrowthMb} MB`,
    r.memory.mainRssGrowthMb < GOALS.rssGrowthMb,
  ]);
  if (history) {
    rows.push([
      `history 100,000 vs 1,000 entries, RSS < ${history.rssGrowthGoalMB} MB (stretch < 15)`,
      `+${history.rssGrowthMB} MB`,
      history.rssGrowthMB < history.rssGrowthGoalMB,
    ]);
    rows.push([`history open + filter / floor ≤ ${history.openRatioGoal}×`, `${history.openRatio}×`, history.openRatio <= history.openRatioGoal]);
  }
  if (bulk) rows.push([`bulk ${bulk.rows} rows / rate limit (keep)`, `${bulk.throughputVsRate}×; RSS +${bulk.rssGrowthMb} MB`, undefined]);
  rows.push([`first-paint JS gzip / bare React ≤ ${GOALS.jsVsBare}×`, `${r.bundle.firstPaintRatio}×`, r.bundle.firstPaintRatio <= GOALS.jsVsBare]);
  console.log('\n| goal (issue 23) | this run | verdict |\n| --- | --- | --- |');
  for (const [goal, figure, ok] of rows) console.log(`| ${goal} | ${figure} | ${ok === undefined ? 'see above' : ok ? 'pass' : 'MISS'} |`);
}

function print(r: {
  bundle: { appFirstPaintJsGzipKiB: number; appTotalJsGzipKiB: number; bareJsGzipKiB: number; firstPaintRatio: number; totalRatio: number };
  startUp: { appMedianMs: number; bareMedianMs: number; ratio: number; runs: number };
  actions: ActionFigure[];
  runsPerAction: number;
  keychain: { firstUseCalls: number; callsOver2000Cycles: number };
  memory: { mainRssGrowthMb: number; mainHeapGrowthMb: number; heapGrowthBetweenSnapshots: Growth[][] };
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
    `\n| stage, median ms (scripts/bench/stages.ts) | ${r.actions.map((f) => `${f.action} @${f.latencyMs}`).join(' | ')} |\n| --- |${r.actions.map(() => ' --- |').join('')}`,
  );
  for (const [key, label] of STAGE_COLUMNS) console.log(`| ${label} | ${r.actions.map((f) => f.stages[key]).join(' | ')} |`);
  console.log(
    `\nKeychain calls: ${r.keychain.firstUseCalls} on the connection's first use in the session, ${r.keychain.callsOver2000Cycles} over ${BRIDGE_CYCLES} lookup + save cycles.`,
  );
  console.log(
    `Main-process RSS growth over ${BRIDGE_CYCLES} bridge cycles: ${r.memory.mainRssGrowthMb} MB (goal < ${GOALS.rssGrowthMb} MB: ${verdict(r.memory.mainRssGrowthMb < GOALS.rssGrowthMb)}).`,
  );
  console.log(`  of which V8's heap in use after a full GC: ${r.memory.mainHeapGrowthMb} MB.`);
  r.memory.heapGrowthBetweenSnapshots.forEach((growth, i) =>
    console.log(
      `  heap growth, snapshot ${i} → ${i + 1} (${BRIDGE_CYCLES / 2} cycles): ${growth.map((g) => `${g.what} ${g.kib} KiB (${g.count})`).join('; ') || 'could not be read'}`,
    ),
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
