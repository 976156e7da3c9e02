// Bulk corrections' figures (issue 14), in one run against the simulator limited to R
// requests a second: throughput for 10,000 rows as a ratio to R (goal ≥ 0.95), the 429s
// the run provoked, and the console's resident memory for 10,000 rows against 1,000 (goal:
// < 30 MB more). Each run's console is a child process of its own (its RSS is the main
// process's, without the simulator's); the simulator stays here. `npm run bench` runs it;
// `tsx scripts/bench/bulk.ts` runs it alone. Figures also go to test-results/bench-bulk.json.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BulkProgress } from '../../common/bulk-schemas';
import { startSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../../test/helpers/bulk-console';

const ROOT = resolve(__dirname, '../..');
const RATE = Number(process.env.BULK_BENCH_RATE ?? 200);
const BIG = 10_000;
const SMALL = 1_000;
const CONCURRENCY = 8;
export const BULK_GOALS = { throughputVsRate: 0.95, rssGrowthMb: 30 };

/** process.memoryUsage() in MB: peaks over the run, and what is left after a full GC at its end. */
type MemoryFigures = { peak: Record<MemoryPart, number>; afterGc: Record<MemoryPart, number> };
type MemoryPart = 'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers';
const PARTS: MemoryPart[] = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'];
type ChildFigures = { rows: number; seconds: number; saved: number; peakRssMb: number; memory: MemoryFigures };

const inMb = (usage: NodeJS.MemoryUsage): Record<MemoryPart, number> =>
  Object.fromEntries(PARTS.map((part) => [part, usage[part] / 1024 / 1024])) as Record<MemoryPart, number>;

/** In the child: one console, one run of the CSV, its figures on stdout. */
async function child(dir: string, baseUrl: string, csv: string): Promise<void> {
  const c = await bulkConsole(dir, { csv });
  const connectionId = await c.call<{ id: string }>('saveConnection', {
    connection: { name: 'Bench', environment: 'custom', baseUrl, clientId: 'demo-client' },
    credentials: { apiKey: 'demo-key', apiSecret: 'demo-secret' },
  });
  const { file } = await c.chooseAndValidate(connectionId.id);
  // Where the resident memory goes: V8's heap (reserved and used), Buffers outside it.
  const peak = inMb(process.memoryUsage());
  const sampleNow = () => {
    const now = inMb(process.memoryUsage());
    PARTS.forEach((part) => (peak[part] = Math.max(peak[part], now[part])));
  };
  const sample = setInterval(sampleNow, 100);
  const started = performance.now();
  const ended = await c.untilEnded(
    file.runId,
    await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: CONCURRENCY, skipInvalid: false }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  sampleNow();
  // What the run left behind that the console still holds (the history index, the run's state), without garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const afterGc = inMb(process.memoryUsage());
  const figures: ChildFigures = { rows: file.rows, seconds, saved: ended.saved, peakRssMb: peak.rss, memory: { peak, afterGc } };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function runChild(dir: string, baseUrl: string, csv: string): Promise<ChildFigures> {
  return new Promise((resolvePromise, reject) => {
    const run = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', dir, baseUrl, csv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    run.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    run.once('exit', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildFigures)
        : reject(new Error(`bulk bench child failed (${code})`)),
    );
  });
}

export async function runBulkBench() {
  let rateLimited = 0;
  const sim = await startSimulator({
    userCount: BIG,
    seed: 14,
    rate: { perSecond: RATE },
    onRequest: (r) => void (r.rateLimited && (rateLimited += 1)),
  });
  const work = await mkdtemp(join(tmpdir(), 'cc-bench-bulk-'));
  try {
    const ids = sim
      .listUsers()
      .map((u) => u.userId)
      .slice(0, BIG);
    const small = await runChild(join(work, 'small'), sim.baseUrl, await writeBulkCsv(join(work, 'small.csv'), ids.slice(0, SMALL)));
    // A full bucket again, so the big run starts as the small one did.
    await new Promise((r) => setTimeout(r, 1500));
    rateLimited = 0;
    const big = await runChild(join(work, 'big'), sim.baseUrl, await writeBulkCsv(join(work, 'big.csv'), ids));
    const throughput = big.saved / big.seconds;
    const figures = {
      rate: RATE,
      rows: big.rows,
      saved: big.saved,
      seconds: Number(big.seconds.toFixed(1)),
      throughputPerSecond: Number(throughput.toFixed(1)),
      throughputVsRate: Number((throughput / RATE).toFixed(3)),
      provoked429: rateLimited,
      rssMb: { [SMALL]: Number(small.peakRssMb.toFixed(1)), [BIG]: Number(big.peakRssMb.toFixed(1)) },
      rssGrowthMb: Number((big.peakRssMb - small.peakRssMb).toFixed(1)),
      /** 10,000 rows minus 1,000, part by part: peaks over the run and after a full GC at its end. */
      growthMb: {
        peak: Object.fromEntries(PARTS.map((part) => [part, Number((big.memory.peak[part] - small.memory.peak[part]).toFixed(1))])) as Record<
          MemoryPart,
          number
        >,
        afterGc: Object.fromEntries(
          PARTS.map((part) => [part, Number((big.memory.afterGc[part] - small.memory.afterGc[part]).toFixed(1))]),
        ) as Record<MemoryPart, number>,
      },
      goals: BULK_GOALS,
    };
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await writeFile(join(ROOT, 'test-results', 'bench-bulk.json'), `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    await sim.stop();
    await rm(work, { recursive: true, force: true });
  }
}

export function printBulkFigures(f: Awaited<ReturnType<typeof runBulkBench>>): void {
  const verdict = (ok: boolean) => (ok ? 'meets goal' : 'MISSES goal');
  console.log(`\nBulk corrections (issue 14), simulator limited to ${f.rate} requests/s:`);
  console.log(
    `  ${f.rows} rows in ${f.seconds} s: ${f.throughputPerSecond}/s = ${f.throughputVsRate} × the limit (goal ≥ ${BULK_GOALS.throughputVsRate}: ${verdict(f.throughputVsRate >= BULK_GOALS.throughputVsRate)})`,
  );
  console.log(`  429s provoked: ${f.provoked429}`);
  console.log(
    `  main's resident memory: ${f.rssMb[SMALL]} MB for ${SMALL} rows, ${f.rssMb[BIG]} MB for ${BIG} (+${f.rssGrowthMb} MB; goal < ${BULK_GOALS.rssGrowthMb}: ${verdict(f.rssGrowthMb < BULK_GOALS.rssGrowthMb)})`,
  );
  const { peak, afterGc } = f.growthMb;
  console.log(
    `    of which, at the peaks: V8 heap reserved +${peak.heapTotal} MB (in use +${peak.heapUsed} MB), Buffers outside it +${peak.external} MB`,
  );
  console.log(
    `    kept after a full GC at the end: heap in use +${afterGc.heapUsed} MB, external +${afterGc.external} MB (what the console holds; the rest was garbage V8 had not collected yet)`,
  );
}

if (require.main === module) {
  const [flag, dir = '', baseUrl = '', csv = ''] = process.argv.slice(2);
  if (flag === '--child') void child(dir, baseUrl, csv).then(() => process.exit(0));
  else void runBulkBench().then(printBulkFigures);
}
