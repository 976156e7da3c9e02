// Audit forwarding under a bulk run (issue 20): 10,000 rows against the simulator limited
// to R requests a second, with forwarding on to a collector on loopback (a real rsyslogd
// when the machine has one, as the tests start it; else a minimal TCP sink in this
// process, and the figures say which). Printed: the outbox's largest number of waiting
// events during the run (goal: a few hundred at most, i.e. forwarding keeps up) and main's
// resident memory against the same run without forwarding (goal: within 10 MB). Each run's
// console is a child process of its own, so its RSS is the console's alone; runs alternate
// with and without forwarding, RUNS times each, and the median and spread are given.
// `npm run bench` runs it; `tsx scripts/bench/audit-forwarding.ts` runs it alone.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BulkProgress } from '../../common/bulk-schemas';
import { createAuditHook, type AuditHook } from '../../main/audit/audit-hook';
import { AuditSettings } from '../../main/audit/audit-settings';
import { startSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../../test/helpers/bulk-console';
import { consoleKeyring } from '../../test/helpers/sealed-lines';
import { startRsyslog } from '../../test/helpers/rsyslog';

const ROOT = resolve(__dirname, '../..');
const RATE = Number(process.env.AUDIT_BENCH_RATE ?? 200);
const ROWS = Number(process.env.AUDIT_BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.AUDIT_BENCH_RUNS ?? 3);
const CONCURRENCY = 8;
export const AUDIT_GOALS = { outboxMaxEvents: 500, rssDeltaMb: 10 };

type ChildFigures = { rows: number; saved: number; seconds: number; peakRssMb: number; outboxMax: number; delivered: boolean };

/** In the child: one console (forwarding to `port` when given), one run of the CSV, its figures on stdout. */
async function child(dir: string, baseUrl: string, csv: string, port: number | undefined): Promise<void> {
  let outboxMax = 0;
  let hook: AuditHook | undefined;
  if (port !== undefined) {
    const inner = createAuditHook({
      dir: join(dir, 'audit'),
      settings: async () => AuditSettings.parse({ host: '127.0.0.1', port, tls: false }),
      dataKeys: consoleKeyring(dir),
    });
    // The outbox's size right after each event is written: its largest over the run, not a sample.
    hook = {
      ...inner,
      observer: {
        opened: (head) => inner.observer.opened?.(head),
        async writing(line, hash, head) {
          await inner.observer.writing(line, hash, head);
          outboxMax = Math.max(outboxMax, (await inner.status())?.waiting ?? 0);
        },
      },
    };
  }
  const c = await bulkConsole(dir, { csv }, hook ? { audit: hook } : {});
  const connection = await c.call<{ id: string }>('saveConnection', {
    connection: { name: 'Bench', environment: 'custom', baseUrl, clientId: 'demo-client' },
    credentials: { apiKey: 'demo-key', apiSecret: 'demo-secret' },
  });
  const { file } = await c.chooseAndValidate(connection.id);
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const ended = await c.untilEnded(
    file.runId,
    await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: CONCURRENCY, skipInvalid: false }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  let delivered = true;
  if (hook) {
    const forwarder = await hook.forwarder();
    delivered = await forwarder!.drained(60_000).then(
      () => true,
      () => false,
    );
    await hook.stop();
  }
  const figures: ChildFigures = { rows: file.rows, saved: ended.saved, seconds, peakRssMb: peakRss / 1024 / 1024, outboxMax, delivered };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function runChild(dir: string, baseUrl: string, csv: string, port?: number): Promise<ChildFigures> {
  return new Promise((resolvePromise, reject) => {
    const args = ['--import', 'tsx', __filename, '--child', dir, baseUrl, csv, ...(port !== undefined ? [String(port)] : [])];
    const run = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    run.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    run.once('exit', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildFigures)
        : reject(new Error(`audit bench child failed (${code})`)),
    );
  });
}

/** rsyslogd on loopback when installed; else a TCP sink that reads and counts frames' bytes. */
async function startCollector(): Promise<{ kind: 'rsyslog' | 'in-process TCP sink'; port: number; stop: () => Promise<void> }> {
  if (existsSync('/usr/sbin/rsyslogd') && process.env.AUDIT_BENCH_SINK !== 'tcp') {
    const rsyslog = await startRsyslog();
    return { kind: 'rsyslog', port: rsyslog.tcpPort, stop: () => rsyslog.dispose() };
  }
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined).on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    kind: 'in-process TCP sink',
    port: (server.address() as { port: number }).port,
    stop: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((done) => server.close(done));
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });
const r1 = (value: number) => Number(value.toFixed(1));

export async function runAuditForwardingBench() {
  const sim = await startSimulator({ userCount: ROWS, seed: 20, rate: { perSecond: RATE } });
  const collector = await startCollector();
  const work = await mkdtemp(join(tmpdir(), 'cc-bench-audit-'));
  try {
    const ids = sim
      .listUsers()
      .map((u) => u.userId)
      .slice(0, ROWS);
    const csv = await writeBulkCsv(join(work, 'rows.csv'), ids);
    const runs: { on: ChildFigures; off: ChildFigures }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // A full bucket before each run, so each starts alike.
      await new Promise((r) => setTimeout(r, 1500));
      const off = await runChild(join(work, `off-${i}`), sim.baseUrl, csv);
      await new Promise((r) => setTimeout(r, 1500));
      const on = await runChild(join(work, `on-${i}`), sim.baseUrl, csv, collector.port);
      runs.push({ on, off });
    }
    const outbox = runs.map((run) => run.on.outboxMax);
    const rssDelta = runs.map((run) => r1(run.on.peakRssMb - run.off.peakRssMb));
    const figures = {
      collector: collector.kind,
      rate: RATE,
      rows: ROWS,
      runs: RUNS,
      outboxMaxEvents: { median: median(outbox), ...spread(outbox), each: outbox },
      rssDeltaMb: { median: r1(median(rssDelta)), ...spread(rssDelta), each: rssDelta },
      rssMb: { on: runs.map((run) => r1(run.on.peakRssMb)), off: runs.map((run) => r1(run.off.peakRssMb)) },
      seconds: { on: runs.map((run) => r1(run.on.seconds)), off: runs.map((run) => r1(run.off.seconds)) },
      saved: { on: runs.map((run) => run.on.saved), off: runs.map((run) => run.off.saved) },
      allDelivered: runs.every((run) => run.on.delivered),
      goals: AUDIT_GOALS,
    };
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await writeFile(join(ROOT, 'test-results', 'bench-audit.json'), `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    await collector.stop();
    await sim.stop();
    await rm(work, { recursive: true, force: true });
  }
}

export function printAuditForwardingFigures(f: Awaited<ReturnType<typeof runAuditForwardingBench>>): void {
  const verdict = (ok: boolean) => (ok ? 'meets goal' : 'MISSES goal');
  console.log(
    `\nAudit forwarding (issue 20): ${f.rows}-row bulk run at ${f.rate} requests/s, forwarding to ${f.collector} on loopback, ${f.runs} runs:`,
  );
  console.log(
    `  outbox's largest size during the run: median ${f.outboxMaxEvents.median} events (${f.outboxMaxEvents.min}–${f.outboxMaxEvents.max}; goal ≤ ${AUDIT_GOALS.outboxMaxEvents}: ${verdict(f.outboxMaxEvents.max <= AUDIT_GOALS.outboxMaxEvents)})`,
  );
  console.log(
    `  main's peak RSS with forwarding minus without: median ${f.rssDeltaMb.median} MB (${f.rssDeltaMb.min}–${f.rssDeltaMb.max}; goal ≤ ${AUDIT_GOALS.rssDeltaMb}: ${verdict(f.rssDeltaMb.max <= AUDIT_GOALS.rssDeltaMb)})`,
  );
  console.log(`  rows saved with/without: ${f.saved.on.join(', ')} / ${f.saved.off.join(', ')}; every event delivered at the end: ${f.allDelivered}`);
}

if (require.main === module) {
  const [flag, dir = '', baseUrl = '', csv = '', port] = process.argv.slice(2);
  if (flag === '--child') void child(dir, baseUrl, csv, port === undefined ? undefined : Number(port)).then(() => process.exit(0));
  else void runAuditForwardingBench().then(printAuditForwardingFigures);
}
